package dev.eddy.server.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.mapping.Mapping;
import dev.eddy.mapping.MappingEngine;
import dev.eddy.mapping.ShardStatus;
import dev.eddy.mapping.run.MappingRunner;
import dev.eddy.server.http.RestRoutes;
import dev.eddy.server.http.RestService;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Eddy's own view of event source mapping processing (not part of Lambda's API):
 *
 * <ul>
 *   <li>{@code GET /eddy/v1/mappings}: every mapping with its state and, per shard being processed,
 *       the processor's state, checkpoint, lag and counters ({@code eddy mappings} prints it);
 *   <li>{@code POST /eddy/v1/mappings/drain?TimeoutSeconds=N&UUID=U}: waits until every enabled
 *       mapping (or mapping U) has processed every record visible when the call began, at most N
 *       seconds (default 30, at most 300), and answers {@code {"Drained":true|false}}, so that tests
 *       wait for processing without sleeping.
 * </ul>
 */
public final class MappingProcessingHttp implements RestService {
    private static final String BASE = "/eddy/v1/mappings";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_WAIT_SECONDS = 300;

    private final MappingEngine mappings;
    private final MappingRunner runner;

    public MappingProcessingHttp(MappingEngine mappings, MappingRunner runner) {
        this.mappings = mappings;
        this.runner = runner;
    }

    @Override
    public void routes(RestRoutes routes) {
        routes.get(BASE, this::list).post(BASE + "/drain", RestRoutes.Work.WAIT, this::drain);
    }

    private void list(ServerRequest req, ServerResponse res) throws IOException {
        List<ShardStatus> statuses = runner.statuses();
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("Mappings");
        for (Mapping m : mappings.all()) {
            ObjectNode node = list.addObject();
            node.put("UUID", m.uuid());
            node.put("FunctionArn", m.functionArn());
            node.put("EventSourceArn", m.eventSourceArn());
            node.put("State", m.state().wire());
            node.put("LastProcessingResult", m.lastProcessingResult());
            long lag = 0;
            ArrayNode shards = node.putArray("Shards");
            for (ShardStatus s : statuses) {
                if (s.uuid().equals(m.uuid())) {
                    lag += s.lag();
                    shards.add(shard(s));
                }
            }
            node.put("Lag", lag);
        }
        LambdaJsonBodies.send(res, Status.OK_200, out);
    }

    private static ObjectNode shard(ShardStatus s) {
        ObjectNode n = NODES.objectNode();
        n.put("ShardId", s.shardId());
        n.put("State", s.state().name());
        n.put("Checkpoint", s.checkpoint());
        n.put("Lag", s.lag());
        n.put("PolledEventCount", s.metrics().polledEventCount());
        n.put("FilteredOutEventCount", s.metrics().filteredOutEventCount());
        n.put("FailedInvokeEventCount", s.metrics().failedInvokeEventCount());
        n.put("DroppedEventCount", s.metrics().droppedEventCount());
        n.put("OnFailureDestinationDeliveredEventCount", s.metrics().onFailureDestinationDeliveredEventCount());
        if (s.metrics().iteratorAge() != null) {
            n.put("IteratorAgeMillis", s.metrics().iteratorAge().toMillis());
        }
        return n;
    }

    private void drain(ServerRequest req, ServerResponse res) throws IOException {
        String given = req.query().first("TimeoutSeconds").orElse("30");
        int seconds = LambdaJsonBodies.number(given, "timeoutSeconds");
        if (seconds < 0 || seconds > MAX_WAIT_SECONDS) {
            throw new EddyException(
                    ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value '" + seconds
                            + "' at 'timeoutSeconds' failed to satisfy constraint: Member must have value between 0 and "
                            + MAX_WAIT_SECONDS);
        }
        String uuid = req.query().first("UUID").orElse(null);
        if (uuid != null) {
            mappings.get(uuid); // 404 for an unknown mapping
        }
        boolean drained;
        try {
            drained = runner.awaitDrained(uuid, Duration.ofSeconds(seconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EddyException(ErrorCode.LAMBDA_SERVICE, "interrupted while waiting for the mappings to drain");
        }
        ObjectNode out = NODES.objectNode();
        out.put("Drained", drained);
        LambdaJsonBodies.send(res, Status.OK_200, out);
    }

    @Override
    public ObjectNode errorBody(EddyException e) {
        return LambdaErrors.body(e);
    }

    @Override
    public EddyException internalError() {
        return LambdaJsonBodies.internalError();
    }
}
