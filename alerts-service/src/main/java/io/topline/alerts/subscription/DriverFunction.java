package io.topline.alerts.subscription;

/** The business functions of DESIGN.md a subscription can filter by. */
public enum DriverFunction {
    MARKETING, SALES, SERVICE, OPERATIONS, FINANCE, OTHER
}
