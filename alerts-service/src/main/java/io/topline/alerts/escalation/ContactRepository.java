package io.topline.alerts.escalation;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Contacts by e-mail address (stored in lower case). */
@ApplicationScoped
public class ContactRepository implements PanacheRepositoryBase<Contact, String> {
}
