package io.topline.alerts.definition;

import io.topline.chassis.problem.Problem;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${VARIABLE}} references in an organisation file's secret settings: the file names the variable, the
 * command-line tool sends its value from the environment in the file's {@code secrets}, and the variable's name is
 * kept so that an export writes the reference again, never the value.
 */
final class SecretReferences {

    private static final Pattern REFERENCE = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_]*)}$");

    private SecretReferences() {
    }

    /** The variable a value refers to, if it is a reference. */
    static Optional<String> variable(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher matcher = REFERENCE.matcher(value);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The value itself, or the value of the variable it refers to; a variable not given is a violation. */
    static String resolve(String value, Map<String, String> secrets, String field, List<Problem.Violation> violations) {
        Optional<String> variable = variable(value);
        if (variable.isEmpty()) {
            return value;
        }
        String resolved = secrets == null ? null : secrets.get(variable.get());
        if (resolved == null) {
            violations.add(new Problem.Violation(field, "refers to ${" + variable.get() + "}, which was not given: "
                    + "the topline tool fills it in from its environment variable " + variable.get()));
        }
        return resolved;
    }

    static String reference(String variable) {
        return "${" + variable + "}";
    }
}
