package io.topline.alerts.cause;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.List;

/** Stores an alert's likely causes as JSON text: they are written whole at each transition and read whole. */
@Converter
public class LikelyCausesColumn implements AttributeConverter<List<LikelyCause>, String> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String convertToDatabaseColumn(List<LikelyCause> causes) {
        try {
            return MAPPER.writeValueAsString(causes == null ? List.of() : causes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Likely causes cannot be serialized", e);
        }
    }

    @Override
    public List<LikelyCause> convertToEntityAttribute(String column) {
        try {
            return column == null || column.isBlank() ? List.of() : MAPPER.readValue(column, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Likely causes column holds no valid JSON", e);
        }
    }
}
