package io.topline.metrics.ingest;

/** A Kafka record that breaks the contract or an ingestion rule; it goes to the dead-letter topic with this reason. */
public class InvalidRecordException extends RuntimeException {

    public InvalidRecordException(String reason) {
        super(reason);
    }
}
