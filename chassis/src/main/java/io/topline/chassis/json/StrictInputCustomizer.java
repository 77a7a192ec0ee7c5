package io.topline.chassis.json;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.math.BigDecimal;

/**
 * Makes every service's request parsing strict in the same way: strings that cannot be stored and numbers beyond
 * bounds are refused naming their field ({@link StorableTextDeserializer}, {@link BoundedDecimalDeserializer}); no
 * scalar silently becomes a string; {@code NaN} and {@code Infinity} tokens reach the decimal's deserializer, which
 * refuses them naming the field instead of failing as unreadable JSON.
 */
@Singleton
public class StrictInputCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("topline-strict-input")
                .addDeserializer(String.class, new StorableTextDeserializer())
                .addDeserializer(BigDecimal.class, new BoundedDecimalDeserializer()));
    }
}
