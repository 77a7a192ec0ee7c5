package io.topline.alerts.web;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

import java.util.List;
import java.util.function.Function;

/** One page of a list, with what a client needs to fetch the others. */
public record Page<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static <T> Page<T> of(PanacheQuery<T> query, int page, int size) {
        PanacheQuery<T> paged = query.page(page, size);
        long total = paged.count();
        return new Page<>(paged.list(), page, size, total, (int) ((total + size - 1) / size));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages);
    }
}
