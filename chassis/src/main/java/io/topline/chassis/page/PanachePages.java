package io.topline.chassis.page;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

/** Reads one page of a Panache query together with the count of everything it matches. */
public final class PanachePages {

    private PanachePages() {
    }

    public static <T> Page<T> of(PanacheQuery<T> query, PageRequest request) {
        PanacheQuery<T> paged = query.page(request.page(), request.size());
        return Page.of(paged.list(), request, paged.count());
    }
}
