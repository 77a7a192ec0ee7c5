package io.topline.metrics.measurement;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import java.io.IOException;
import java.math.BigDecimal;

/** Reads a JSON number exactly as a decimal; refuses strings, NaN and infinities as a malformed field. */
public class FiniteDecimalDeserializer extends StdDeserializer<BigDecimal> {

    public FiniteDecimalDeserializer() {
        super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getDecimalValue();
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            if (parser.isNaN()) {
                throw context.weirdNumberException(parser.getNumberValue(), BigDecimal.class, "not a finite number");
            }
            // from the text, so 1e400 stays 1E+400 (refused later by the bound) instead of becoming Infinity
            return parser.getDecimalValue();
        }
        return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
    }
}
