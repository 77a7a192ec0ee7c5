package io.topline.alerts.subscription;

/** The business functions of drivers (as drivers-service defines them) a subscription can filter by. */
public enum DriverFunction {
    MARKETING, SALES, SERVICE, OPERATIONS, FINANCE, OTHER
}
