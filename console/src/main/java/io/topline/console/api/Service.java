package io.topline.console.api;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The three APIs and the path prefixes each owns. No two services share a prefix (docs/api.md), so a path alone
 * says which service answers it, as it does for the Kubernetes ingress.
 */
public enum Service {
    DRIVERS(List.of("/drivers", "/measures", "/organisation")),
    METRICS(List.of("/measurements", "/actuals", "/ingest-keys", "/dead-letters/metrics")),
    ALERTS(List.of("/scorecard", "/evaluations", "/alerts", "/subscriptions", "/silences", "/escalation-policies",
            "/contacts", "/dead-letters/alerts"));

    private final List<String> prefixes;

    Service(List<String> prefixes) {
        this.prefixes = prefixes;
    }

    /** The service that owns {@code path} (which starts with a slash), if any. */
    public static Optional<Service> owning(String path) {
        for (Service service : values()) {
            for (String prefix : service.prefixes) {
                if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                    return Optional.of(service);
                }
            }
        }
        return Optional.empty();
    }

    /** This service's base URL in {@code config}. */
    public URI baseUrl(ServicesConfig config) {
        return switch (this) {
            case DRIVERS -> config.drivers();
            case METRICS -> config.metrics();
            case ALERTS -> config.alerts();
        };
    }

    /** The name the suite knows the service by, for messages. */
    public String serviceName() {
        return name().toLowerCase() + "-service";
    }
}
