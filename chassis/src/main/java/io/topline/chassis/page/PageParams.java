package io.topline.chassis.page;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The {@code page} and {@code size} query parameters of every list, taken as text so that a bad value is a 400
 * problem naming the parameter (an {@code int} parameter that does not parse would be a bare 404).
 */
public class PageParams {

    @QueryParam("page")
    @Parameter(description = "Zero-based page number; a page past the end is empty", example = "0",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
    String page;

    @QueryParam("size")
    @Parameter(description = "Most items on the page: 50 when absent, at most 500 (topline.paging.default-size and "
            + "max-size configure them per service)", example = "50",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "50"))
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
