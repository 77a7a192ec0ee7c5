package io.topline.cli;

/** The exit codes of every command, so that scripts and CI can tell what went wrong without reading the text. */
public final class ExitCodes {

    /** Done; for plan, nothing to change unless --detailed-exitcode says otherwise. */
    public static final int OK = 0;
    /** The input is wrong: a file that breaks the schema or the rules, or a request the suite refused as invalid. */
    public static final int INVALID = 1;
    /** The command line is wrong (picocli's own usage error code). */
    public static final int USAGE = 2;
    /** The suite could not be reached, or failed (a 5xx, a timeout). */
    public static final int UNAVAILABLE = 3;
    /** No token, or the token was refused (401) or lacks the role (403). */
    public static final int DENIED = 4;
    /** The state changed meanwhile (409, 412, 428): plan again. */
    public static final int CONFLICT = 5;
    /** plan --detailed-exitcode: the plan has changes. */
    public static final int CHANGES = 10;

    private ExitCodes() {
    }

    /** The exit code for an HTTP status the suite answered with. */
    public static int ofStatus(int status) {
        if (status < 400) {
            return OK;
        }
        return switch (status) {
            case 401, 403 -> DENIED;
            case 409, 412, 428 -> CONFLICT;
            default -> status >= 500 ? UNAVAILABLE : INVALID;
        };
    }
}
