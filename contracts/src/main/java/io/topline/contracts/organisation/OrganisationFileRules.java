package io.topline.contracts.organisation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import io.topline.contracts.organisation.OrganisationFiles.FileError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules an organisation file keeps on its own, beyond what a JSON Schema can say: each key listed once, and every
 * target's failure level on the failing side of its success level. The command-line tool checks them offline and
 * drivers-service as part of its rules, so both say the same. Rules that need the stored definitions (archived
 * keys, edges to drivers outside the file, cycles through them, the focus rule) are drivers-service's.
 */
public final class OrganisationFileRules {

    private OrganisationFileRules() {
    }

    /** Every rule a schema-valid document breaks, located where the document knows positions. */
    public static List<FileError> check(JsonNode document) {
        List<FileError> errors = new ArrayList<>();
        listedOnce(document, "drivers", "driver", errors);
        listedOnce(document, "measures", "measure", errors);
        JsonNode measures = document.path("measures");
        for (int i = 0; i < measures.size(); i++) {
            failingSide(document, i, errors);
        }
        return errors;
    }

    private static void listedOnce(JsonNode document, String section, String what, List<FileError> errors) {
        Set<String> seen = new HashSet<>();
        JsonNode items = document.path(section);
        for (int i = 0; i < items.size(); i++) {
            String key = items.get(i).path("key").asText();
            if (!seen.add(key)) {
                errors.add(error(document, section + "[" + i + "].key", what + " '" + key + "' is listed twice"));
            }
        }
    }

    /** HIGHER_IS_BETTER fails low, LOWER_IS_BETTER fails high; equal levels make a two-state target. */
    private static void failingSide(JsonNode document, int index, List<FileError> errors) {
        JsonNode measure = document.path("measures").get(index);
        String direction = measure.path("direction").asText();
        JsonNode targets = measure.path("targets");
        for (int j = 0; j < targets.size(); j++) {
            int order = targets.get(j).path("failureLevel").decimalValue()
                    .compareTo(targets.get(j).path("successLevel").decimalValue());
            boolean wrong = "HIGHER_IS_BETTER".equals(direction) ? order > 0 : order < 0;
            if (wrong) {
                errors.add(error(document, "measures[" + index + "].targets[" + j + "].failureLevel", "failureLevel is "
                        + "on the wrong side of successLevel for a " + direction + " measure"));
            }
        }
    }

    private static FileError error(JsonNode document, String path, String message) {
        JsonLocation at = OrganisationFiles.locate(document, path).orElse(null);
        return new FileError(path, message, at == null ? null : at.getLineNr(), at == null ? null : at.getColumnNr());
    }
}
