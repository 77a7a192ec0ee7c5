package io.topline.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;

/** Prints a problem the suite answered with: its title and detail, then every violation as a compiler would. */
final class Problems {

    private Problems() {
    }

    static void print(SuiteClient.Answer answer, PrintWriter err, String file) {
        JsonNode problem;
        try {
            problem = answer.json();
        } catch (CommandFailure notJson) {
            err.println("HTTP " + answer.status());
            return;
        }
        err.println("HTTP " + answer.status() + " " + problem.path("title").asText("") + ": "
                + problem.path("detail").asText(""));
        for (JsonNode violation : problem.path("violations")) {
            String where = violation.has("line") ? violation.get("line").asInt() + ":" + violation.get("column").asInt() + ": " : "";
            err.println((file == null ? "" : file + ":") + where + violation.path("field").asText() + ": "
                    + violation.path("message").asText());
        }
    }
}
