package io.topline.cli.deadletter;

import picocli.CommandLine.Command;

/** {@code topline dead-letters}: the records a service's consumers could not apply. */
@Command(name = "dead-letters", description = "Records the consumers of metrics-service or alerts-service could not "
        + "apply: list them, re-drive them.", subcommands = {DeadLettersListCommand.class, DeadLettersRedriveCommand.class})
public class DeadLettersCommand {
}
