package io.topline.chassis.deadletter;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** Which dead letters to re-drive: one record (topic, partition and offset), or every record since an instant. */
public record RedriveRequest(
        @Schema(description = "The dead-letter topic of the one record", example = "topline.measurements.dlq")
        @Size(min = 1, max = 249) String topic,
        @Schema(description = "Its partition", example = "0") @Min(0) Integer partition,
        @Schema(description = "Its offset", example = "12") @Min(0) Long offset,
        @Schema(description = "Re-drive every dead letter of the service dead-lettered at or after this instant",
                example = "2026-11-30T00:00:00Z") Instant since) {

    boolean namesOneRecord() {
        return topic != null || partition != null || offset != null;
    }
}
