package io.topline.alerts.delivery;

/** Where one message to one subscriber stands. */
public enum DeliveryStatus {
    /** Waiting for its next attempt (the first, or a retry). */
    PENDING,
    /** The subscriber answered 2xx. */
    SUCCEEDED,
    /** Given up: a 4xx other than 408 and 429, a 410, a refused address, or the retries ran out. */
    FAILED,
    /** The subscription was disabled before the message went out. */
    CANCELLED
}
