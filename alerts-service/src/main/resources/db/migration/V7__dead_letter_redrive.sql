-- Dead letters an operator re-drove (io.topline.chassis.deadletter.RedriveLog), so that one record is re-driven once.
CREATE TABLE dead_letter_redrive (
    dlq_topic     VARCHAR(249) NOT NULL,
    dlq_partition INTEGER      NOT NULL,
    dlq_offset    BIGINT       NOT NULL,
    redriven_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    redriven_by   VARCHAR(200) NOT NULL,
    PRIMARY KEY (dlq_topic, dlq_partition, dlq_offset)
);
