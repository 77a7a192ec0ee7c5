package io.topline.cli.organisation;

import com.fasterxml.jackson.databind.JsonNode;
import io.topline.cli.ExitCodes;
import io.topline.cli.Roles;
import io.topline.cli.SuiteClient;
import io.topline.cli.SuiteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code topline plan FILE [--prune]}: the difference between the file and the running suite. */
@Command(name = "plan", description = "Show what applying an organisation file would create, change and (with "
        + "--prune) archive in the running suite. Changes nothing. Exit 0, or with --detailed-exitcode 10 when there "
        + "are changes (a drift check for CI).")
public class PlanCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the organisation file (.yaml, .yml or .json)")
    Path file;

    @Option(names = "--prune", description = "also plan to archive the active drivers and measures the file leaves out")
    boolean prune;

    @Option(names = "--detailed-exitcode", description = "exit 10 when the plan has changes, 0 when it has none")
    boolean detailedExitCode;

    @Option(names = "--json", description = "print the plan as the suite's JSON instead of text")
    boolean json;

    @Mixin
    SuiteOptions suite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode plan = plan(OrganisationFileInput.read(file).requireValid(spec.commandLine().getErr()), prune,
                new SuiteClient(suite, Roles.ADMIN), suite, spec);
        if (json) {
            spec.commandLine().getOut().println(plan.toPrettyString());
        } else {
            PlanPrinter.print(plan, spec.commandLine().getOut());
        }
        return detailedExitCode && !plan.path("changes").isEmpty() ? ExitCodes.CHANGES : ExitCodes.OK;
    }

    /** Asks drivers-service for the plan of a file that passed the offline check. */
    static JsonNode plan(OrganisationFileInput input, boolean prune, SuiteClient client, SuiteOptions suite,
                         CommandSpec spec) {
        String body = input.body(spec.commandLine().getErr());
        SuiteClient.Answer answer = client.send("POST", suite.driversUrl(), "/organisation/plan?prune=" + prune,
                input.mediaType(), body, Map.of());
        return client.expectSuccess(answer, spec.commandLine().getErr(), input.file().toString()).json();
    }
}
