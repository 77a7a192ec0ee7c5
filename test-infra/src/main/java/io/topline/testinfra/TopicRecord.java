package io.topline.testinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record as a {@link TopicReader} saw it: where it sits, its key, value and headers, and when it arrived.
 *
 * @param headers       the last value of each header as UTF-8 text (null for a header without a value)
 * @param receivedNanos {@link System#nanoTime()} when the reader received it, for latency measurements
 */
public record TopicRecord(String topic, int partition, long offset, String key, String value,
                          Map<String, String> headers, long receivedNanos) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static TopicRecord of(ConsumerRecord<String, String> record, long receivedNanos) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return new TopicRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                Collections.unmodifiableMap(headers), receivedNanos);
    }

    /** The last value of header {@code name}, or null when the record has no such header. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The value parsed as JSON; fails the test when it is not JSON. */
    public JsonNode json() {
        try {
            return MAPPER.readTree(value);
        } catch (IOException | IllegalArgumentException e) {
            throw new AssertionError("Not JSON: " + this, e);
        }
    }

    /** The value as a structured-mode CloudEvent, checked against the contract of its {@code type}. */
    public JsonNode event() {
        return EventContracts.assertValid(value);
    }

    /** The {@code data} of the CloudEvent, checked as {@link #event()} checks it. */
    public JsonNode data() {
        return event().get("data");
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset + " key=" + key + " headers=" + headers + " value=" + value;
    }
}
