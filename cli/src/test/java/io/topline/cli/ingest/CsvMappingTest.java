package io.topline.cli.ingest;

import io.topline.cli.ingest.CsvMapping.Measurement;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Columns to measurements: ids from lines or a column, times with or without an offset, every bad row named. */
class CsvMappingTest {

    @Test
    void shouldMapEveryRowWithItsLineAsTheClientId() throws Exception {
        CsvRows rows = CsvRows.read(new StringReader("""
                kpi,amount,day
                new-clients,12,2026-11-02
                closing-ratio,"31.5",2026-11-03T09:30:00
                new-clients,3,2026-11-04T08:00:00Z
                """));
        CsvMapping mapping = new CsvMapping("kpi", null, "amount", "day", null, "history", "crm",
                ZoneId.of("Europe/Paris"));

        List<Measurement> mapped = rows.rows().stream().map(r -> mapping.map(r.line(), r.values()).measurement()).toList();

        assertEquals(List.of(
                new Measurement(2, "history-2", "new-clients", new BigDecimal("12"), "2026-11-02T00:00+01:00", "crm"),
                new Measurement(3, "history-3", "closing-ratio", new BigDecimal("31.5"), "2026-11-03T09:30+01:00", "crm"),
                new Measurement(4, "history-4", "new-clients", new BigDecimal("3"), "2026-11-04T08:00Z", "crm")), mapped);
        assertEquals(List.of("kpi", "amount", "day"), rows.header());
    }

    @Test
    void shouldNameWhatIsWrongWithEachRowAndTheColumnsTheHeaderLacks() throws Exception {
        CsvRows rows = CsvRows.read(new StringReader("""
                value,occurredAt,ref
                twelve,2026-11-02T00:00:00Z,a
                12,last tuesday,b
                ,2026-11-02T00:00:00Z,c
                5,2026-11-02T00:00:00Z,
                """));
        CsvMapping mapping = new CsvMapping(null, "new-clients", "value", "occurredAt", "ref", "x", "crm", ZoneId.of("UTC"));

        List<String> errors = rows.rows().stream().map(r -> mapping.map(r.line(), r.values()).error()).toList();

        assertEquals(List.of("line 2: 'twelve' in column 'value' is not a number",
                "line 3: 'last tuesday' in column 'occurredAt' is not an ISO-8601 instant, date-time or date",
                "line 4: column 'value' is empty",
                "line 5: column 'ref' is empty"), errors);
        assertEquals(List.of("kpi", "when"), new CsvMapping("kpi", null, "value", "when", null, "x", "crm",
                ZoneId.of("UTC")).missingColumns(rows.header()));
    }
}
