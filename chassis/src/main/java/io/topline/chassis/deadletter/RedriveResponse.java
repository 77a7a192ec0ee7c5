package io.topline.chassis.deadletter;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What a re-drive did: the records it sent back to their topics and those it left because they already were. */
public record RedriveResponse(
        @Schema(description = "Records produced again to their original topic") List<DeadLetterRef> redriven,
        @Schema(description = "Records left alone because an earlier re-drive already sent them")
        List<DeadLetterRef> alreadyRedriven) {

    /** A dead letter by its place in the dead-letter topic. */
    public record DeadLetterRef(String topic, int partition, long offset) {
    }
}
