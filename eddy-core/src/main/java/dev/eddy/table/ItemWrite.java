package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import dev.eddy.item.ItemCodec;
import java.util.Map;

/**
 * One item write as its {@link WriteMaintainer}s see it: the item before and after, the bytes each
 * is stored as, their sizes, and who wrote it. The table engine reads the old bytes and encodes
 * the new item once per write; maintainers reuse them instead of encoding or sizing the items
 * again.
 *
 * <p>The byte arrays are shared with the write: nobody may modify them. As a record of arrays,
 * equality compares them by identity.
 *
 * @param oldItem the item before the write, or null when there was none
 * @param newItem the item after the write, or null when the write deleted it
 * @param oldBytes the old item's stored bytes ({@link ItemCodec} form, as read), or null
 * @param newBytes the new item's stored bytes ({@link ItemCodec#encode} of {@code newItem}, as
 *     written), or null
 * @param oldSize the old item's size as DynamoDB counts it ({@link dev.eddy.item.Items#size}), 0
 *     when there was none
 * @param newSize the new item's size, 0 when there is none
 * @param origin a client's write, or the service's (TTL expiry)
 */
public record ItemWrite(
        Map<String, AttributeValue> oldItem,
        Map<String, AttributeValue> newItem,
        byte[] oldBytes,
        byte[] newBytes,
        long oldSize,
        long newSize,
        WriteOrigin origin) {

    public ItemWrite {
        if ((oldItem == null) != (oldBytes == null) || (newItem == null) != (newBytes == null)) {
            throw new IllegalArgumentException("an item and its bytes come together");
        }
    }

    /** True when the write changed nothing: no item before or after, or the same item. */
    public boolean unchanged() {
        return oldItem == null ? newItem == null : oldItem.equals(newItem);
    }
}
