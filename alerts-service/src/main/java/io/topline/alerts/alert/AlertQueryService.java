package io.topline.alerts.alert;

import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageRequest;
import io.topline.chassis.page.PanachePages;
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
    public Page<AlertResponse> search(AlertFilter filter, PageRequest page) {
        return PanachePages.of(alerts.search(filter), page).map(AlertResponse::of);
    }
}
