package io.topline.alerts.alert;

/** Fired in the transaction that moved an alert; observers act only after that transaction commits. */
public record AlertTransitioned(String eventId, String type, AlertEventData data) {
}
