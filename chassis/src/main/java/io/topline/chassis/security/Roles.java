package io.topline.chassis.security;

/** The roles of the suite, as they appear in a bearer token's {@code groups} claim. */
public final class Roles {

    /** Changes definitions, subscriptions, receivers and silences. */
    public static final String ADMIN = "topline-admin";
    /** Posts measurements. */
    public static final String INGEST = "topline-ingest";
    /** Reads everything. */
    public static final String VIEWER = "topline-viewer";
    /** Acknowledges and resolves alerts. */
    public static final String ONCALL = "topline-oncall";

    private Roles() {
    }
}
