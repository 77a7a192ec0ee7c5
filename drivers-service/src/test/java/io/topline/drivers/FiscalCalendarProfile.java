package io.topline.drivers;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** A suite with a non-default calendar: Berlin time, weeks from Sunday, the fiscal year from April. */
public class FiscalCalendarProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("topline.calendar.time-zone", "Europe/Berlin",
                "topline.calendar.week-start", "SUNDAY",
                "topline.calendar.fiscal-year-start-month", "4");
    }
}
