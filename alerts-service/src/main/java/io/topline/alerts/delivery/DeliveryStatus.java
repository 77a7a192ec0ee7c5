package io.topline.alerts.delivery;

/** Where one message to one subscriber stands. */
public enum DeliveryStatus {
    /** Waiting for its next attempt (the first, or a retry). */
    PENDING,
    /** The subscriber answered 2xx. */
    SUCCEEDED,
    /**
     * Given up: a 410, an answer with {@code webhook-abort: true}, a refused address, a secret that cannot be
     * decrypted, or the retry schedule ran out. A replay sends the message again.
     */
    FAILED,
    /** The subscription was disabled before the message went out. */
    CANCELLED
}
