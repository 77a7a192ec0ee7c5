package io.topline.drivers.organisation;

import io.topline.chassis.problem.ProblemException;

/**
 * The organisation's ETag across the two services that hold it: drivers-service's ({@code org-...}, a hash of every
 * driver's and measure's revision) and, when the alerting sections take part, alerts-service's ({@code alr-...}),
 * joined by a dot: {@code org-3f2a9c0d1e4b5a67.alr-9b1c2d3e4f5a6b7c}. An If-Match names one such tag (or *); each
 * part is checked by the service that owns it, alerts-service's under its own lock when it applies.
 */
record OrganisationTag(String drivers, String alerting) {

    static final OrganisationTag ANY = new OrganisationTag("*", "*");

    static String of(String drivers, String alerting) {
        return alerting == null ? drivers : drivers + "." + alerting;
    }

    /** The If-Match header's tag, or null without one; {@code W/} and quotes are dropped, the first tag counts. */
    static OrganisationTag parse(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.split(",")[0].trim().replaceFirst("^W/", "").replace("\"", "");
        if (value.equals("*")) {
            return ANY;
        }
        int dot = value.indexOf(".alr-");
        return dot < 0 ? new OrganisationTag(value, null) : new OrganisationTag(value.substring(0, dot),
                value.substring(dot + 1));
    }

    /** 428 without a tag where one is required, 412 when the drivers' part is not the current one. */
    static OrganisationTag checkDrivers(String ifMatch, String current, String currentCombined, boolean required) {
        OrganisationTag tag = parse(ifMatch);
        if (tag == null) {
            if (required) {
                throw new ProblemException(428, "precondition-required", "Precondition required", "Pruning needs "
                        + "If-Match with the plan's basedOn (current \"" + currentCombined + "\")", null);
            }
            return null;
        }
        if (tag != ANY && !tag.drivers().equals(current)) {
            throw stale(ifMatch, currentCombined);
        }
        return tag;
    }

    /**
     * The If-Match to send alerts-service for the alerting sections: its part of the tag, * for *, none without a
     * tag. With prune a tag without an alerting part is refused (428): it was made without the alerting sections, so
     * it cannot tell what prune would disable there.
     */
    static String alertingIfMatch(OrganisationTag tag, String ifMatch, String currentCombined, boolean prune) {
        if (tag == null) {
            return null;
        }
        if (tag == ANY) {
            return "*";
        }
        if (tag.alerting() == null) {
            if (prune) {
                throw new ProblemException(428, "precondition-required", "Precondition required", "If-Match "
                        + ifMatch.trim() + " names the drivers' definitions only, and the file prunes alerting sections "
                        + "too: send the basedOn of a plan of this file (current \"" + currentCombined + "\")", null);
            }
            return null;
        }
        return tag.alerting();
    }

    static ProblemException stale(String ifMatch, String currentCombined) {
        return new ProblemException(412, "precondition-failed", "Precondition failed", "If-Match " + ifMatch.trim()
                + " does not match the organisation's ETag \"" + currentCombined + "\": it changed since the plan; "
                + "plan again", null);
    }
}
