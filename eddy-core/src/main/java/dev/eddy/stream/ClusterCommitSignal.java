package dev.eddy.stream;

import dev.eddy.cluster.ClusterSignal;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link CommitSignal} of nodes that share one store: a signal wakes this node's consumers at
 * once (through a {@link LocalCommitSignal}) and the other nodes' consumers through a notice on the
 * {@link ClusterSignal} (topic {@value #TOPIC}, payload: the sending instance, the stream and the
 * partition). Notices may be lost or late, as {@link ClusterSignal} allows, so the change log also
 * wakes every waiting consumer now and then ({@link #wakeAll()}), and a woken consumer re-reads
 * the lineage's counter in the store.
 *
 * <p>Thread-safe; {@link #signal} never blocks (publishing only queues the notice). Close it to end
 * its subscription.
 */
public final class ClusterCommitSignal implements CommitSignal, AutoCloseable {
    /** The topic of commit notices. */
    public static final String TOPIC = "eddy.stream.commit";

    private final LocalCommitSignal local = new LocalCommitSignal();
    private final ClusterSignal notices;
    /** Tells this instance's own notices apart: its consumers were woken when it sent them. */
    private final String origin = UUID.randomUUID().toString();

    private final ClusterSignal.Subscription subscription;

    public ClusterCommitSignal(ClusterSignal notices) {
        this.notices = notices;
        this.subscription = notices.subscribe(TOPIC, this::received);
    }

    @Override
    public void signal(long streamId, int partition) {
        local.signal(streamId, partition);
        notices.publish(TOPIC, origin + ' ' + streamId + ' ' + partition);
    }

    @Override
    public CompletableFuture<Void> next(long streamId, int partition) {
        return local.next(streamId, partition);
    }

    /** Wakes every consumer waiting on this node, of any lineage (the polling fallback). */
    public void wakeAll() {
        local.signalAll();
    }

    private void received(String payload) {
        String[] parts = payload.split(" ");
        if (parts.length != 3 || parts[0].equals(origin)) {
            return;
        }
        try {
            local.signal(Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            // not a notice of this format (a newer node's): nothing to wake
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
