package io.topline.console.admin;

import io.topline.console.api.ApiException;
import io.topline.console.session.Session;

/** The definitions' pages are the admin role's: anybody else gets a 403 page before any API call. */
final class AdminOnly {

    private AdminOnly() {
    }

    static void require(Session session) {
        if (!session.isAdmin()) {
            throw new ApiException(403, "Forbidden", "Defining drivers, measures, receivers and escalation "
                    + "policies is for the admin role");
        }
    }
}
