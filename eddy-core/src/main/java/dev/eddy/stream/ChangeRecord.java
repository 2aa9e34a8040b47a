package dev.eddy.stream;

import dev.eddy.item.AttributeValue;
import dev.eddy.table.StreamViewType;
import java.util.Map;

/**
 * One stream record as a consumer sees it. Images are present as the stream's view type says
 * (null otherwise).
 *
 * @param sequence the internal sequence number (compare these, or {@link #sequenceNumber()})
 * @param eventId 32 lowercase hex characters
 * @param approximateCreationMillis when the write was applied, epoch milliseconds (the wire shows
 *     seconds, rounded down)
 * @param sizeBytes Keys + NewImage + OldImage sizes as DynamoDB computes item sizes
 * @param byService true for a deletion made by the service (TTL expiry): carries a userIdentity
 */
public record ChangeRecord(
        long sequence,
        String eventId,
        EventName eventName,
        long approximateCreationMillis,
        Map<String, AttributeValue> keys,
        Map<String, AttributeValue> newImage,
        Map<String, AttributeValue> oldImage,
        StreamViewType streamViewType,
        long sizeBytes,
        boolean byService) {

    /** The kind of change. */
    public enum EventName {
        INSERT,
        MODIFY,
        REMOVE
    }

    /** The wire form of {@link #sequence()}. */
    public String sequenceNumber() {
        return SequenceNumbers.format(sequence);
    }
}
