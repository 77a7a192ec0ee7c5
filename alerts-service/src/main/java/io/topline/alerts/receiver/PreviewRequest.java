package io.topline.alerts.receiver;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

/**
 * What to preview: the message for a real alert ({@code alertId}, its latest transition) or, without one, for a sample
 * firing; with {@code template} parts tried in place of the saved ones, so that an admin sees a change before saving
 * it.
 */
public record PreviewRequest(
        @Pattern(regexp = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
        String alertId,
        @Valid MessageTemplate template) {
}
