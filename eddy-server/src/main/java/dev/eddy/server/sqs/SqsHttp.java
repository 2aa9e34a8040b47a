package dev.eddy.server.sqs;

import static dev.eddy.server.sqs.SqsParameters.integer;
import static dev.eddy.server.sqs.SqsParameters.invalid;
import static dev.eddy.server.sqs.SqsParameters.list;
import static dev.eddy.server.sqs.SqsParameters.required;
import static dev.eddy.server.sqs.SqsParameters.strings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.queue.QueueEngine;
import dev.eddy.server.http.JsonOperation;
import dev.eddy.server.http.JsonRequest;
import dev.eddy.server.http.JsonService;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * SQS in the JSON 1.0 protocol (target prefix {@code AmazonSQS}): parse, call the
 * {@link QueueEngine}, render. Queue operations live here, message operations in
 * {@link MessageOperations}. Errors carry {@code x-amzn-query-error: <query code>;Sender} (or
 * {@code Receiver} for a server error), from which the SDKs read the code.
 *
 * <p>ReceiveMessage {@link #waits}: a long poll runs on the request's virtual thread, so it holds
 * no store worker while it waits.
 */
public final class SqsHttp implements JsonService {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_LIST_RESULTS = 1000;

    private final QueueEngine queues;
    private final QueueUrls urls;
    private final Map<String, JsonOperation> operations;

    public SqsHttp(QueueEngine queues, Account account) {
        this.queues = queues;
        this.urls = new QueueUrls(account);
        MessageOperations messages = new MessageOperations(queues, urls);
        MoveTaskOperations moves = new MoveTaskOperations(queues.moveTasks());
        PermissionOperations permissions = new PermissionOperations(queues.permissions(), urls);
        this.operations = Map.ofEntries(
                Map.entry("CreateQueue", this::createQueue),
                Map.entry("GetQueueUrl", this::getQueueUrl),
                Map.entry("ListQueues", this::listQueues),
                Map.entry("GetQueueAttributes", this::getQueueAttributes),
                Map.entry("SetQueueAttributes", this::setQueueAttributes),
                Map.entry("DeleteQueue", this::deleteQueue),
                Map.entry("PurgeQueue", this::purgeQueue),
                Map.entry("ListQueueTags", this::listQueueTags),
                Map.entry("TagQueue", this::tagQueue),
                Map.entry("UntagQueue", this::untagQueue),
                Map.entry("ListDeadLetterSourceQueues", this::listDeadLetterSourceQueues),
                Map.entry("SendMessage", messages::send),
                Map.entry("SendMessageBatch", messages::sendBatch),
                Map.entry("ReceiveMessage", messages::receive),
                Map.entry("DeleteMessage", messages::delete),
                Map.entry("DeleteMessageBatch", messages::deleteBatch),
                Map.entry("ChangeMessageVisibility", messages::changeVisibility),
                Map.entry("ChangeMessageVisibilityBatch", messages::changeVisibilityBatch),
                Map.entry("StartMessageMoveTask", moves::start),
                Map.entry("ListMessageMoveTasks", moves::list),
                Map.entry("CancelMessageMoveTask", moves::cancel),
                Map.entry("AddPermission", permissions::add),
                Map.entry("RemovePermission", permissions::remove));
    }

    @Override
    public String targetPrefix() {
        return "AmazonSQS";
    }

    @Override
    public JsonOperation operation(String name) {
        return operations.get(name);
    }

    @Override
    public boolean waits(String name) {
        return name.equals("ReceiveMessage");
    }

    @Override
    public boolean queryCompatible() {
        return true;
    }

    @Override
    public Map<String, String> errorHeaders(EddyException e) {
        String fault = e.code().httpStatus() >= 500 ? "Receiver" : "Sender";
        return Map.of("x-amzn-query-error", e.code().queryCode() + ";" + fault);
    }

    private Arn.Queue queue(JsonRequest r) {
        return urls.parse(required(r.body(), "QueueUrl"));
    }

    private static ObjectNode empty() {
        return NODES.objectNode();
    }

    ObjectNode createQueue(JsonRequest r) {
        String name = required(r.body(), "QueueName");
        Arn.Queue q = queues.createQueue(name, strings(r.body(), "Attributes"), strings(r.body(), "tags"));
        return empty().put("QueueUrl", urls.render(q, r.authority()));
    }

    ObjectNode getQueueUrl(JsonRequest r) {
        Arn.Queue q = queues.queue(required(r.body(), "QueueName"));
        return empty().put("QueueUrl", urls.render(q, r.authority()));
    }

    ObjectNode listQueues(JsonRequest r) {
        String prefix = r.string("QueueNamePrefix");
        Integer max = integer(r.body(), "MaxResults");
        if (max != null && (max < 1 || max > MAX_LIST_RESULTS)) {
            throw invalid("Value " + max + " for parameter MaxResults is invalid. Reason: must be between 1 and 1000.");
        }
        int limit = max == null ? MAX_LIST_RESULTS : max;
        List<Arn.Queue> found = queues.listQueues(prefix, afterName(r.string("NextToken")), limit + 1);
        List<Arn.Queue> page = found.subList(0, Math.min(limit, found.size()));
        ObjectNode out = empty();
        if (!page.isEmpty()) {
            ArrayNode list = out.putArray("QueueUrls");
            page.forEach(q -> list.add(urls.render(q, r.authority())));
        }
        // a next token only when the client asked for pages (the model)
        if (max != null && found.size() > limit) {
            out.put(
                    "NextToken",
                    Base64.getUrlEncoder().encodeToString(page.getLast().name().getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static String afterName(String token) {
        if (token == null) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("Invalid NextToken value.");
        }
    }

    ObjectNode getQueueAttributes(JsonRequest r) {
        Arn.Queue q = queue(r);
        Map<String, String> attributes = queues.attributes(q, list(r.body(), "AttributeNames"));
        ObjectNode out = empty();
        if (!attributes.isEmpty()) {
            ObjectNode map = out.putObject("Attributes");
            attributes.forEach(map::put);
        }
        return out;
    }

    ObjectNode setQueueAttributes(JsonRequest r) {
        Arn.Queue q = queue(r);
        queues.setAttributes(q, strings(r.body(), "Attributes"));
        return empty();
    }

    ObjectNode deleteQueue(JsonRequest r) {
        queues.deleteQueue(queue(r));
        return empty();
    }

    ObjectNode purgeQueue(JsonRequest r) {
        queues.purge(queue(r));
        return empty();
    }

    ObjectNode listQueueTags(JsonRequest r) {
        Map<String, String> tags = queues.tags(queue(r));
        ObjectNode out = empty();
        if (!tags.isEmpty()) {
            ObjectNode map = out.putObject("Tags");
            tags.forEach(map::put);
        }
        return out;
    }

    ObjectNode tagQueue(JsonRequest r) {
        Arn.Queue q = queue(r);
        queues.tag(q, strings(r.body(), "Tags"));
        return empty();
    }

    ObjectNode untagQueue(JsonRequest r) {
        Arn.Queue q = queue(r);
        queues.untag(q, list(r.body(), "TagKeys"));
        return empty();
    }

    ObjectNode listDeadLetterSourceQueues(JsonRequest r) {
        ObjectNode out = empty();
        ArrayNode list = out.putArray("queueUrls");
        queues.deadLetterSourceQueues(queue(r)).forEach(q -> list.add(urls.render(q, r.authority())));
        return out;
    }
}
