package io.topline.chassis.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

import java.io.IOException;

/**
 * Reads every JSON string of a request like Jackson does, and refuses one holding U+0000 (PostgreSQL cannot store
 * it in text, so it would otherwise fail the transaction, and a group commit with it, as a 500) or an unpaired
 * surrogate (UTF-8 cannot encode it).
 */
public class StorableTextDeserializer extends StringDeserializer {

    /** The violation message of a field holding U+0000. */
    public static final String NUL_REASON = "contains a NUL character (U+0000), which cannot be stored";

    /** The violation message of a field holding half of a UTF-16 surrogate pair (JSON allows {@code "\ud800"}). */
    public static final String SURROGATE_REASON =
            "contains an unpaired surrogate (\\ud800-\\udfff), which is not a character";

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = super.deserialize(parser, context);
        if (value == null) {
            return null;
        }
        if (value.indexOf('\u0000') >= 0) {
            throw new UnacceptableValueException(parser, String.class, NUL_REASON);
        }
        if (hasUnpairedSurrogate(value)) {
            // UTF-8 cannot encode it: the driver would store '?' in its place, silently changing the text
            throw new UnacceptableValueException(parser, String.class, SURROGATE_REASON);
        }
        return value;
    }

    static boolean hasUnpairedSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
