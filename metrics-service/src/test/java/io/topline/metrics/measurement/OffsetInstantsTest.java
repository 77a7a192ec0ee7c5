package io.topline.metrics.measurement;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OffsetInstantsTest {

    @Test
    void shouldReadWhatTheIsoOffsetFormatterReadsAndRefuseWhatItRefuses() {
        List<String> texts = List.of("2026-11-20T10:00:00Z", "2026-11-20T10:00:00.5Z", "2026-11-20T10:00:00.123456789Z",
                "2026-11-20T10:00:00.1234567891Z", "2026-11-20T10:00:00.Z", "2026-11-20T10:00Z", "2026-11-20t10:00:00z",
                "2026-11-20T10:00:00+01:00", "2026-11-20T10:00:00.250-05:30", "2026-11-20T10:00:00-00:00",
                "2026-11-20T10:00:00+01:00:30", "2026-11-20T10:00:00+18:00", "2026-11-20T10:00:00+18:30",
                "2026-11-20T10:00:00+01:60", "2026-02-30T10:00:00Z", "2026-11-20T24:00:00Z", "2026-11-20T23:59:60Z",
                "2026-13-01T00:00:00Z", "2026-11-20T10:00:00", "2026-11-20 10:00:00Z", "+12026-11-20T10:00:00Z",
                "0000-01-01T00:00:00Z", "2026-11-20T10:00:00+0100", "2026-11-20T10:00:00.12x4Z", "abcd-ef-ghTij:kl:mnZ");
        for (String text : texts) {
            Instant expected;
            try {
                expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                assertThrows(DateTimeParseException.class, () -> OffsetInstants.parse(text), text);
                continue;
            }
            assertEquals(expected, OffsetInstants.parse(text), text);
        }
    }
}
