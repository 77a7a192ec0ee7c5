package io.topline.chassis.problem;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A unique-constraint refusal, however wrapped by the transaction, is a conflict; other failures are not. */
class ProblemMappersTest {

    @Test
    void shouldRecogniseAUniquenessRaceThroughTheTransactionWrappers() {
        SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");
        Exception wrapped = new RuntimeException("commit failed", new PersistenceException(
                new org.hibernate.exception.ConstraintViolationException("insert failed", duplicate, "measure_pkey")));

        assertTrue(ProblemMappers.isUniquenessRace(wrapped));
        assertTrue(ProblemMappers.isUniquenessRace(new RuntimeException(duplicate)));
    }

    @Test
    void shouldNotTakeOtherFailuresForAConflict() {
        SQLException foreignKey = new SQLException("violates foreign key constraint", "23503");

        assertFalse(ProblemMappers.isUniquenessRace(new RuntimeException(new PersistenceException(foreignKey))));
        assertFalse(ProblemMappers.isUniquenessRace(new IllegalStateException("boom")));
    }
}
