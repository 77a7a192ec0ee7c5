package io.topline.drivers.measure;

/** Which way is good for a measure; it decides which side of success a failure level must lie. */
public enum Direction {
    HIGHER_IS_BETTER, LOWER_IS_BETTER
}
