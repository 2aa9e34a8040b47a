package dev.eddy.server.metrics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.server.http.RestRoutes;
import dev.eddy.server.http.RestService;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: every meter of the node's registry in the Prometheus text exposition
 * format 0.0.4, after the mapping metrics were brought up to date. Like the health check it needs
 * no credentials (the front door authenticates only the JSON services), so a Prometheus server
 * scrapes it as it is.
 *
 * <p>Thread-safe: scrapes are serialised, each refreshing the mapping metrics and rendering the
 * registry in one critical section; a scrape is cheap next to a scrape interval.
 */
public final class MetricsHttp implements RestService {
    /** The content type of the Prometheus text format, version 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Where the metrics are served. */
    public static final String PATH = "/metrics";

    private final PrometheusMeterRegistry registry;
    private final MappingMetrics mappings;

    public MetricsHttp(PrometheusMeterRegistry registry, MappingMetrics mappings) {
        this.registry = registry;
        this.mappings = mappings;
    }

    @Override
    public boolean signed() {
        return false;
    }

    @Override
    public void routes(RestRoutes routes) {
        // no store work: rendering runs on the request's own thread
        routes.get(PATH, RestRoutes.Work.WAIT, (req, res) -> {
            byte[] text = scrape().getBytes(StandardCharsets.UTF_8);
            res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
            res.status(Status.OK_200).send(text);
        });
    }

    /** The registry in the text format, the mapping metrics refreshed first. */
    public synchronized String scrape() {
        mappings.refresh();
        return registry.scrape();
    }

    @Override
    public ObjectNode errorBody(EddyException e) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("message", e.getMessage());
        return body;
    }

    @Override
    public EddyException internalError() {
        return new EddyException(ErrorCode.INTERNAL_SERVER_ERROR, "The metrics could not be rendered");
    }
}
