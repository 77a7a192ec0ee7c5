package io.topline.drivers.driver;

/** The shape of every key: lower-case words of letters and digits joined by single hyphens. */
public final class Slugs {

    public static final String PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";
    public static final String MESSAGE = "must be a slug: lower-case letters and digits joined by single hyphens";

    private Slugs() {
    }
}
