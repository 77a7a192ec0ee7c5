package io.topline.chassis.page;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Page sizes of every list endpoint. */
@ConfigMapping(prefix = "topline.paging")
public interface PagingConfig {

    /** Page size when the request names none: a screenful, small enough to answer fast. */
    @WithDefault("50")
    int defaultSize();

    /** Largest page a request may ask for, which bounds the work and the body of one response. */
    @WithDefault("500")
    int maxSize();
}
