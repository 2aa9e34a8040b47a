package dev.eddy.cluster;

import java.util.function.Consumer;

/**
 * Carries small notices between the nodes that share one store, and within one node: metadata
 * changes that make other nodes' caches stale (a table, function or mapping changed), lease
 * hand-overs. A single node uses {@link LocalClusterSignal}; nodes on PostgreSQL carry notices with
 * LISTEN/NOTIFY.
 *
 * <p>A notice carries a topic and a short payload (at most 4,000 characters; typically a name or
 * id). Delivery is best effort and at most once per subscriber and node: a subscriber that must not
 * miss a change also re-reads the store now and then, and a notice may arrive after the
 * subscriber's own re-read (so acting on one is idempotent). Publish after the change is committed,
 * so that a node acting on the notice reads the new state.
 *
 * <p>Thread-safe. {@link #publish} never blocks on other nodes.
 */
public interface ClusterSignal {

    /**
     * Sends a notice to the subscribers of {@code topic} on every node, this node included.
     *
     * @throws IllegalArgumentException when the payload is longer than 4,000 characters
     */
    void publish(String topic, String payload);

    /**
     * Calls {@code listener} with the payload of every later notice of {@code topic}, from any node.
     * The listener runs on a thread of the signal (never the publisher's own on another node), must
     * be quick and must not throw; notices of one node arrive in the order it published them.
     *
     * @return a handle that ends the subscription; closing it twice is harmless
     */
    Subscription subscribe(String topic, Consumer<String> listener);

    /** An active subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
