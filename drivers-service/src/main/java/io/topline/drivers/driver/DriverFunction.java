package io.topline.drivers.driver;

/** The business function a driver belongs to; the order is the usual order of a revenue flow. */
public enum DriverFunction {
    MARKETING, SALES, SERVICE, OPERATIONS, FINANCE, OTHER
}
