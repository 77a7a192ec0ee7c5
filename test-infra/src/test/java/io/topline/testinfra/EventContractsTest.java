package io.topline.testinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The contracts are data: every schema has an example that satisfies it, and the schemas do reject. */
class EventContractsTest {

    @Test
    void shouldHaveAValidExampleForEverySchema() throws IOException {
        List<String> types;
        try (Stream<Path> files = Files.list(EventContracts.directory())) {
            types = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".schema.json"))
                    .map(name -> name.substring(0, name.length() - ".schema.json".length()))
                    .sorted()
                    .toList();
        }
        assertEquals(11, types.size(), "one schema per event type of docs/events.md: " + types);
        for (String type : types) {
            EventContracts.assertValid(type, EventContracts.example(type));
        }
    }

    @Test
    void shouldRejectAnEventThatBreaksItsSchema() {
        JsonNode example = EventContracts.example("topline.actual.updated");
        ObjectNode broken = example.deepCopy();
        ((ObjectNode) broken.get("data")).put("value", "ninety");
        ((ObjectNode) broken.get("data")).remove("revision");
        assertFalse(EventContracts.violations("topline.actual.updated", broken).isEmpty());
        assertThrows(AssertionError.class, () -> EventContracts.assertValid("topline.actual.updated", broken));
        assertThrows(AssertionError.class, () -> EventContracts.assertValid("topline.driver.defined", example));
    }
}
