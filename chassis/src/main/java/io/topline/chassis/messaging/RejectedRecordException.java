package io.topline.chassis.messaging;

/**
 * A record that breaks a rule (not JSON, a wrong field, a value out of bounds): retrying cannot help, so the
 * consumer retry gives up at once and the record goes to the dead-letter topic with this message as its reason.
 */
public class RejectedRecordException extends RuntimeException {

    public RejectedRecordException(String reason) {
        super(reason);
    }

    public RejectedRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
