package io.topline.chassis.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads a JSON number exactly as a decimal and refuses, before any arithmetic touches it, one that is not finite or
 * whose digits reach beyond {@value #MAX_DIGITS} places either side of the point: {@code 1e-100000000} is a short
 * text, but rounding it to a column's scale divides by ten to the hundred millionth and keeps a core busy for
 * minutes. Strings are refused too: a quoted number is a client's mistake worth naming.
 */
public class BoundedDecimalDeserializer extends StdDeserializer<BigDecimal> {

    /** Places allowed before and after the decimal point; wider than any column (NUMERIC(38, 12)) and any domain. */
    public static final int MAX_DIGITS = 64;

    /** The violation message of a number out of those bounds. */
    public static final String REASON = "is a number with more than " + MAX_DIGITS
            + " digits before or after the decimal point";

    public BoundedDecimalDeserializer() {
        super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_FLOAT && parser.isNaN()) {
            throw new UnacceptableValueException(parser, BigDecimal.class, "is not a finite number");
        }
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
        }
        // from the text, so 1e400 stays 1E+400 (refused here) instead of becoming Infinity
        BigDecimal value = parser.getDecimalValue();
        long integerDigits = (long) value.precision() - value.scale();
        if (value.scale() > MAX_DIGITS || integerDigits > MAX_DIGITS) {
            throw new UnacceptableValueException(parser, BigDecimal.class, REASON);
        }
        return value;
    }
}
