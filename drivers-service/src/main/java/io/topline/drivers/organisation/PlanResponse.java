package io.topline.drivers.organisation;

import java.util.List;

/**
 * The difference between an organisation file and the running suite: what applying it creates, changes and (with
 * prune) archives, and which definitions it leaves as they are ({@code driver:<key>}, {@code measure:<key>}).
 * {@code applied} says whether this is a plan (false) or what an apply just did (true); applying an exported file,
 * or the same file twice, has no changes. {@code basedOn} is the ETag of the definitions the plan compared
 * against: an apply with prune must send it as If-Match, so that it archives exactly what the plan showed.
 */
public record PlanResponse(boolean applied, boolean prune, String basedOn, List<PlannedChange> changes,
                           List<String> unchanged, Summary summary) {

    /** How many definitions each action touches. */
    public record Summary(int create, int update, int archive, int unchanged, int targetsAdded) {
    }
}
