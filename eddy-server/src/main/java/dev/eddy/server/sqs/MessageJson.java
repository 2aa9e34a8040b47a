package dev.eddy.server.sqs;

import static dev.eddy.server.sqs.SqsParameters.integer;
import static dev.eddy.server.sqs.SqsParameters.invalid;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.queue.MessageAttribute;
import dev.eddy.queue.OutgoingMessage;
import dev.eddy.queue.ReceivedMessage;
import dev.eddy.queue.SentMessage;
import dev.eddy.queue.StoredMessage;
import dev.eddy.server.http.JsonRequest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Messages in SQS's JSON: what a send carries, what a send answers, what a receive returns. */
final class MessageJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String TRACE_HEADER = "AWSTraceHeader";

    private MessageJson() {}

    /** The message a SendMessage request, or one entry of SendMessageBatch, carries. */
    static OutgoingMessage outgoing(ObjectNode body) {
        String text = JsonRequest.string(body, "MessageBody");
        if (text == null || text.isEmpty()) {
            throw SqsParameters.missing("MessageBody");
        }
        Map<String, MessageAttribute> system = attributes(body, "MessageSystemAttributes");
        String trace = null;
        for (Map.Entry<String, MessageAttribute> e : system.entrySet()) {
            if (!e.getKey().equals(TRACE_HEADER) || e.getValue().binary()) {
                throw invalid("Message system attribute name '" + e.getKey() + "' is invalid.");
            }
            trace = e.getValue().stringValue();
        }
        return new OutgoingMessage(
                text,
                attributes(body, "MessageAttributes"),
                integer(body, "DelaySeconds"),
                trace,
                JsonRequest.string(body, "MessageGroupId"),
                JsonRequest.string(body, "MessageDeduplicationId"));
    }

    private static Map<String, MessageAttribute> attributes(ObjectNode body, String member) {
        ObjectNode node = JsonRequest.object(body, member);
        Map<String, MessageAttribute> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        node.properties().forEach(e -> {
            ObjectNode value = JsonRequest.object(node, e.getKey());
            if (value == null) {
                throw invalid("The message attribute '" + e.getKey() + "' must contain a non-empty value.");
            }
            String type = JsonRequest.string(value, "DataType");
            if (type == null) {
                throw invalid("The message attribute '" + e.getKey() + "' must contain a non-empty attribute type.");
            }
            String binary = JsonRequest.string(value, "BinaryValue");
            byte[] bytes;
            try {
                bytes = binary == null ? null : Base64.getDecoder().decode(binary);
            } catch (IllegalArgumentException bad) {
                throw invalid("The message attribute '" + e.getKey() + "' has an invalid binary value.");
            }
            out.put(e.getKey(), new MessageAttribute(type, JsonRequest.string(value, "StringValue"), bytes));
        });
        return out;
    }

    /** Fills a send's answer: the message id and the digests of what was sent. */
    static ObjectNode sent(ObjectNode out, OutgoingMessage m, SentMessage sent) {
        out.put("MessageId", sent.messageId());
        out.put("MD5OfMessageBody", MessageDigests.ofBody(m.body()));
        putIfPresent(out, "SequenceNumber", sent.sequenceNumber());
        putIfPresent(out, "MD5OfMessageAttributes", MessageDigests.ofAttributes(m.attributes()));
        if (m.traceHeader() != null) {
            out.put(
                    "MD5OfMessageSystemAttributes",
                    MessageDigests.ofAttributes(Map.of(TRACE_HEADER, MessageAttribute.string(m.traceHeader()))));
        }
        return out;
    }

    private static void putIfPresent(ObjectNode out, String member, String value) {
        if (value != null) {
            out.put(member, value);
        }
    }

    /**
     * What a receive asked to see.
     *
     * @param systemNames system attribute names, or {@code All}
     * @param attributeNames message attribute names, {@code All}, {@code .*} or {@code prefix.*}
     * @param senderId the SenderId shown (the account)
     */
    record Selection(Set<String> systemNames, List<String> attributeNames, String senderId) {
        boolean system(String name) {
            return systemNames.contains("All") || systemNames.contains(name);
        }

        boolean attribute(String name) {
            for (String wanted : attributeNames) {
                if (wanted.equals("All") || wanted.equals(".*") || wanted.equals(name)) {
                    return true;
                }
                if (wanted.endsWith(".*") && name.startsWith(wanted.substring(0, wanted.length() - 1))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One message of a receive's answer, with the attributes the receive selected and their digest. */
    static ObjectNode received(ReceivedMessage r, Selection selection) {
        StoredMessage m = r.message();
        ObjectNode out = NODES.objectNode()
                .put("MessageId", m.messageId())
                .put("ReceiptHandle", r.receiptHandle())
                .put("MD5OfBody", MessageDigests.ofBody(m.body()))
                .put("Body", m.body());
        Map<String, String> system = new LinkedHashMap<>();
        system.put("SenderId", selection.senderId());
        system.put("ApproximateFirstReceiveTimestamp", Long.toString(m.firstReceiveMillis()));
        system.put("ApproximateReceiveCount", Integer.toString(m.receiveCount()));
        system.put("SentTimestamp", Long.toString(m.sentMillis()));
        system.put(TRACE_HEADER, m.traceHeader());
        system.put("DeadLetterQueueSourceArn", m.deadLetterSourceArn());
        system.put("MessageGroupId", m.groupId());
        system.put("MessageDeduplicationId", m.deduplicationId());
        system.put("SequenceNumber", m.sequenceNumber() == 0 ? null : Long.toString(m.sequenceNumber()));
        system.entrySet().removeIf(e -> e.getValue() == null || !selection.system(e.getKey()));
        if (!system.isEmpty()) {
            ObjectNode attributes = out.putObject("Attributes");
            system.forEach(attributes::put);
        }
        Map<String, MessageAttribute> chosen = new LinkedHashMap<>();
        m.attributes().forEach((name, a) -> {
            if (selection.attribute(name)) {
                chosen.put(name, a);
            }
        });
        if (!chosen.isEmpty()) {
            out.put("MD5OfMessageAttributes", MessageDigests.ofAttributes(chosen));
            ObjectNode attributes = out.putObject("MessageAttributes");
            chosen.forEach((name, a) -> {
                ObjectNode value = attributes.putObject(name);
                if (a.binary()) {
                    value.put("BinaryValue", Base64.getEncoder().encodeToString(a.binaryValue()));
                } else {
                    value.put("StringValue", a.stringValue());
                }
                value.put("DataType", a.dataType());
            });
        }
        return out;
    }
}
