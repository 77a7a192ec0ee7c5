package io.topline.alerts.silence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.List;

/** Stores a silence's matchers and maintenance window as JSON text: they are read and written whole. */
public final class JsonColumns {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonColumns() {
    }

    private static String write(Object value) {
        try {
            return value == null ? null : MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Silence column cannot be serialized", e);
        }
    }

    private static <T> T read(String column, TypeReference<T> type) {
        try {
            return column == null ? null : MAPPER.readValue(column, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Silence column holds no valid JSON", e);
        }
    }

    /** The matchers column. */
    @Converter
    public static class Matchers implements AttributeConverter<List<LabelMatcher>, String> {
        @Override
        public String convertToDatabaseColumn(List<LabelMatcher> matchers) {
            return write(matchers);
        }

        @Override
        public List<LabelMatcher> convertToEntityAttribute(String column) {
            return read(column, new TypeReference<>() {
            });
        }
    }

    /** The schedule column. */
    @Converter
    public static class Window implements AttributeConverter<MaintenanceWindow, String> {
        @Override
        public String convertToDatabaseColumn(MaintenanceWindow window) {
            return write(window);
        }

        @Override
        public MaintenanceWindow convertToEntityAttribute(String column) {
            return read(column, new TypeReference<>() {
            });
        }
    }
}
