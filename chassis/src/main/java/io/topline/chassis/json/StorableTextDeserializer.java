package io.topline.chassis.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

import java.io.IOException;

/**
 * Reads every JSON string of a request like Jackson does, and refuses one holding U+0000: PostgreSQL cannot store
 * it in text, so it would otherwise fail the transaction (and a group commit with it) as a 500.
 */
public class StorableTextDeserializer extends StringDeserializer {

    /** The violation message of a field holding U+0000. */
    public static final String NUL_REASON = "contains a NUL character (U+0000), which cannot be stored";

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = super.deserialize(parser, context);
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw new UnacceptableValueException(parser, String.class, NUL_REASON);
        }
        return value;
    }
}
