package io.topline.chassis.health;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Questions to the broker about the pipeline (is it reachable, how far behind is a consumer group, how many records
 * does a topic hold), through one Kafka AdminClient configured like the service's other clients.
 */
@ApplicationScoped
public class KafkaAdmin {

    private final Map<String, Object> kafkaConfig;
    private final Map<String, Object> clientConfig;
    private final PipelineConfig config;
    private volatile Admin admin;

    public KafkaAdmin(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, PipelineConfig config) {
        this.config = config;
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        Map<String, Object> admin = settingsFor(AdminClientConfig.configNames());
        int timeout = (int) config.brokerTimeout().toMillis();
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "topline-pipeline-admin");
        this.clientConfig = Map.copyOf(admin);
    }

    /** How many brokers answered; throws when none did within the broker timeout. */
    public int brokers() {
        return await(admin().describeCluster().nodes()).size();
    }

    /** The records of {@code topic} not yet committed by {@code groupId}, over every partition. */
    public long lag(String groupId, String topic) {
        List<TopicPartition> partitions = partitions(topic);
        Map<TopicPartition, OffsetAndMetadata> committed =
                await(admin().listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> earliest = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> latest = offsets(partitions, OffsetSpec.latest());
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata done = committed.get(partition);
            long position = done == null ? earliest.get(partition) : done.offset();
            lag += Math.max(0, latest.get(partition) - position);
        }
        return lag;
    }

    /** How many records {@code topic} holds now (those its retention has not removed). */
    public long records(String topic) {
        List<TopicPartition> partitions = partitions(topic);
        Map<TopicPartition, Long> earliest = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> latest = offsets(partitions, OffsetSpec.latest());
        return partitions.stream().mapToLong(p -> latest.get(p) - earliest.get(p)).sum();
    }

    /** The partitions of {@code topic}; none while the topic does not exist (a dead-letter topic before its first record). */
    public List<TopicPartition> partitions(String topic) {
        try {
            return await(admin().describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
        } catch (BrokerUnavailableException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return List.of();
            }
            throw e;
        }
    }

    /**
     * The service's Kafka settings ({@code kafka.*}: servers, security) that a client of another kind accepts, so
     * that a short-lived consumer or producer connects like the service's channels.
     */
    public Map<String, Object> settingsFor(Set<String> clientConfigNames) {
        Map<String, Object> settings = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (clientConfigNames.contains(key)) {
                settings.put(key, value);
            }
        });
        return settings;
    }

    void close(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), p -> spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer =
                await(admin().listOffsets(request).all());
        return answer.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(clientConfig);
                }
            }
        }
        return admin;
    }

    private <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(config.brokerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted", e);
        } catch (ExecutionException e) {
            throw new BrokerUnavailableException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new BrokerUnavailableException("no answer within " + config.brokerTimeout(), e);
        }
    }

    /** The broker did not answer, or answered with an error. */
    public static class BrokerUnavailableException extends RuntimeException {
        BrokerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
