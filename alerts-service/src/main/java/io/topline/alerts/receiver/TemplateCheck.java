package io.topline.alerts.receiver;

import io.topline.alerts.delivery.DeliveryService;
import io.topline.chassis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Refuses a template that does not parse or render over the sample alert, naming the part that fails. */
@ApplicationScoped
public class TemplateCheck {

    private final ReceiverMessages messages;
    private final DeliveryService deliveries;

    public TemplateCheck(ReceiverMessages messages, DeliveryService deliveries) {
        this.messages = messages;
        this.deliveries = deliveries;
    }

    /** Throws a 422 problem naming {@code template.title} or {@code template.text} when the template fails. */
    public void check(ReceiverKind kind, MessageTemplate template) {
        ReceiverSettings receiver = new ReceiverSettings(kind, List.of("sample@example.com"),
                DefaultTemplates.filled(kind, template.title(), template.text()));
        ReceiverMessages.Preview preview = messages.preview(receiver, "http://receiver.example", samplePayload());
        if (preview.error() != null) {
            throw ProblemException.unprocessable("template." + preview.failedPart(), preview.error());
        }
    }

    /** The sample alert's firing as a delivery payload. */
    public String samplePayload() {
        return deliveries.payload(SampleAlert.TYPE, SampleAlert.AT, SampleAlert.data());
    }
}
