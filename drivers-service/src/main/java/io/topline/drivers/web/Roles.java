package io.topline.drivers.web;

/** The role names of DESIGN.md that this service checks. */
public final class Roles {

    public static final String ADMIN = "topline-admin";
    public static final String VIEWER = "topline-viewer";

    private Roles() {
    }
}
