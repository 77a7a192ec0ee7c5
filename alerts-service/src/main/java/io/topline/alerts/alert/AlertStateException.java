package io.topline.alerts.alert;

/** A transition the alert's state machine does not allow from its current state. */
public class AlertStateException extends RuntimeException {

    public AlertStateException(String message) {
        super(message);
    }
}
