package io.topline.cli.organisation;

import io.topline.cli.CommandFailure;
import io.topline.cli.ExitCodes;
import io.topline.cli.Roles;
import io.topline.cli.SuiteClient;
import io.topline.cli.SuiteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code topline export [-o FILE]}: the running suite's definitions as an organisation file. */
@Command(name = "export", description = "Write the running suite's active definitions as an organisation file "
        + "(YAML unless --json or a .json output file). Applying it to the same suite plans no change.")
public class ExportCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of stdout")
    Path output;

    @Option(names = "--json", description = "JSON instead of YAML")
    boolean json;

    @Mixin
    SuiteOptions suite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        boolean asJson = json || (output != null && output.getFileName().toString().endsWith(".json"));
        SuiteClient client = new SuiteClient(suite, Roles.ADMIN);
        SuiteClient.Answer answer = client.send("GET", suite.driversUrl(), "/organisation", null, null,
                Map.of("Accept", asJson ? "application/json" : "application/yaml"));
        String file = client.expectSuccess(answer, spec.commandLine().getErr(), null).body();
        if (output == null) {
            spec.commandLine().getOut().print(file);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        try {
            Files.writeString(output, file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.INVALID, output + ": cannot be written (" + e.getMessage() + ")");
        }
        spec.commandLine().getErr().println("Exported to " + output + " (ETag " + answer.header("ETag").orElse("none") + ")");
        return ExitCodes.OK;
    }
}
