package io.topline.chassis.deadletter;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** One record a consumer could not apply, as its dead-letter topic holds it. */
public record DeadLetter(
        @Schema(description = "The dead-letter topic", example = "topline.measurements.dlq") String topic,
        @Schema(description = "Partition in the dead-letter topic", example = "0") int partition,
        @Schema(description = "Offset in the dead-letter topic (with topic and partition, what a re-drive names)",
                example = "12") long offset,
        @Schema(description = "The record key", example = "mqls") String key,
        @Schema(description = "Why the consumer gave up (the dead-letter-reason header)",
                example = "invalid measurement: data.measure: unknown measure 'mqls'") String reason,
        @Schema(description = "The underlying cause, when there was one (dead-letter-cause)") String cause,
        @Schema(description = "The topic the record was consumed from", example = "topline.measurements")
        String originalTopic,
        @Schema(description = "Its partition there") Integer originalPartition,
        @Schema(description = "Its offset there") Long originalOffset,
        @Schema(description = "When it was dead-lettered") Instant time,
        @Schema(description = "The start of the value, as text") String valuePreview,
        @Schema(description = "When it was re-driven, or null while it was not") Instant redrivenAt) {
}
