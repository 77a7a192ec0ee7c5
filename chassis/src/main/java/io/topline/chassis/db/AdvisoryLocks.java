package io.topline.chassis.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * PostgreSQL advisory locks named by a string instead of a magic number, held until the transaction ends.
 *
 * <p>The name is hashed to the 64-bit key PostgreSQL wants (the first eight bytes of its SHA-256), so two names
 * collide only by accident of the hash, never by two people picking the same number.
 */
@ApplicationScoped
public class AdvisoryLocks {

    private final EntityManager entityManager;

    public AdvisoryLocks(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Waits for the lock named {@code name}; it is released when the current transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockForTransaction(String name) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(:key)")
                .setParameter("key", keyOf(name))
                .getSingleResult();
    }

    /**
     * Waits for each lock of {@code names}, in the order given, in one statement; released when the transaction ends.
     * Callers that take several give them in one agreed order (sorted), so that two such callers never deadlock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockAllForTransaction(List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        // unnest keeps the array's order, and the aggregate takes the locks row by row in it
        entityManager.createNativeQuery("select count(pg_advisory_xact_lock(k)) "
                        + "from unnest(cast(string_to_array(:keys, ',') as bigint[])) as t(k)")
                .setParameter("keys", names.stream().map(name -> Long.toString(keyOf(name)))
                        .collect(Collectors.joining(",")))
                .getSingleResult();
    }

    /** Takes the lock named {@code name} if it is free, for the current transaction; {@code false} if it is held. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean tryLockForTransaction(String name) {
        return (Boolean) entityManager.createNativeQuery("select pg_try_advisory_xact_lock(:key)")
                .setParameter("key", keyOf(name))
                .getSingleResult();
    }

    /** The advisory lock key of {@code name}. */
    public static long keyOf(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                key = (key << 8) | (digest[i] & 0xff);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
