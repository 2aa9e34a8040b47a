package dev.eddy.queue;

import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders GetQueueAttributes: the stored, default and computed attributes a request names. */
final class QueueAttributeView {
    private static final List<String> COMPUTED = List.of(
            "ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesNotVisible",
            "ApproximateNumberOfMessagesDelayed",
            "CreatedTimestamp",
            "LastModifiedTimestamp",
            "QueueArn");
    private static final List<String> KNOWN = List.of(
            "VisibilityTimeout",
            "MessageRetentionPeriod",
            "DelaySeconds",
            "ReceiveMessageWaitTimeSeconds",
            "MaximumMessageSize",
            "RedrivePolicy",
            "RedriveAllowPolicy",
            "Policy",
            "KmsMasterKeyId",
            "KmsDataKeyReusePeriodSeconds",
            "SqsManagedSseEnabled",
            "FifoQueue",
            "ContentBasedDeduplication",
            "DeduplicationScope",
            "FifoThroughputLimit");

    private QueueAttributeView() {}

    static Map<String, String> render(QueueDescriptor d, Arn.Queue arn, long[] counts, Collection<String> names) {
        Map<String, String> all = new TreeMap<>();
        all.put("ApproximateNumberOfMessages", Long.toString(counts[0]));
        all.put("ApproximateNumberOfMessagesNotVisible", Long.toString(counts[1]));
        all.put("ApproximateNumberOfMessagesDelayed", Long.toString(counts[2]));
        all.put("CreatedTimestamp", Long.toString(d.createdMillis() / 1000));
        all.put("LastModifiedTimestamp", Long.toString(d.modifiedMillis() / 1000));
        all.put("QueueArn", arn.toString());
        all.putAll(QueueAttributes.DEFAULTS);
        if (d.fifo()) {
            all.putAll(FifoAttributes.DEFAULTS);
        }
        all.putAll(d.attributes());
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : names) {
            if (name.equals("All")) {
                out.putAll(all);
            } else if (all.containsKey(name)) {
                out.put(name, all.get(name));
            } else if (!KNOWN.contains(name) && !COMPUTED.contains(name)) {
                throw new EddyException(ErrorCode.SQS_INVALID_ATTRIBUTE_NAME, "Unknown Attribute " + name + ".");
            }
        }
        return out;
    }
}
