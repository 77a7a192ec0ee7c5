package io.topline.chassis.security;

import io.topline.testinfra.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The tests' role names are the services' role names. */
class RolesTest {

    @Test
    void shouldGiveTheTestsTheSameRoleNamesAsTheServices() {
        assertEquals(List.of(Roles.ADMIN, Roles.INGEST, Roles.VIEWER, Roles.ONCALL),
                List.of(TestTokens.ADMIN, TestTokens.INGEST, TestTokens.VIEWER, TestTokens.ONCALL));
    }
}
