package io.topline.chassis.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The strict parsing every service's ObjectMapper gets: what it refuses, naming the field, and what it keeps. */
class StrictInputCustomizerTest {

    record Reading(String source, List<String> tags, BigDecimal value) {
    }

    private final ObjectMapper mapper = strictMapper();

    @Test
    void shouldRefuseANulInAnyStringNamingTheField() {
        UnacceptableValueException e = assertThrows(UnacceptableValueException.class,
                () -> mapper.readValue("{\"source\":\"crm\",\"tags\":[\"a\",\"b\\u0000\"],\"value\":1}", Reading.class));
        assertEquals(StorableTextDeserializer.NUL_REASON, e.reason());
        assertEquals("tags", e.getPath().get(0).getFieldName());
        assertEquals(1, e.getPath().get(1).getIndex());
    }

    @Test
    void shouldRefuseAnUnpairedSurrogateAndKeepAPairedOne() throws Exception {
        for (String text : List.of("\\ud800", "a\\udfffb", "\\ude00\\ud83d")) {
            UnacceptableValueException e = assertThrows(UnacceptableValueException.class,
                    () -> mapper.readValue("{\"source\":\"" + text + "\"}", Reading.class), text);
            assertEquals(StorableTextDeserializer.SURROGATE_REASON, e.reason());
        }
        assertEquals("\ud83d\ude00", mapper.readValue("{\"source\":\"\\ud83d\\ude00\"}", Reading.class).source());
    }

    @Test
    void shouldRefuseUnboundedNumbersBeforeAnyArithmetic() {
        for (String number : List.of("1e-100000000", "1e100000000", "1e64", "0." + "0".repeat(64) + "1")) {
            UnacceptableValueException e = assertThrows(UnacceptableValueException.class,
                    () -> mapper.readValue("{\"value\":" + number + "}", Reading.class), number);
            assertEquals(BoundedDecimalDeserializer.REASON, e.reason());
            assertEquals("value", e.getPath().get(0).getFieldName());
        }
    }

    @Test
    void shouldRefuseNonFiniteNumbersAndNumbersAsStrings() {
        UnacceptableValueException nan = assertThrows(UnacceptableValueException.class,
                () -> mapper.readValue("{\"value\":NaN}", Reading.class));
        assertEquals("is not a finite number", nan.reason());
        assertThrows(Exception.class, () -> mapper.readValue("{\"value\":\"12\"}", Reading.class));
        assertThrows(Exception.class, () -> mapper.readValue("{\"source\":12}", Reading.class));
    }

    @Test
    void shouldKeepOrdinaryValuesExactly() throws Exception {
        Reading reading = mapper.readValue("{\"source\":\"crm é\",\"tags\":[],\"value\":1E+63}", Reading.class);
        assertEquals(new Reading("crm é", List.of(), new BigDecimal("1E+63")), reading);
        assertEquals(new BigDecimal("0.123456789012"),
                mapper.readValue("{\"value\":0.123456789012}", Reading.class).value());
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictInputCustomizer().customize(mapper);
        return mapper;
    }
}
