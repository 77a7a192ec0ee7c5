package io.topline.alerts.receiver;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.topline.alerts.delivery.DeliveryService.AttemptResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one e-mail attempt through the configured SMTP server (Quarkus Mailer). An accepted message is recorded with
 * SMTP's 250 ("completed"), which the delivery rules count as a success like a 2xx; a refusal or a lost connection is
 * an error, retried on the schedule like a webhook that did not answer.
 */
@ApplicationScoped
public class MailSender {

    /** SMTP's "requested mail action okay, completed". */
    static final int ACCEPTED = 250;

    private final ReactiveMailer mailer;
    private final ReceiverConfig config;
    private final Clock clock;

    public MailSender(ReactiveMailer mailer, ReceiverConfig config, Clock clock) {
        this.mailer = mailer;
        this.config = config;
        this.clock = clock;
    }

    /** Sends the message within {@code timeout}; the future never fails. */
    public CompletableFuture<AttemptResult> send(OutgoingMessage message, String messageId, Duration timeout) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        Mail mail = new Mail().setTo(message.recipients()).setSubject(message.subject()).setText(message.body())
                .setFrom(config.mailFrom())
                // the webhook-id's counterpart: lets a mailbox see repeats of one message
                .addHeader("X-Topline-Message-Id", messageId);
        return mailer.send(mail)
                .ifNoItem().after(timeout).failWith(() -> new IllegalStateException("timed out after " + timeout))
                .map(done -> new AttemptResult(ACCEPTED, null, false, null, false, started, millisSince(startNanos)))
                .onFailure().recoverWithItem(e -> new AttemptResult(null, null, false,
                        e.getClass().getSimpleName() + ": " + e.getMessage(), false, started, millisSince(startNanos)))
                .subscribeAsCompletionStage();
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
