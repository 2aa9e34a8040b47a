package dev.eddy.item;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An item as read from the store: its stored bytes ({@link ItemCodec}), decoded only when someone
 * reads it as a map. A Query or Scan page holds its items this way: its size is computed from the
 * bytes ({@link #itemSize()}) and its answer is written from them ({@code AttributeValueWriter}),
 * so an item that no filter or projection looks at is never decoded.
 *
 * <p>As a map it is the decoded item: unmodifiable, in the stored attribute order, equal to any
 * map with the same attributes. Safe to read from several threads (the decoded map is published
 * through a volatile field; two threads may both decode, with equal results).
 */
public final class StoredItem extends AbstractMap<String, AttributeValue> {
    private final byte[] bytes;
    private volatile Map<String, AttributeValue> decoded;

    /** Takes {@code bytes} (a stored item) as they are: the caller gives them up. */
    public StoredItem(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The stored bytes, shared: read-only for the caller. */
    public byte[] bytes() {
        return bytes;
    }

    /** The item's size as DynamoDB bills it ({@link Items#size(Map)} of the decoded item), from the bytes. */
    public long itemSize() {
        return new StoredReader(bytes).itemSize();
    }

    /** Whether the item has been decoded (for tests: what a read never looked at stays bytes). */
    public boolean isDecoded() {
        return decoded != null;
    }

    private Map<String, AttributeValue> decoded() {
        Map<String, AttributeValue> d = decoded;
        if (d == null) {
            d = ItemCodec.decode(bytes);
            decoded = d;
        }
        return d;
    }

    @Override
    public Set<Entry<String, AttributeValue>> entrySet() {
        return decoded().entrySet();
    }

    @Override
    public AttributeValue get(Object key) {
        return decoded().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return decoded().containsKey(key);
    }

    @Override
    public int size() {
        return decoded().size();
    }

    @Override
    public Set<String> keySet() {
        return decoded().keySet();
    }

    @Override
    public Collection<AttributeValue> values() {
        return decoded().values();
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super AttributeValue> action) {
        decoded().forEach(action);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || decoded().equals(o);
    }

    @Override
    public int hashCode() {
        return decoded().hashCode();
    }
}
