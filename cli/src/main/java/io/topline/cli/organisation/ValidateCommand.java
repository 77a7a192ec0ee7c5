package io.topline.cli.organisation;

import com.fasterxml.jackson.databind.JsonNode;
import io.topline.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code topline validate FILE}: the offline check, every error with its line and column. */
@Command(name = "validate", description = "Check an organisation file (YAML or JSON) offline against the published "
        + "schema and the rules a file keeps on its own (keys listed once, failure levels on the failing side): every "
        + "error with its line and column. Exit 0 when valid, 1 when not.")
public class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the organisation file (.yaml, .yml or .json)")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OrganisationFileInput input = OrganisationFileInput.read(file);
        if (!input.report(spec.commandLine().getErr())) {
            spec.commandLine().getErr().println(file + ": " + input.errors().size() + " error(s)");
            return ExitCodes.INVALID;
        }
        JsonNode document = input.checked().document();
        int targets = 0;
        for (JsonNode measure : document.path("measures")) {
            targets += measure.path("targets").size();
        }
        StringBuilder alerting = new StringBuilder();
        for (String section : List.of("receivers", "silences", "escalationPolicies", "contacts")) {
            if (document.has(section)) {
                alerting.append(", ").append(document.get(section).size()).append(' ')
                        .append(section.equals("escalationPolicies") ? "escalation policies" : section);
            }
        }
        spec.commandLine().getOut().println(file + ": valid (" + document.path("drivers").size() + " drivers, "
                + document.path("measures").size() + " measures, " + targets + " target versions" + alerting + ")");
        return ExitCodes.OK;
    }
}
