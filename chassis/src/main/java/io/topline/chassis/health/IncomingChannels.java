package io.topline.chassis.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's Kafka consumers as its configuration declares them ({@code mp.messaging.incoming.<channel>.*}), so
 * that lag and dead letters are watched without a service naming its channels twice.
 */
@ApplicationScoped
public class IncomingChannels {

    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic");

    private final List<IncomingChannel> channels;

    public IncomingChannels(Config config) {
        Set<String> names = new TreeSet<>();
        for (String property : config.getPropertyNames()) {
            Matcher matcher = CHANNEL.matcher(property);
            if (matcher.matches()) {
                names.add(matcher.group(1));
            }
        }
        this.channels = names.stream().map(name -> read(config, name)).toList();
    }

    /** Every incoming channel, by name. */
    public List<IncomingChannel> all() {
        return channels;
    }

    /** The dead-letter topics of the channels that have one, each once. */
    public List<String> deadLetterTopics() {
        return channels.stream().flatMap(channel -> channel.deadLetterTopic().stream()).distinct().sorted().toList();
    }

    private static IncomingChannel read(Config config, String name) {
        String prefix = "mp.messaging.incoming." + name + ".";
        return new IncomingChannel(name,
                config.getValue(prefix + "topic", String.class),
                config.getOptionalValue(prefix + "group.id", String.class),
                config.getOptionalValue(prefix + "dead-letter-queue.topic", String.class));
    }

    /** One consumer: its channel, topic, consumer group and dead-letter topic. */
    public record IncomingChannel(String name, String topic, Optional<String> groupId,
                                  Optional<String> deadLetterTopic) {
    }
}
