package io.topline.cli;

/** The suite's roles, as the local stack names its token files. */
public final class Roles {

    public static final String ADMIN = "topline-admin";
    public static final String INGEST = "topline-ingest";
    public static final String VIEWER = "topline-viewer";

    private Roles() {
    }
}
