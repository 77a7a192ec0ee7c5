package io.topline.chassis.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value that parses but cannot be held (a NUL character, a number beyond the bounds); its {@link #reason()}
 * becomes the violation message of the field, so the client learns what is wrong, not only where.
 */
public class UnacceptableValueException extends MismatchedInputException {

    private final String reason;

    public UnacceptableValueException(JsonParser parser, Class<?> targetType, String reason) {
        super(parser, reason, targetType);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
