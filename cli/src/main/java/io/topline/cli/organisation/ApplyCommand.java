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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code topline apply FILE [--prune]}: makes the running suite match the file, all or nothing. */
@Command(name = "apply", description = "Make the running suite's definitions match an organisation file, in one "
        + "transaction: all or nothing, and idempotent. With --prune it also archives what the file leaves out: it "
        + "plans first, prints the plan, and applies exactly that plan (exit 5 if the suite changed in between).")
public class ApplyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the organisation file (.yaml, .yml or .json)")
    Path file;

    @Option(names = "--prune", description = "archive the active drivers and measures the file leaves out, and what "
            + "each alerting section the file holds leaves out")
    boolean prune;

    @Option(names = "--if-match", paramLabel = "ETAG", description = "apply only if the suite is still as a plan "
            + "saw it: that plan's basedOn (from plan --json); with --prune it replaces the plan this command makes")
    String ifMatch;

    @Option(names = "--json", description = "print the suite's answer as JSON instead of text: the only place a new "
            + "webhook receiver's signing secret is shown, once")
    boolean json;

    @Mixin
    SuiteOptions suite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OrganisationFileInput input = OrganisationFileInput.read(file).requireValid(spec.commandLine().getErr());
        String body = input.body(spec.commandLine().getErr());
        SuiteClient client = new SuiteClient(suite, Roles.ADMIN);
        String basedOn = ifMatch;
        if (prune && basedOn == null) {
            JsonNode plan = PlanCommand.plan(input, true, client, suite, spec);
            PlanPrinter.print(plan, spec.commandLine().getOut());
            basedOn = plan.path("basedOn").asText();
        }
        Map<String, String> headers = new HashMap<>();
        if (basedOn != null) {
            headers.put("If-Match", "\"" + basedOn.replace("\"", "") + "\"");
        }
        SuiteClient.Answer answer = client.send("POST", suite.driversUrl(), "/organisation/apply?prune=" + prune,
                input.mediaType(), body, headers);
        JsonNode applied = client.expectSuccess(answer, spec.commandLine().getErr(), file.toString()).json();
        if (json) {
            spec.commandLine().getOut().println(applied.toPrettyString());
        } else {
            PlanPrinter.print(applied, spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }
}
