package io.topline.alerts.delivery;

import io.netty.channel.ConnectTimeoutException;
import io.topline.alerts.delivery.DeliveryService.AttemptResult;
import io.topline.alerts.delivery.DeliveryService.DeliveryJob;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
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
 * Makes one signed webhook attempt.
 *
 * <p>It connects to the address the {@link SsrfGuard} resolved and checked, while the URL's host still names the
 * subscriber in {@code Host} and TLS (SNI and certificate check): a second lookup by the HTTP client could be answered
 * differently (DNS rebinding) and reach an internal address. Redirects are never followed, since their target was
 * never checked.
 */
@ApplicationScoped
public class WebhookSender {

    private final SsrfGuard guard;
    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    @Inject
    public WebhookSender(Vertx vertx, SsrfGuard guard, WebhookConfig config, Clock clock) {
        this(vertx, guard, config.timeout(), clock);
    }

    public WebhookSender(Vertx vertx, SsrfGuard guard, Duration timeout, Clock clock) {
        this.guard = guard;
        this.clock = clock;
        this.timeout = timeout;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                // one connection per attempt, as many as a delivery round has jobs: an attempt never waits for a slot
                .setKeepAlive(false)
                .setMaxPoolSize(DeliveryWorker.BATCH));
    }

    /** Sends the job's payload once; the future never fails, a failure is an {@link AttemptResult} with an error. */
    public CompletableFuture<AttemptResult> send(DeliveryJob job) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        URI uri = URI.create(job.url());
        SsrfGuard.Target target = guard.target(uri.getHost());
        if (target.refusal() != null) {
            return CompletableFuture.completedFuture(new AttemptResult(null, null, target.refusal(), true, started, 0));
        }
        if (target.unresolved() != null) {
            // a name that does not resolve now may resolve later: retried like a subscriber that did not answer
            return CompletableFuture.completedFuture(new AttemptResult(null, null, target.unresolved(), false, started, 0));
        }
        CompletableFuture<AttemptResult> result = new CompletableFuture<>();
        client.request(signedRequest(job, uri, target, started.getEpochSecond()))
                .compose(request -> request.send(Buffer.buffer(job.payload())))
                .onComplete(answer -> {
                    long millis = (System.nanoTime() - startNanos) / 1_000_000;
                    if (answer.failed()) {
                        result.complete(new AttemptResult(null, null, error(answer.cause()), false, started, millis));
                        return;
                    }
                    Duration retryAfter = DeliveryWorker.retryAfter(answer.result().getHeader("retry-after"),
                            clock.instant());
                    result.complete(new AttemptResult(answer.result().statusCode(), retryAfter, null, false, started,
                            millis));
                });
        // the idle timeout would let a subscriber that trickles bytes hold an attempt open for ever
        return result.completeOnTimeout(new AttemptResult(null, null, "timed out after " + timeout, false, started,
                timeout.toMillis()), timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    /** The signed POST of the job's payload to the checked address, under the URL's own host name. */
    private RequestOptions signedRequest(DeliveryJob job, URI uri, SsrfGuard.Target target, long timestamp) {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        return new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(job.url())
                .setServer(SocketAddress.inetSocketAddress(port, target.address().getHostAddress()))
                .setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "topline-alerts-service")
                .putHeader("webhook-id", job.messageId())
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
