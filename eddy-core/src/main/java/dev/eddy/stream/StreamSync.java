package dev.eddy.stream;

import dev.eddy.cluster.ClusterSignal;
import dev.eddy.work.BackgroundWork;
import dev.eddy.work.PeriodicTask;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps this node's view of the streams in step with the other nodes that share the store: after
 * a stream was created, disabled, rolled over or removed, the node that did it publishes a notice
 * (topic {@value #TOPIC}), and every node re-reads the streams' descriptors and shards from the
 * store at once; every {@code pollInterval} each node does so anyway (notices may be lost, or
 * missing where the database has no LISTEN/NOTIFY) and wakes every stream reader waiting on it, so
 * that a reader re-reads its lineage's counter even when the commit notice never came.
 *
 * <p>Runs as the per-node background task {@value #TASK} (every node runs it; it writes nothing).
 * Thread-safe.
 */
final class StreamSync implements PeriodicTask, AutoCloseable {
    /** The task name on the background work. */
    static final String TASK = "stream-sync";

    /** The topic of stream state notices; the payload is the stream's number. */
    static final String TOPIC = "eddy.stream.state";

    private final ChangeLog log;
    private final ClusterSignal notices;
    private final ClusterCommitSignal commits;
    private final Duration pollInterval;
    private final ClusterSignal.Subscription subscription;
    private volatile BackgroundWork.Registration registration;

    StreamSync(ChangeLog log, ClusterSignal notices, ClusterCommitSignal commits, Duration pollInterval) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive: " + pollInterval);
        }
        this.log = log;
        this.notices = notices;
        this.commits = commits;
        this.pollInterval = pollInterval;
        // the listener only asks for a pass: it runs on the signal's thread, which must not wait for the store
        this.subscription = notices.subscribe(TOPIC, payload -> wake());
    }

    void attach(BackgroundWork work) {
        registration = work.schedule(TASK, pollInterval, this);
    }

    private void wake() {
        BackgroundWork.Registration r = registration;
        if (r != null) {
            r.wake();
        }
    }

    /** Tells every node (this one included) that the state of {@code stream} changed in the store. */
    void announce(long stream) {
        notices.publish(TOPIC, Long.toString(stream));
    }

    @Override
    public void runOnce(Instant now) {
        log.refreshAll();
        commits.wakeAll();
    }

    @Override
    public void close() {
        subscription.close();
        BackgroundWork.Registration r = registration;
        if (r != null) {
            r.cancel();
        }
        commits.close();
    }
}
