package io.topline.cli.organisation;

import io.topline.cli.CommandFailure;
import io.topline.cli.ExitCodes;
import io.topline.contracts.organisation.OrganisationFileRules;
import io.topline.contracts.organisation.OrganisationFiles;
import io.topline.contracts.organisation.OrganisationFiles.Checked;
import io.topline.contracts.organisation.OrganisationFiles.FileError;
import io.topline.contracts.organisation.OrganisationFiles.Format;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * An organisation file read from disk and checked offline, as every command reads it: against the published schema
 * and, when that passes, the rules the file keeps on its own ({@link OrganisationFileRules}), which drivers-service
 * checks too.
 */
public record OrganisationFileInput(Path file, String text, Format format, Checked checked, List<FileError> errors) {

    /** Reads the file; a file that cannot be read is an input error. */
    public static OrganisationFileInput read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Format format = Format.of(file.getFileName().toString());
            Checked checked = OrganisationFiles.check(text, format);
            List<FileError> errors = checked.valid() ? OrganisationFileRules.check(checked.document()) : checked.errors();
            return new OrganisationFileInput(file, text, format, checked, errors);
        } catch (NoSuchFileException e) {
            throw new CommandFailure(ExitCodes.INVALID, file + ": no such file");
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.INVALID, file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The media type the suite reads this file as. */
    public String mediaType() {
        return format == Format.YAML ? "application/yaml" : "application/json";
    }

    /** Prints every error as {@code FILE:line:column: path: message}; returns whether there was none. */
    public boolean report(PrintWriter err) {
        for (FileError error : errors) {
            err.println(file + ":" + error.describe());
        }
        return errors.isEmpty();
    }

    /**
     * The body to send: the file as it is, with the values of its {@code ${VARIABLE}} references from the
     * environment in {@code secrets}. A variable that is not set fails with {@link ExitCodes#INVALID} before anything
     * is sent, naming the variable, never a value.
     */
    public String body(PrintWriter err) {
        SecretReferences.Resolved resolved;
        try {
            resolved = SecretReferences.resolve(this, System::getenv);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.INVALID, file + ": " + e.getMessage() + "; nothing was sent");
        }
        for (FileError error : resolved.errors()) {
            err.println(file + ":" + error.describe());
        }
        if (!resolved.errors().isEmpty()) {
            throw new CommandFailure(ExitCodes.INVALID, file + ": " + resolved.errors().size() + " error(s); nothing "
                    + "was sent");
        }
        return resolved.body();
    }

    /** Fails with {@link ExitCodes#INVALID} after printing the errors, if the file has any. */
    public OrganisationFileInput requireValid(PrintWriter err) {
        if (!report(err)) {
            throw new CommandFailure(ExitCodes.INVALID, file + ": " + errors.size() + " error(s); nothing "
                    + "was sent");
        }
        return this;
    }
}
