package io.topline.alerts.subscription;

import io.topline.alerts.receiver.ReceiverKind;
import io.topline.chassis.problem.ProblemException;

/** The settings each receiver kind needs in a new subscription, and those it may not have. */
public final class ReceiverRequest {

    private ReceiverRequest() {
    }

    /** Throws a 400 problem for a missing setting and a 422 problem for one the kind does not take. */
    public static void check(ReceiverKind kind, CreateSubscriptionRequest request) {
        boolean email = kind == ReceiverKind.EMAIL;
        // PagerDuty has a public default address; every other kind but e-mail posts to the URL it names
        if (request.url() == null && !email && kind != ReceiverKind.PAGERDUTY) {
            throw ProblemException.badRequest("url", "is required for a " + kind + " receiver");
        }
        if (request.url() != null && email) {
            throw ProblemException.unprocessable("url", "an EMAIL receiver sends to its recipients, not to a URL");
        }
        if (email != (request.recipients() != null)) {
            if (email) {
                throw ProblemException.badRequest("recipients", "is required for an EMAIL receiver");
            }
            throw ProblemException.unprocessable("recipients", "only an EMAIL receiver has recipients");
        }
        boolean pagerDuty = kind == ReceiverKind.PAGERDUTY;
        if (pagerDuty != (request.routingKey() != null)) {
            if (pagerDuty) {
                throw ProblemException.badRequest("routingKey", "is required for a PAGERDUTY receiver");
            }
            throw ProblemException.unprocessable("routingKey", "only a PAGERDUTY receiver has a routing key");
        }
        if (kind == ReceiverKind.ALERTMANAGER && request.repeatInterval() != null) {
            throw ProblemException.unprocessable("repeatInterval", "an Alertmanager repeats notifications itself "
                    + "(its repeat_interval); Topline re-sends the alerts it is told of while they are open");
        }
    }
}
