package io.topline.chassis.page;

import io.topline.chassis.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Page parameters: defaults, bounds that keep every offset in range, and 400 problems naming the parameter. */
class PagingTest {

    private final Paging paging = new Paging(new PagingConfig() {
        @Override
        public int defaultSize() {
            return 50;
        }

        @Override
        public int maxSize() {
            return 500;
        }
    });

    @Test
    void shouldTakeTheDefaultsWhenNothingIsAsked() {
        assertEquals(new PageRequest(0, 50), paging.request(new PageParams(null, " ")));
        assertEquals(new PageRequest(3, 20), paging.request(new PageParams("3", "20")));
    }

    @Test
    void shouldRefuseEveryValueOutsideItsRangeNamingTheParameter() {
        for (String[] bad : List.of(new String[]{"-1", "10"}, new String[]{"2147483647", "10"},
                new String[]{"x", "10"}, new String[]{"1.5", "10"}, new String[]{"0", "0"}, new String[]{"0", "501"},
                new String[]{"0", "99999999999"})) {
            ProblemException refused = assertThrows(ProblemException.class,
                    () -> paging.request(new PageParams(bad[0], bad[1])));
            assertEquals(400, refused.status());
            String field = refused.violations().get(0).field();
            assertEquals(bad[1].equals("10") ? "page" : "size", field);
        }
    }

    @Test
    void shouldKeepTheOffsetOfTheLastAllowedPageInRange() {
        int lastPage = Integer.MAX_VALUE / 500 - 1;
        PageRequest last = paging.request(new PageParams(Integer.toString(lastPage), "500"));
        assertEquals((long) lastPage * 500, last.offset());
        assertThrows(ProblemException.class, () -> paging.request(new PageParams(Integer.toString(lastPage + 1), "1")));
    }

    @Test
    void shouldCountPagesOfTheTotal() {
        Page<String> page = Page.of(List.of("a", "b"), new PageRequest(1, 2), 5);
        assertEquals(new Page<>(List.of("a", "b"), 1, 2, 5, 3), page);
        assertEquals(new Page<>(List.of(), 0, 2, 0, 0), Page.of(List.of(), new PageRequest(0, 2), 0));
    }
}
