package io.topline.chassis.page;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.function.Function;

/** One page of a list, the same shape for every list of the suite, with what a client needs to fetch the others. */
public record Page<T>(
        @Schema(description = "The items of this page, in the list's order") List<T> items,
        @Schema(description = "Zero-based number of this page", example = "0") int page,
        @Schema(description = "Most items a page holds", example = "50") int size,
        @Schema(description = "How many items match in all", example = "120") long totalItems,
        @Schema(description = "How many pages of this size the items fill", example = "3") long totalPages) {

    /** The page {@code request} asked for, holding {@code items} out of {@code totalItems}. */
    public static <T> Page<T> of(List<T> items, PageRequest request, long totalItems) {
        long pages = (totalItems + request.size() - 1) / request.size();
        return new Page<>(List.copyOf(items), request.page(), request.size(), totalItems, pages);
    }

    public <R> Page<R> map(Function<T, R> mapping) {
        return new Page<>(items.stream().map(mapping).toList(), page, size, totalItems, totalPages);
    }
}
