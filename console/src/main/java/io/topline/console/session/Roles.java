package io.topline.console.session;

import java.util.List;

/** The suite's role names as they appear in a token's {@code groups} claim (docs/api.md). */
public final class Roles {

    public static final String ADMIN = "topline-admin";
    public static final String VIEWER = "topline-viewer";
    public static final String ONCALL = "topline-oncall";

    /** The roles a person can sign in with to read the console; ingest is for systems, not people. */
    public static final List<String> PEOPLE = List.of(VIEWER, ONCALL, ADMIN);

    private Roles() {
    }
}
