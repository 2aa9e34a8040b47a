package dev.eddy.server.sqs;

import static dev.eddy.server.sqs.SqsParameters.integer;
import static dev.eddy.server.sqs.SqsParameters.list;
import static dev.eddy.server.sqs.SqsParameters.objects;
import static dev.eddy.server.sqs.SqsParameters.required;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.queue.BatchOutcome;
import dev.eddy.queue.OutgoingMessage;
import dev.eddy.queue.QueueEngine;
import dev.eddy.queue.ReceiveOptions;
import dev.eddy.queue.ReceivedMessage;
import dev.eddy.queue.SentMessage;
import dev.eddy.server.http.JsonRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The message operations of {@link SqsHttp}: send, receive, delete, change visibility, batches. */
final class MessageOperations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private final QueueEngine queues;
    private final QueueUrls urls;

    MessageOperations(QueueEngine queues, QueueUrls urls) {
        this.queues = queues;
        this.urls = urls;
    }

    private Arn.Queue queue(JsonRequest r) {
        return urls.parse(required(r.body(), "QueueUrl"));
    }

    ObjectNode send(JsonRequest r) {
        Arn.Queue q = queue(r);
        OutgoingMessage m = MessageJson.outgoing(r.body());
        SentMessage sent = queues.send(q, m);
        return MessageJson.sent(NODES.objectNode(), m, sent);
    }

    ObjectNode sendBatch(JsonRequest r) {
        Arn.Queue q = queue(r);
        List<ObjectNode> entries = entries(r, "SendMessageBatchRequestEntry");
        BatchSizes.check(entries);
        return batchAnswer(
                entries,
                QueueEngine.batch(entries, e -> {
                    OutgoingMessage m = MessageJson.outgoing(e);
                    return MessageJson.sent(NODES.objectNode(), m, queues.send(q, m));
                }),
                (row, done) -> row.setAll(done));
    }

    ObjectNode receive(JsonRequest r) {
        Arn.Queue q = queue(r);
        Integer max = integer(r.body(), "MaxNumberOfMessages");
        ReceiveOptions options = new ReceiveOptions(
                max == null ? 1 : max,
                integer(r.body(), "VisibilityTimeout"),
                integer(r.body(), "WaitTimeSeconds"),
                r.string("ReceiveRequestAttemptId"));
        List<String> systemNames = list(r.body(), "AttributeNames");
        systemNames.addAll(list(r.body(), "MessageSystemAttributeNames"));
        MessageJson.Selection selection = new MessageJson.Selection(
                Set.copyOf(systemNames), list(r.body(), "MessageAttributeNames"), q.account());
        List<ReceivedMessage> got = queues.receive(q, options);
        ObjectNode out = NODES.objectNode();
        if (!got.isEmpty()) {
            ArrayNode messages = out.putArray("Messages");
            got.forEach(m -> messages.add(MessageJson.received(m, selection)));
        }
        return out;
    }

    ObjectNode delete(JsonRequest r) {
        Arn.Queue q = queue(r);
        queues.deleteMessage(q, required(r.body(), "ReceiptHandle"));
        return NODES.objectNode();
    }

    ObjectNode deleteBatch(JsonRequest r) {
        Arn.Queue q = queue(r);
        List<ObjectNode> entries = entries(r, "DeleteMessageBatchRequestEntry");
        return batchAnswer(
                entries,
                QueueEngine.batch(entries, e -> {
                    queues.deleteMessage(q, required(e, "ReceiptHandle"));
                    return Boolean.TRUE;
                }),
                (row, done) -> {});
    }

    ObjectNode changeVisibility(JsonRequest r) {
        Arn.Queue q = queue(r);
        String handle = required(r.body(), "ReceiptHandle");
        queues.changeVisibility(q, handle, visibilityTimeout(r.body()));
        return NODES.objectNode();
    }

    ObjectNode changeVisibilityBatch(JsonRequest r) {
        Arn.Queue q = queue(r);
        List<ObjectNode> entries = entries(r, "ChangeMessageVisibilityBatchRequestEntry");
        return batchAnswer(
                entries,
                QueueEngine.batch(entries, e -> {
                    queues.changeVisibility(q, required(e, "ReceiptHandle"), visibilityTimeout(e));
                    return Boolean.TRUE;
                }),
                (row, done) -> {});
    }

    private static int visibilityTimeout(ObjectNode body) {
        Integer timeout = integer(body, "VisibilityTimeout");
        if (timeout == null) {
            throw SqsParameters.missing("VisibilityTimeout");
        }
        if (timeout < 0 || timeout > 43_200) {
            throw SqsParameters.invalid("Value " + timeout
                    + " for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200.");
        }
        return timeout;
    }

    /** The batch's entries, checked as AWS checks them before running any. */
    private static List<ObjectNode> entries(JsonRequest r, String entryShape) {
        List<ObjectNode> entries = objects(r.body(), "Entries");
        if (entries.isEmpty()) {
            throw new EddyException(
                    ErrorCode.SQS_EMPTY_BATCH_REQUEST,
                    "There should be at least one " + entryShape + " in the request.");
        }
        Set<String> ids = new HashSet<>();
        for (ObjectNode e : entries) {
            String id = JsonRequest.string(e, "Id");
            if (id == null) {
                throw SqsParameters.missing("Id");
            }
            if (!BATCH_ID.matcher(id).matches()) {
                throw new EddyException(
                        ErrorCode.SQS_INVALID_BATCH_ENTRY_ID,
                        "A batch entry id can only contain alphanumeric characters, hyphens and underscores. "
                                + "It can be at most 80 letters long.");
            }
            if (!ids.add(id) && entries.size() <= 10) {
                throw new EddyException(ErrorCode.SQS_BATCH_ENTRY_IDS_NOT_DISTINCT, "Id " + id + " repeated.");
            }
        }
        return entries;
    }

    /** {@code {"Successful":[...],"Failed":[...]}}, each row named by its entry's Id. */
    private static <R> ObjectNode batchAnswer(
            List<ObjectNode> entries, List<BatchOutcome<R>> outcomes, BiConsumer<ObjectNode, R> fill) {
        ObjectNode out = NODES.objectNode();
        ArrayNode successful = out.putArray("Successful");
        ArrayNode failed = out.putArray("Failed");
        Function<Integer, String> id = i -> entries.get(i).get("Id").textValue();
        for (int i = 0; i < outcomes.size(); i++) {
            switch (outcomes.get(i)) {
                case BatchOutcome.Done<R> done -> {
                    ObjectNode row = successful.addObject().put("Id", id.apply(i));
                    fill.accept(row, done.result());
                }
                case BatchOutcome.Failed<R> f ->
                    failed.addObject()
                            .put("Id", id.apply(i))
                            .put("SenderFault", f.error().code().httpStatus() < 500)
                            .put("Code", f.error().code().queryCode())
                            .put("Message", f.error().getMessage());
            }
        }
        return out;
    }
}
