package dev.eddy.mapping.shard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Cuts batches from a lane's waiting records (spec 4.5). A batch closes at the first of: BatchSize
 * records; a record that would take the payload past the cap; a record of a later tumbling window;
 * the batching window elapsed since it opened. A single record larger than the cap is sent alone.
 * Records of one lane only, so a batch never mixes shards. Not thread-safe; stateless besides its
 * settings.
 */
public final class BatchAssembler {
    private final ShardSettings settings;

    public BatchAssembler(ShardSettings settings) {
        this.settings = settings;
    }

    /**
     * Takes the next batch off the head of {@code waiting} if it is ready at {@code now}, else returns
     * an empty list and leaves {@code waiting} as it was.
     *
     * @param windowOpenedAt when the batching window opened: the later of the first waiting record's
     *     arrival and the end of the lane's previous invocation
     * @param flush send what there is even if the batching window is open (the shard is fully read)
     */
    public List<ShardRecord> take(Deque<ShardRecord> waiting, Instant now, Instant windowOpenedAt, boolean flush) {
        int fits = fitting(waiting);
        if (fits == 0) {
            return List.of();
        }
        boolean closed = fits < waiting.size() || fits == settings.batchSize();
        if (!closed && !flush && now.isBefore(deadline(windowOpenedAt))) {
            return List.of();
        }
        List<ShardRecord> batch = new ArrayList<>(fits);
        for (int i = 0; i < fits; i++) {
            batch.add(waiting.removeFirst());
        }
        return batch;
    }

    /** When a batch that is not full goes anyway. */
    public Instant deadline(Instant windowOpenedAt) {
        return windowOpenedAt.plus(settings.batchingWindow());
    }

    /** How many head records fit in one batch. */
    int fitting(Deque<ShardRecord> waiting) {
        int count = 0;
        long bytes = 0;
        Instant tumbling = null;
        Iterator<ShardRecord> it = waiting.iterator();
        while (it.hasNext() && count < settings.batchSize()) {
            ShardRecord r = it.next();
            // the first record always goes, even one larger than the cap: alone, the invoke reports it
            if (count > 0 && bytes + r.payloadBytes() > settings.payloadLimitBytes()) {
                break;
            }
            Instant start = TumblingWindows.startOf(r.createdAt(), settings.tumblingWindowInSeconds());
            if (tumbling != null && !tumbling.equals(start)) {
                break;
            }
            tumbling = start;
            bytes += r.payloadBytes();
            count++;
        }
        return count;
    }
}
