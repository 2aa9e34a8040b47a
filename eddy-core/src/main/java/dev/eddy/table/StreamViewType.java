package dev.eddy.table;

/**
 * What a table's stream records hold (DynamoDB's StreamViewType). Written on the wire, in stored
 * table descriptions and in stored stream descriptors by {@link #name()}.
 */
public enum StreamViewType {
    /** The key attributes only. */
    KEYS_ONLY,
    /** The item as it is after the write. */
    NEW_IMAGE,
    /** The item as it was before the write. */
    OLD_IMAGE,
    /** Both images. */
    NEW_AND_OLD_IMAGES;

    /** Whether records carry the item as it is after the write. */
    public boolean hasNewImage() {
        return this == NEW_IMAGE || this == NEW_AND_OLD_IMAGES;
    }

    /** Whether records carry the item as it was before the write. */
    public boolean hasOldImage() {
        return this == OLD_IMAGE || this == NEW_AND_OLD_IMAGES;
    }

    /**
     * The view type {@code text} names exactly as the wire and the store write it; null for null.
     *
     * @throws IllegalArgumentException for any other string (the adapters reject those first, with
     *     DynamoDB's messages)
     */
    public static StreamViewType fromWire(String text) {
        return text == null ? null : valueOf(text);
    }
}
