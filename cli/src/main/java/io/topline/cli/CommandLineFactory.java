package io.topline.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** The command line with the tool's failure handling: a {@link CommandFailure} is a message and an exit code. */
@ApplicationScoped
public class CommandLineFactory {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return factory.create().setCaseInsensitiveEnumValuesAllowed(true).setExecutionExceptionHandler((failure, commandLine, parsed) -> {
            if (failure instanceof CommandFailure known) {
                if (known.getMessage() != null) {
                    commandLine.getErr().println(known.getMessage());
                }
                return known.exitCode();
            }
            commandLine.getErr().println("Failed: " + failure);
            return ExitCodes.UNAVAILABLE;
        });
    }
}
