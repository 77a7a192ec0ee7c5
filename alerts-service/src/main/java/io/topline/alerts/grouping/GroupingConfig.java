package io.topline.alerts.grouping;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Grouping of notifications: how long a person's receiver waits to gather a burst, and how often groups close. */
@ConfigMapping(prefix = "topline.grouping")
public interface GroupingConfig {

    /**
     * The group wait of SLACK, TEAMS and EMAIL receivers that name none: a period close judges every measure within
     * seconds, and a person reads one message listing the five red measures of a function more easily than five
     * messages (Alertmanager's {@code group_wait} is 30 s too). Webhooks, PagerDuty and Alertmanager get one message
     * per transition unless a webhook asks for a wait: machines and the tools that group by themselves want them so.
     */
    @WithDefault("30s")
    Duration defaultWait();

    /** How often due groups are closed into deliveries; {@code off} stops the job (the tests close groups themselves). */
    @WithDefault("1s")
    String checkInterval();

    /** Most notifications one grouped message lists; a larger group is sent as several messages of this size. */
    @WithDefault("100")
    int maxMembers();
}
