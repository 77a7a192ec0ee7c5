package io.topline.alerts;

import io.topline.alerts.delivery.SsrfGuard;
import io.topline.chassis.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The server-side request forgery guard on webhook URLs. */
class SsrfGuardTest {

    @Test
    void shouldRefusePrivateLoopbackAndLinkLocalTargetsByDefault() {
        SsrfGuard guard = new SsrfGuard(false);
        for (String url : new String[]{"http://127.0.0.1:8080/x", "http://10.1.2.3/x", "http://192.168.0.10/x",
                "http://172.16.5.4/x", "http://169.254.169.254/latest/meta-data", "http://[::1]/x",
                "http://[fd00::1]/x", "http://100.64.0.1/x", "http://0.0.0.0/x", "http://localhost/x",
                "http://[::ffff:10.0.0.1]/x", "http://[::127.0.0.1]/x", "http://[64:ff9b::a9fe:a9fe]/x",
                "http://[2002:a00:1::]/x"}) {
            ProblemException refused = assertThrows(ProblemException.class, () -> guard.check(url), url);
            assertEquals(422, refused.status(), url);
            assertEquals("url", refused.violations().get(0).field());
        }
        assertNull(guard.refusal("93.184.215.14"));
        assertNull(guard.refusal("[64:ff9b::5db8:d70e]"));
        assertNull(guard.refusal("[2002:5db8:d70e::]"));
    }

    @Test
    void shouldAllowPrivateTargetsWhenConfiguredButNeverOtherSchemes() {
        SsrfGuard guard = new SsrfGuard(true);
        assertEquals("http://127.0.0.1:9/x", guard.check("http://127.0.0.1:9/x").toString());
        assertThrows(ProblemException.class, () -> guard.check("file:///etc/passwd"));
        assertThrows(ProblemException.class, () -> guard.check("http://user:pw@127.0.0.1/x"));
    }
}
