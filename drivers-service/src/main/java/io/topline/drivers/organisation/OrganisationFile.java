package io.topline.drivers.organisation;

import com.fasterxml.jackson.databind.JsonNode;
import io.topline.chassis.problem.Problem;
import io.topline.contracts.organisation.OrganisationFiles;

import java.util.List;

/**
 * An organisation file as read from a request: its definitions, and the parsed document that knows where each path
 * is, so that a rule's violation can name its line and column. The document is null for definitions that came
 * without a file (the bundled example, POST /drivers/import).
 */
public record OrganisationFile(OrganisationDefinition definition, JsonNode document) {

    /** The violations with the line and column of each path in the document, where it has one. */
    public List<Problem.Violation> locate(List<Problem.Violation> violations) {
        return violations.stream().map(v -> OrganisationFiles.locate(document, v.field())
                        .map(at -> new Problem.Violation(v.field(), v.message(), at.getLineNr(), at.getColumnNr()))
                        .orElse(v))
                .toList();
    }
}
