package io.topline.chassis.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The request sizes the service answers with a problem. Vert.x's own parser limits
 * ({@code quarkus.http.limits.max-initial-line-length} and {@code max-header-size}) are set well above these, because
 * the parser refuses with a bare status line and no body; between the two, {@link RequestGuard} answers 414 and 431
 * as problems.
 */
@ConfigMapping(prefix = "topline.http")
public interface HttpLimitsConfig {

    /** Longest request target (path and query) in characters; a longer one is 414. No API needs more than a page URL. */
    @WithDefault("8192")
    int maxUriLength();

    /** Largest sum of header names and values in bytes; more is 431. Large enough for any bearer token we issue. */
    @WithDefault("20480")
    int maxHeaderBytes();
}
