package io.topline.alerts.alert;

import jakarta.validation.constraints.Size;

/** An on-call person takes an alert on, optionally saying what they are doing about it. */
public record AcknowledgeAlertRequest(@Size(max = 2000) String comment) {
}
