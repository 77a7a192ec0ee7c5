package io.topline.console.scorecard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.topline.console.TestData;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The CSV export's quoting, without a server: a spreadsheet must show every name as text, never run it. */
class ScorecardCsvTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void shouldQuoteSeparatorsAndKeepFormulasFromRunning() throws Exception {
        JsonObject data = TestData.scorecard("WEEKLY");
        JsonObject row = data.getJsonArray("measures").getJsonObject(2);
        row.put("name", "Closing \"ratio\", net").put("owner", "=HYPERLINK(\"http://evil.example\")");
        Scorecard scorecard = JSON.readValue(data.encode(), Scorecard.class);

        String csv = ScorecardCsv.of(ScorecardView.of(scorecard,
                new ScorecardView.Filters("WEEKLY", 4, "SALES", null)));

        assertEquals("SALES,Sales,closing-ratio,\"Closing \"\"ratio\"\", net\",\"'=HYPERLINK(\"\"http://evil.example\"\")\","
                + "percent,1,30,20,31.5,MET,25,AT_RISK,18.25,MISSED,19,MISSED,AVERAGE,23.44,1,19\r\n",
                csv.substring(csv.indexOf("\r\n") + 2));
    }
}
