package io.topline.drivers.organisation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topline.chassis.json.UnacceptableValueException;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import io.topline.contracts.organisation.OrganisationFiles;
import io.topline.contracts.organisation.OrganisationFiles.Checked;
import io.topline.contracts.organisation.OrganisationFiles.Format;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.MediaType;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Reads an organisation file from a request body, YAML or JSON by its media type: checked against the published
 * schema (the command-line tool's offline check is the same), then bound to {@link OrganisationDefinition} with the
 * service's own JSON rules (text PostgreSQL can store, bounded decimals) and Bean Validation. Every problem found is
 * a 400 listing each with its path, line and column.
 */
@ApplicationScoped
public class OrganisationReader {

    /** The YAML media type (RFC 9512). */
    public static final String APPLICATION_YAML = "application/yaml";

    private final ObjectMapper mapper;
    private final Validator validator;

    public OrganisationReader(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    public OrganisationFile read(String body, MediaType type) {
        Format format = type != null && type.toString().contains("yaml") ? Format.YAML : Format.JSON;
        Checked checked = OrganisationFiles.check(body == null ? "" : body, format);
        if (!checked.valid()) {
            throw invalid(checked.errors().stream()
                    .map(e -> new Problem.Violation(e.path(), e.message(), e.line(), e.column())).toList());
        }
        OrganisationDefinition definition = bind(checked);
        OrganisationFile file = new OrganisationFile(definition, checked.document());
        Set<ConstraintViolation<OrganisationDefinition>> violations = validator.validate(definition);
        if (!violations.isEmpty()) {
            throw invalid(file.locate(violations.stream()
                    .map(v -> new Problem.Violation(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.Violation::field)).toList()));
        }
        return file;
    }

    private OrganisationDefinition bind(Checked checked) {
        try {
            return mapper.treeToValue(checked.document(), OrganisationDefinition.class);
        } catch (JsonMappingException e) {
            // the schema passed, so what is left is a value the service cannot hold; never echo a class name
            String reason = e instanceof UnacceptableValueException unacceptable ? unacceptable.reason()
                    : "has a value the organisation file cannot hold";
            throw invalid(new OrganisationFile(null, checked.document())
                    .locate(List.of(new Problem.Violation(pathOf(e), reason))));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw invalid(List.of(new Problem.Violation("body", "cannot be read as an organisation file")));
        }
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static ProblemException invalid(List<Problem.Violation> violations) {
        return new ProblemException(400, "validation", "Invalid request", "The organisation file has "
                + violations.size() + " problem(s); nothing was applied", violations);
    }
}
