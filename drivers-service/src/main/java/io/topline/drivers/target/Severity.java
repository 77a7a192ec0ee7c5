package io.topline.drivers.target;

/** How loud a miss of the target is. */
public enum Severity {
    CRITICAL, WARNING, INFO
}
