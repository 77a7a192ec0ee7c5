package io.topline.alerts.subscription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Map;
import java.util.TreeMap;

/** Stores a receiver's secret references (field name to variable name) as a JSON object. */
@Converter
public class SecretRefsConverter implements AttributeConverter<Map<String, String>, String> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String convertToDatabaseColumn(Map<String, String> refs) {
        try {
            return MAPPER.writeValueAsString(refs == null ? Map.of() : new TreeMap<>(refs));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Secret references cannot be serialized", e);
        }
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String column) {
        try {
            return column == null || column.isBlank() ? Map.of() : Map.copyOf(MAPPER.readValue(column,
                    new TypeReference<Map<String, String>>() {
                    }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Secret references column holds no valid JSON", e);
        }
    }
}
