package dev.eddy.stream;

import dev.eddy.item.AttributeValue;
import dev.eddy.item.ItemCodec;
import java.util.Arrays;

/** A stream in memory: its descriptor, its handle and its partitions. */
final class StreamState {
    private volatile StreamDescriptor descriptor;
    private final StreamId handle;
    final Partition[] partitions;

    StreamState(StreamDescriptor descriptor, String arn, Partition[] partitions) {
        this.descriptor = descriptor;
        this.handle = new StreamId(descriptor.id(), arn);
        this.partitions = partitions;
    }

    StreamId handle() {
        return handle;
    }

    String arn() {
        return handle.arn();
    }

    StreamDescriptor descriptor() {
        return descriptor;
    }

    void descriptor(StreamDescriptor d) {
        this.descriptor = d;
    }

    long id() {
        return descriptor.id();
    }

    /**
     * The partition of an item: a stable hash of its partition key value's encoding, so that every
     * record of one item lands in one shard lineage (and stays there across restarts).
     */
    Partition partitionOf(AttributeValue partitionKey) {
        byte[] bytes = ItemCodec.encodeValue(partitionKey);
        int h = Arrays.hashCode(bytes);
        h ^= (h >>> 16);
        h *= 0x85ebca6b;
        h ^= (h >>> 13);
        return partitions[Math.floorMod(h, partitions.length)];
    }
}
