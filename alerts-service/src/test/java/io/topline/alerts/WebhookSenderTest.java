package io.topline.alerts;

import com.sun.net.httpserver.HttpServer;
import io.topline.alerts.delivery.DeliveryService.AttemptResult;
import io.topline.alerts.delivery.DeliveryService.DeliveryJob;
import io.topline.alerts.delivery.SsrfGuard;
import io.topline.alerts.delivery.WebhookSender;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One webhook attempt connects where the guard checked, never to a second DNS answer, and follows no redirect. */
class WebhookSenderTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    Vertx vertx;
    HttpServer server;
    final List<String> hosts = new CopyOnWriteArrayList<>();
    final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            paths.add(exchange.getRequestURI().getPath());
            if (exchange.getRequestURI().getPath().equals("/moved")) {
                exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data");
                exchange.sendResponseHeaders(307, -1);
            } else if (exchange.getRequestURI().getPath().equals("/abort")) {
                exchange.getResponseHeaders().add("Webhook-Abort", "true");
                exchange.sendResponseHeaders(422, -1);
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void shouldConnectToTheAddressTheGuardCheckedWithoutResolvingTheNameAgain() {
        AtomicInteger lookups = new AtomicInteger();
        // a name that only this resolver knows: a client that looked it up again would not reach the receiver
        SsrfGuard guard = new SsrfGuard(true, host -> {
            lookups.incrementAndGet();
            return new InetAddress[]{InetAddress.getByAddress(host, new byte[]{127, 0, 0, 1})};
        });
        String url = "http://hooks.rebind.test:" + port() + "/hooks/topline";

        AttemptResult result = sender(guard).send(job(url)).join();

        assertEquals(204, result.statusCode(), "error: " + result.error());
        assertNull(result.error());
        assertFalse(result.refused());
        assertEquals(1, lookups.get(), "one lookup, by the guard");
        assertEquals(List.of("hooks.rebind.test:" + port()), hosts, "the Host header still names the subscriber");
        assertEquals(List.of("/hooks/topline"), paths);
    }

    @Test
    void shouldRefuseWhenTheNameNowResolvesToAnInternalAddressAndSendNothing() {
        AtomicInteger lookups = new AtomicInteger();
        // public when the subscription was created, rebound to the cloud metadata address before the attempt
        SsrfGuard guard = new SsrfGuard(false, host -> new InetAddress[]{lookups.incrementAndGet() == 1
                ? InetAddress.getByAddress(host, new byte[]{93, (byte) 184, (byte) 215, 14})
                : InetAddress.getByAddress(host, new byte[]{(byte) 169, (byte) 254, (byte) 169, (byte) 254})});
        String url = "http://hooks.rebind.test:" + port() + "/hooks/topline";
        assertEquals(url, guard.check(url).toString());

        AttemptResult result = sender(guard).send(job(url)).join();

        assertTrue(result.refused());
        assertNull(result.statusCode());
        assertEquals("url host 'hooks.rebind.test' resolves to 169.254.169.254, a private, loopback or link-local "
                + "address, which subscriptions may not target", result.error());
        assertEquals(List.of(), paths);
    }

    @Test
    void shouldRetryANameThatDoesNotResolveInsteadOfGivingUp() {
        SsrfGuard guard = new SsrfGuard(false, host -> {
            throw new UnknownHostException(host);
        });

        AttemptResult result = sender(guard).send(job("https://hooks.example.com/x")).join();

        assertFalse(result.refused(), "a DNS failure may pass: the delivery is retried");
        assertNull(result.statusCode());
        assertEquals("url host 'hooks.example.com' cannot be resolved", result.error());
    }

    @Test
    void shouldNotFollowARedirect() {
        SsrfGuard guard = new SsrfGuard(true);
        AttemptResult result = sender(guard).send(job("http://127.0.0.1:" + port() + "/moved")).join();

        assertEquals(307, result.statusCode());
        assertEquals(List.of("/moved"), paths);
    }

    @Test
    void shouldReportAnAbortTheReceiverAskedFor() {
        SsrfGuard guard = new SsrfGuard(true);
        AttemptResult aborted = sender(guard).send(job("http://127.0.0.1:" + port() + "/abort")).join();
        AttemptResult accepted = sender(guard).send(job("http://127.0.0.1:" + port() + "/hooks")).join();

        assertEquals(422, aborted.statusCode());
        assertTrue(aborted.abortRequested());
        assertEquals(204, accepted.statusCode());
        assertFalse(accepted.abortRequested());
    }

    private WebhookSender sender(SsrfGuard guard) {
        return new WebhookSender(vertx, guard, Duration.ofSeconds(2), Clock.systemUTC());
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private static DeliveryJob job(String url) {
        return new DeliveryJob(UUID.randomUUID(), UUID.randomUUID(), url, SECRET, "msg_" + UUID.randomUUID(),
                "{\"type\":\"topline.alert.fired\"}", 1, Instant.now().plusSeconds(60));
    }
}
