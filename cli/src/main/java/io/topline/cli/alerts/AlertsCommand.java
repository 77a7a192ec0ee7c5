package io.topline.cli.alerts;

import picocli.CommandLine.Command;

/** {@code topline alerts}: what alerts-service says about alerts. */
@Command(name = "alerts", description = "Alerts: tail the live stream.", subcommands = AlertsTailCommand.class)
public class AlertsCommand {
}
