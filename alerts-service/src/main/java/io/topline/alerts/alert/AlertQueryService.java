package io.topline.alerts.alert;

import io.topline.alerts.web.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Read side of alerts: filtered, paginated lists with their transition histories. */
@ApplicationScoped
public class AlertQueryService {

    private final AlertRepository alerts;

    public AlertQueryService(AlertRepository alerts) {
        this.alerts = alerts;
    }

    @Transactional
    public Page<AlertResponse> search(AlertFilter filter, int page, int size) {
        return Page.of(alerts.search(filter), page, size).map(AlertResponse::of);
    }
}
