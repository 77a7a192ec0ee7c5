package io.topline.chassis.page;

/** A zero-based page number and a page size, already checked so that their offset fits any query. */
public record PageRequest(int page, int size) {

    public PageRequest {
        if (page < 0 || size < 1 || (long) page * size > Integer.MAX_VALUE - size) {
            throw new IllegalArgumentException("page " + page + " of size " + size + " is out of range");
        }
    }

    /** Index of the first item of this page. */
    public int offset() {
        return page * size;
    }
}
