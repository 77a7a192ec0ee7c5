package io.topline.alerts.web;

/** The roles of DESIGN.md, as they appear in the token's {@code groups} claim. */
public final class Roles {

    public static final String ADMIN = "topline-admin";
    public static final String VIEWER = "topline-viewer";
    public static final String ONCALL = "topline-oncall";
    public static final String INGEST = "topline-ingest";

    private Roles() {
    }
}
