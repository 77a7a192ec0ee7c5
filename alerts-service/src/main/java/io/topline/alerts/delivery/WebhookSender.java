package io.topline.alerts.delivery;

import io.netty.channel.ConnectTimeoutException;
import io.topline.alerts.delivery.DeliveryService.AttemptResult;
import io.topline.alerts.delivery.DeliveryService.DeliveryJob;
import io.topline.alerts.receiver.MailSender;
import io.topline.alerts.receiver.OutgoingMessage;
import io.topline.alerts.receiver.ReceiverKind;
import io.topline.alerts.receiver.ReceiverMessages;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes one delivery attempt: a signed Standard Webhook, the message another receiver kind takes (posted the same way,
 * unsigned), or an e-mail.
 *
 * <p>It connects to the address the {@link SsrfGuard} resolved and checked, while the URL's host still names the
 * subscriber in {@code Host} and TLS (SNI and certificate check): a second lookup by the HTTP client could be answered
 * differently (DNS rebinding) and reach an internal address. Redirects are never followed, since their target was
 * never checked.
 */
@ApplicationScoped
public class WebhookSender {

    /** The response header by which a subscriber stops the retries of a message (with the value {@code true}). */
    public static final String ABORT_HEADER = "webhook-abort";

    private final SsrfGuard guard;
    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;
    // null in a sender made for Standard Webhooks only (WebhookSenderTest)
    private final ReceiverMessages messages;
    private final MailSender mail;

    @Inject
    public WebhookSender(Vertx vertx, SsrfGuard guard, WebhookConfig config, Clock clock, ReceiverMessages messages,
                         MailSender mail) {
        this(vertx, guard, config.timeout(), clock, config.maxInFlight(), messages, mail);
    }

    /** A sender of Standard Webhooks only. */
    public WebhookSender(Vertx vertx, SsrfGuard guard, Duration timeout, Clock clock) {
        this(vertx, guard, timeout, clock, 50, null, null);
    }

    @SuppressWarnings("java:S107")
    private WebhookSender(Vertx vertx, SsrfGuard guard, Duration timeout, Clock clock, int maxInFlight,
                          ReceiverMessages messages, MailSender mail) {
        this.messages = messages;
        this.mail = mail;
        this.guard = guard;
        this.clock = clock;
        this.timeout = timeout;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                // one connection per attempt, as many as the worker has attempts in flight: none waits for a slot
                .setKeepAlive(false)
                .setMaxPoolSize(maxInFlight));
    }

    /**
     * Sends the job's payload once; the future never fails, a failure is an {@link AttemptResult} with an error.
     * The name is resolved on the calling thread, which may block; a resolution that outlasts the timeout sends
     * nothing, so that an attempt never goes out after its lease could have run out.
     */
    public CompletableFuture<AttemptResult> send(DeliveryJob job) {
        ReceiverKind kind = job.receiver().kind();
        OutgoingMessage message;
        try {
            message = kind == ReceiverKind.WEBHOOK ? OutgoingMessage.post(job.url(), job.payload())
                    : messages.render(job.receiver(), job.url(), job.secret(), job.payload());
        } catch (RuntimeException e) {
            // no message can be made of this payload for this receiver: recorded and failed, not retried for ever
            return noAnswer("could not render the " + kind + " message: " + e, true, clock.instant(), 0);
        }
        if (!kind.posts()) {
            return mail.send(message, job.messageId(), timeout);
        }
        return post(job, message);
    }

    private CompletableFuture<AttemptResult> post(DeliveryJob job, OutgoingMessage message) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        URI uri = URI.create(message.url());
        SsrfGuard.Target target = guard.target(uri.getHost());
        long resolvedMillis = (System.nanoTime() - startNanos) / 1_000_000;
        if (target.refusal() != null) {
            return noAnswer(target.refusal(), true, started, resolvedMillis);
        }
        if (target.unresolved() != null) {
            // a name that does not resolve now may resolve later: retried like a subscriber that did not answer
            return noAnswer(target.unresolved(), false, started, resolvedMillis);
        }
        if (resolvedMillis > timeout.toMillis()) {
            return noAnswer("resolving the host took longer than " + timeout, false, started, resolvedMillis);
        }
        CompletableFuture<AttemptResult> result = new CompletableFuture<>();
        client.request(request(job, uri, target, started.getEpochSecond()))
                .compose(request -> request.send(Buffer.buffer(message.body())))
                .onComplete(answer -> {
                    long millis = (System.nanoTime() - startNanos) / 1_000_000;
                    if (answer.failed()) {
                        result.complete(new AttemptResult(null, null, false, error(answer.cause()), false, started,
                                millis));
                        return;
                    }
                    result.complete(answered(answer.result(), started, millis));
                });
        // the idle timeout would let a subscriber that trickles bytes hold an attempt open for ever
        return result.completeOnTimeout(new AttemptResult(null, null, false, "timed out after " + timeout, false,
                started, resolvedMillis + timeout.toMillis()), timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    private AttemptResult answered(HttpClientResponse response, Instant started, long millis) {
        Duration retryAfter = DeliveryWorker.retryAfter(response.getHeader("retry-after"), clock.instant());
        boolean abort = "true".equalsIgnoreCase(String.valueOf(response.getHeader(ABORT_HEADER)).trim());
        return new AttemptResult(response.statusCode(), retryAfter, abort, null, false, started, millis);
    }

    private static CompletableFuture<AttemptResult> noAnswer(String error, boolean refused, Instant started,
                                                             long millis) {
        return CompletableFuture.completedFuture(new AttemptResult(null, null, false, error, refused, started, millis));
    }

    /**
     * The POST to the checked address, under the URL's own host name; signed (Standard Webhooks) for a webhook, while
     * the other receivers authenticate by their URL or, for PagerDuty, the routing key in the body.
     */
    private RequestOptions request(DeliveryJob job, URI uri, SsrfGuard.Target target, long timestamp) {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(uri.toString())
                .setServer(SocketAddress.inetSocketAddress(port, target.address().getHostAddress()))
                .setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "topline-alerts-service");
        if (job.receiver().kind() != ReceiverKind.WEBHOOK) {
            return options;
        }
        return options.putHeader("webhook-id", job.messageId())
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature",
                        WebhookSigner.sign(job.secret(), job.messageId(), timestamp, job.payload()));
    }

    private String error(Throwable cause) {
        if (cause instanceof TimeoutException || cause instanceof ConnectTimeoutException) {
            return "timed out after " + timeout;
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
