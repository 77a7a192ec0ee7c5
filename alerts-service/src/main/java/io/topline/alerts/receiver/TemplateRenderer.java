package io.topline.alerts.receiver;

import io.quarkus.qute.Engine;
import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.IfSectionHelper;
import io.quarkus.qute.TemplateException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/**
 * Renders admins' templates with engines of its own: values, the elvis operator and {@code #if} only. Not the
 * application's Qute engine, whose {@code config:} and {@code inject:} namespaces would let a template read the
 * service's configuration (its keys included), and without loops, so that a template cannot spin.
 */
@ApplicationScoped
public class TemplateRenderer {

    /** Longest rendered part kept; the receivers' own limits are lower still (Slack's header: 150 characters). */
    static final int MAX_OUTPUT = 10_000;

    private final Engine plain = engine().build();
    // Slack's mrkdwn reads &, < and > as markup: the values a template inserts are escaped, its own text is not
    private final Engine mrkdwn = engine().addResultMapper((result, expression) -> escapeMrkdwn(String.valueOf(result)))
            .build();

    /** The rendered template, or the reason it cannot be parsed or rendered over these data. */
    public Rendering render(String template, Map<String, Object> data) {
        return render(plain, template, data);
    }

    /** The same with every inserted value escaped for Slack's mrkdwn. */
    public Rendering renderMrkdwn(String template, Map<String, Object> data) {
        return render(mrkdwn, template, data);
    }

    private static Rendering render(Engine engine, String template, Map<String, Object> data) {
        try {
            String output = engine.parse(template).data(data).render();
            return new Rendering(output.length() > MAX_OUTPUT ? output.substring(0, MAX_OUTPUT) : output, null);
        } catch (TemplateException | IllegalArgumentException e) {
            return new Rendering(null, e.getMessage());
        }
    }

    private static EngineBuilder engine() {
        return Engine.builder().addDefaultValueResolvers().addSectionHelper(new IfSectionHelper.Factory());
    }

    static String escapeMrkdwn(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A rendering's output, or its error. */
    public record Rendering(String output, String error) {

        public Optional<String> failure() {
            return Optional.ofNullable(error);
        }
    }
}
