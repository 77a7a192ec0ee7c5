package io.topline.drivers.web;

import io.topline.chassis.problem.ProblemException;
import jakarta.ws.rs.core.EntityTag;

/** Optimistic concurrency: the revision of a definition is its ETag, and updates must name it in If-Match. */
public final class Revisions {

    private Revisions() {
    }

    public static EntityTag etag(long revision) {
        return new EntityTag(Long.toString(revision));
    }

    /**
     * Checks an {@code If-Match} header against the current revision: 428 when it is missing, 412 when stale.
     *
     * @param required whether a missing header is refused; optional headers are still checked when present
     */
    public static void check(String ifMatch, long current, boolean required) {
        check(ifMatch, Long.toString(current), required);
    }

    /** {@link #check(String, long, boolean)} for an ETag that is not a number (the whole organisation's, say). */
    public static void check(String ifMatch, String current, boolean required) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (required) {
                throw new ProblemException(428, "precondition-required", "Precondition required",
                        "This update needs an If-Match header with the ETag of the version you read (current ETag \""
                                + current + "\")", null);
            }
            return;
        }
        for (String tag : ifMatch.split(",")) {
            String value = tag.trim();
            if (value.equals("*")) {
                return;
            }
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (value.equals(current)) {
                return;
            }
        }
        throw new ProblemException(412, "precondition-failed", "Precondition failed",
                "If-Match " + ifMatch.trim() + " does not match the current ETag \"" + current
                        + "\": someone changed it since you read it; read it again and retry", null);
    }
}
