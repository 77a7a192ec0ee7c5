package io.topline.alerts.alert;

import jakarta.validation.constraints.Size;

/** An on-call person resolves an alert, optionally saying why. */
public record ResolveAlertRequest(@Size(max = 2000) String comment) {
}
