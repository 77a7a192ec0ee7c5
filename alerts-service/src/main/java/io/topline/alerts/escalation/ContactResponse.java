package io.topline.alerts.escalation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A contact as the API shows it. */
public record ContactResponse(String email, String name, List<UUID> routes, String updatedBy, Instant updatedAt) {

    static ContactResponse of(Contact contact) {
        return new ContactResponse(contact.email(), contact.name(), contact.routes(), contact.updatedBy(),
                contact.updatedAt());
    }
}
