package io.topline.chassis.page;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The {@code page} and {@code size} query parameters of every list, taken as text so that a bad value is a 400
 * problem naming the parameter (an {@code int} parameter that does not parse would be a bare 404).
 */
public class PageParams {

    @QueryParam("page")
    @Parameter(description = "Zero-based page number; a page past the end is empty", example = "0")
    String page;

    @QueryParam("size")
    @Parameter(description = "Most items on the page (default and largest allowed size are configured per service)",
            example = "50")
    String size;

    public PageParams() {
    }

    public PageParams(String page, String size) {
        this.page = page;
        this.size = size;
    }

    String page() {
        return page;
    }

    String size() {
        return size;
    }
}
