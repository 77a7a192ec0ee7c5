package io.topline.drivers.alerting;

/**
 * alerts-service could not be reached, or failed: not the caller's fault and nothing was applied by this request,
 * so it is a 503 with Retry-After (see {@link AlertingUnavailableMapper}).
 */
public class AlertingUnavailableException extends RuntimeException {

    public AlertingUnavailableException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
