package io.topline.chassis.calendar;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalendarConfigTest {

    @Test
    void shouldDefaultToTheIsoCalendarInUtc() {
        CalendarConfig config = config(Map.of());
        assertEquals(FiscalCalendar.isoUtc(), FiscalCalendar.of(config.timeZone(), config.weekStart(),
                config.fiscalYearStartMonth()));
        CalendarConfig april = config(Map.of("topline.calendar.time-zone", "Europe/Berlin",
                "topline.calendar.week-start", "SUNDAY", "topline.calendar.fiscal-year-start-month", "4"));
        assertEquals(FiscalCalendar.of(ZoneId.of("Europe/Berlin"), DayOfWeek.SUNDAY, 4),
                FiscalCalendar.of(april.timeZone(), april.weekStart(), april.fiscalYearStartMonth()));
    }

    @Test
    void shouldRefuseAZoneOrWeekdayThatIsNoneNamingTheProperty() {
        for (Map.Entry<String, String> bad : Map.of("topline.calendar.time-zone", "Mars/Olympus",
                "topline.calendar.week-start", "FUNDAY").entrySet()) {
            RuntimeException refused = assertThrows(RuntimeException.class, () -> config(Map.ofEntries(bad)));
            assertTrue(refused.getMessage().contains(bad.getKey()) && refused.getMessage().contains(bad.getValue()),
                    refused.getMessage());
        }
    }

    private static CalendarConfig config(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().withMapping(CalendarConfig.class)
                .withDefaultValues(values).build();
        return config.getConfigMapping(CalendarConfig.class);
    }
}
