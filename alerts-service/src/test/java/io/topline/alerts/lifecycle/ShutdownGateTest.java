package io.topline.alerts.lifecycle;

import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import io.topline.alerts.alert.SettleChecker;
import io.topline.alerts.evaluation.EvaluationService;
import io.topline.alerts.evaluation.PeriodCloser;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShutdownGateTest {

    private final List<String> paused = new ArrayList<>();
    private final ShutdownGate gate = new ShutdownGate(registry(), Duration.ofSeconds(5));

    @Test
    void shouldPauseTheConsumersAndWaitForWorkInProgressBeforeLettingTheShutdownGoOn() throws Exception {
        assertTrue(gate.enter());
        CompletableFuture<Void> closing = CompletableFuture.runAsync(gate::close);
        Thread.sleep(300);
        assertFalse(closing.isDone(), "the shutdown waits for the record in progress");
        assertTrue(gate.closing());
        assertFalse(gate.enter(), "no new work once stopping");

        gate.exit();
        closing.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("definitions", "actuals"), paused);
    }

    @Test
    void shouldRunNoClosingRoundOnceStoppingAndStopARoundBetweenMeasures() {
        List<Boolean> rounds = new ArrayList<>();
        EvaluationService evaluations = new EvaluationService(null, null, null, null, null, null, null, null, null,
                null, null) {
            @Override
            public int closePeriods(BooleanSupplier keepGoing) {
                rounds.add(keepGoing.getAsBoolean());
                return 0;
            }
        };
        PeriodCloser closer = new PeriodCloser(evaluations, gate);
        closer.close();
        gate.close();
        closer.close();

        assertEquals(List.of(true), rounds);
    }

    @Test
    void shouldRunNoSettleCheckOnceStopping() {
        gate.close();
        // with the gate closed the check touches nothing: its collaborators would throw if it did
        new SettleChecker(null, null, gate).check();
    }

    private ChannelRegistry registry() {
        return (ChannelRegistry) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{ChannelRegistry.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getPausable")) {
                        String name = (String) args[0];
                        return new PausableChannel() {
                            @Override
                            public boolean isPaused() {
                                return paused.contains(name);
                            }

                            @Override
                            public void pause() {
                                paused.add(name);
                            }

                            @Override
                            public void resume() {
                                paused.remove(name);
                            }
                        };
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
