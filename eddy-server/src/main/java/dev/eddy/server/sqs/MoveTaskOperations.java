package dev.eddy.server.sqs;

import static dev.eddy.server.sqs.SqsParameters.integer;
import static dev.eddy.server.sqs.SqsParameters.required;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.queue.MoveTask;
import dev.eddy.queue.MoveTasks;
import dev.eddy.server.http.JsonRequest;

/** The message move task operations of {@link SqsHttp}: start, list, cancel. */
final class MoveTaskOperations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MoveTasks tasks;

    MoveTaskOperations(MoveTasks tasks) {
        this.tasks = tasks;
    }

    ObjectNode start(JsonRequest r) {
        MoveTask t = tasks.start(
                required(r.body(), "SourceArn"),
                r.string("DestinationArn"),
                integer(r.body(), "MaxNumberOfMessagesPerSecond"));
        return NODES.objectNode().put("TaskHandle", t.handle());
    }

    ObjectNode list(JsonRequest r) {
        ObjectNode out = NODES.objectNode();
        ArrayNode results = out.putArray("Results");
        for (MoveTask t : tasks.list(required(r.body(), "SourceArn"), integer(r.body(), "MaxResults"))) {
            results.add(entry(t));
        }
        return out;
    }

    ObjectNode cancel(JsonRequest r) {
        long moved = tasks.cancel(required(r.body(), "TaskHandle"));
        return NODES.objectNode().put("ApproximateNumberOfMessagesMoved", moved);
    }

    /** A ListMessageMoveTasksResultEntry: the handle only while RUNNING, optional members only when set. */
    static ObjectNode entry(MoveTask t) {
        ObjectNode e = NODES.objectNode();
        if (t.status() == MoveTask.Status.RUNNING) {
            e.put("TaskHandle", t.handle());
        }
        e.put("Status", t.status().name());
        e.put("SourceArn", t.source().toString());
        if (t.destination() != null) {
            e.put("DestinationArn", t.destination().toString());
        }
        if (t.maxPerSecond() != null) {
            e.put("MaxNumberOfMessagesPerSecond", t.maxPerSecond());
        }
        e.put("ApproximateNumberOfMessagesMoved", t.moved());
        e.put("ApproximateNumberOfMessagesToMove", t.toMove());
        if (t.failureReason() != null) {
            e.put("FailureReason", t.failureReason());
        }
        e.put("StartedTimestamp", t.startedMillis());
        return e;
    }
}
