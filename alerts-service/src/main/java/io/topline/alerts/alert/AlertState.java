package io.topline.alerts.alert;

/** Where an alert is in its life: FIRING, then ACKNOWLEDGED by a person, then RESOLVED. */
public enum AlertState {
    FIRING, ACKNOWLEDGED, RESOLVED;

    public boolean open() {
        return this != RESOLVED;
    }
}
