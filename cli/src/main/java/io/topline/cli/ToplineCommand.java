package io.topline.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import io.topline.cli.alerts.AlertsCommand;
import io.topline.cli.deadletter.DeadLettersCommand;
import io.topline.cli.ingest.ImportCsvCommand;
import io.topline.cli.measurement.PostCommand;
import io.topline.cli.organisation.ApplyCommand;
import io.topline.cli.organisation.ExportCommand;
import io.topline.cli.organisation.PlanCommand;
import io.topline.cli.organisation.ValidateCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** {@code topline}: the suite's command-line tool; each subcommand is one task. */
@TopCommand
// INHERIT: --help and --version work on every subcommand too
@Command(name = "topline", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "topline 1.0.0-SNAPSHOT",
        description = "Definitions as code and ingestion for Topline. Exit codes: 0 done, 1 invalid input, 2 usage, "
                + "3 suite unreachable or failing, 4 no token or refused, 5 the suite changed meanwhile, 10 plan has "
                + "changes (plan --detailed-exitcode).",
        subcommands = {ValidateCommand.class, PlanCommand.class, ApplyCommand.class, ExportCommand.class,
                ImportCsvCommand.class, PostCommand.class, AlertsCommand.class, DeadLettersCommand.class})
public class ToplineCommand {
}
