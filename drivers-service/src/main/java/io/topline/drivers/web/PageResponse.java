package io.topline.drivers.web;

import java.util.List;
import java.util.function.Function;

/** One page of a list: the items, where the page is, and how many items match in all. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {

    public <R> PageResponse<R> map(Function<T, R> mapping) {
        return new PageResponse<>(items.stream().map(mapping).toList(), page, size, total);
    }
}
