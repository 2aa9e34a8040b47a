package dev.eddy.server.sqs;

import static dev.eddy.server.sqs.SqsParameters.list;
import static dev.eddy.server.sqs.SqsParameters.required;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.queue.QueuePermissions;
import dev.eddy.server.http.JsonRequest;
import java.util.List;

/** AddPermission and RemovePermission of {@link SqsHttp}: statements of the queue's Policy. */
final class PermissionOperations {
    private final QueuePermissions permissions;
    private final QueueUrls urls;

    PermissionOperations(QueuePermissions permissions, QueueUrls urls) {
        this.permissions = permissions;
        this.urls = urls;
    }

    ObjectNode add(JsonRequest r) {
        var queue = urls.parse(required(r.body(), "QueueUrl"));
        String label = required(r.body(), "Label");
        permissions.add(queue, label, nonEmpty(r, "AWSAccountIds"), nonEmpty(r, "Actions"));
        return JsonNodeFactory.instance.objectNode();
    }

    ObjectNode remove(JsonRequest r) {
        var queue = urls.parse(required(r.body(), "QueueUrl"));
        permissions.remove(queue, required(r.body(), "Label"));
        return JsonNodeFactory.instance.objectNode();
    }

    private static List<String> nonEmpty(JsonRequest r, String member) {
        List<String> values = list(r.body(), member);
        if (values.isEmpty()) {
            throw SqsParameters.missing(member);
        }
        return values;
    }
}
