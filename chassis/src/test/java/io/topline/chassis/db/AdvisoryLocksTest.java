package io.topline.chassis.db;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Lock names map to stable, distinct advisory lock keys. */
class AdvisoryLocksTest {

    @Test
    void shouldMapANameToTheSameKeyEveryTimeAndDifferentNamesToDifferentKeys() {
        assertEquals(AdvisoryLocks.keyOf("outbox-relay"), AdvisoryLocks.keyOf("outbox-relay"));
        assertNotEquals(AdvisoryLocks.keyOf("outbox-relay"), AdvisoryLocks.keyOf("revenue-flow"));
        // pinned: a change of the mapping would let an old and a new replica take different locks during a rollout
        assertEquals(-6_358_938_397_652_667_606L, AdvisoryLocks.keyOf("outbox-relay"));
    }
}
