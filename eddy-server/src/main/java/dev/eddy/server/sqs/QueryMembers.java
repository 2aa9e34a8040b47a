package dev.eddy.server.sqs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the members of SQS's JSON requests and answers travel in the query protocol: the one table
 * both directions of {@link SqsQuery} read. SQS gives a member name the same shape in every
 * operation, so the table is keyed by the JSON member name alone and covers the whole 2012-11-05
 * model, operations Eddy does not serve yet included: a new operation of {@link SqsHttp} is
 * served over the query protocol without a change here.
 *
 * <p>A member absent from the table is a string under its own name, in both directions. Element
 * and entry names may contain {@code %s}, replaced by the action ({@code SendMessageBatch} +
 * {@code RequestEntry}). Immutable, thread-safe.
 */
final class QueryMembers {
    /** The query shape of a JSON member. */
    sealed interface Shape {}

    /** An integer: text in the form, a number in JSON. */
    record Int() implements Shape {}

    /**
     * A list: {@code element.1}, {@code element.2}, ... in the form, one {@code <element>} per item
     * in XML.
     *
     * @param structures whether the items are structures (members below {@code element.N.}) or strings
     */
    record ListOf(String element, boolean structures) implements Shape {
        String element(String action) {
            return element.formatted(action);
        }
    }

    /**
     * A map: {@code entry.N.key} and {@code entry.N.value} in the form,
     * {@code <entry><key/><value/></entry>} per pair in XML.
     *
     * @param structures whether the values are structures or strings
     */
    record MapOf(String entry, String key, String value, boolean structures) implements Shape {}

    private static final Map<String, Shape> BY_MEMBER = new LinkedHashMap<>();
    private static final Map<String, List<String>> BY_QUERY_NAME = new LinkedHashMap<>();

    static {
        Shape integer = new Int();
        for (String member : List.of(
                "DelaySeconds",
                "VisibilityTimeout",
                "MaxNumberOfMessages",
                "WaitTimeSeconds",
                "MaxResults",
                "MaxNumberOfMessagesPerSecond")) {
            add(member, member, integer);
        }
        add("Attributes", "Attribute", new MapOf("Attribute", "Name", "Value", false));
        // CreateQueue's member is lower-case, TagQueue's is not: the form fills both, each
        // operation reads its own
        add("Tags", "Tag", new MapOf("Tag", "Key", "Value", false));
        add("tags", "Tag", new MapOf("Tag", "Key", "Value", false));
        add("MessageAttributes", "MessageAttribute", new MapOf("MessageAttribute", "Name", "Value", true));
        add(
                "MessageSystemAttributes",
                "MessageSystemAttribute",
                new MapOf("MessageSystemAttribute", "Name", "Value", true));
        list("AttributeNames", "AttributeName", false);
        list("MessageSystemAttributeNames", "MessageSystemAttributeName", false);
        list("MessageAttributeNames", "MessageAttributeName", false);
        list("TagKeys", "TagKey", false);
        list("AWSAccountIds", "AWSAccountId", false);
        list("Actions", "ActionName", false);
        list("StringListValues", "StringListValue", false);
        list("BinaryListValues", "BinaryListValue", false);
        list("Entries", "%sRequestEntry", true);
        // answers only: their element names must not claim request parameters (QueueUrl)
        answer("Successful", new ListOf("%sResultEntry", true));
        answer("Failed", new ListOf("BatchResultErrorEntry", true));
        answer("QueueUrls", new ListOf("QueueUrl", false));
        answer("queueUrls", new ListOf("QueueUrl", false));
        answer("Messages", new ListOf("Message", true));
        answer("Results", new ListOf("ListMessageMoveTasksResultEntry", true));
    }

    /** The operations whose answers have no result element, only ResponseMetadata (the model's). */
    private static final Set<String> WITHOUT_RESULT = Set.of(
            "AddPermission",
            "ChangeMessageVisibility",
            "DeleteMessage",
            "DeleteQueue",
            "PurgeQueue",
            "RemovePermission",
            "SetQueueAttributes",
            "TagQueue",
            "UntagQueue");

    private QueryMembers() {}

    private static void list(String member, String element, boolean structures) {
        add(member, element.replace("%s", ""), new ListOf(element, structures));
    }

    private static void add(String member, String queryName, Shape shape) {
        BY_MEMBER.put(member, shape);
        if (!(shape instanceof ListOf l) || !l.element().contains("%s")) {
            BY_QUERY_NAME.computeIfAbsent(queryName, k -> new ArrayList<>()).add(member);
        }
    }

    private static void answer(String member, Shape shape) {
        BY_MEMBER.put(member, shape);
    }

    /** The shape of a JSON member, or null for a string. */
    static Shape shape(String member) {
        return BY_MEMBER.get(member);
    }

    /**
     * The JSON members a form name (the part before the first dot) fills in a request of
     * {@code action}; empty for a string member, which keeps its name.
     */
    static List<String> members(String action, String queryName) {
        if (queryName.equals(action + "RequestEntry")) {
            return List.of("Entries");
        }
        return BY_QUERY_NAME.getOrDefault(queryName, List.of());
    }

    /** Whether the answer to {@code action} has a {@code <ActionResult>} element. */
    static boolean hasResult(String action) {
        return !WITHOUT_RESULT.contains(action);
    }
}
