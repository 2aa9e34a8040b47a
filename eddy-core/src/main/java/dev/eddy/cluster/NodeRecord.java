package dev.eddy.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * A node's entry in the registry of the nodes sharing a store.
 *
 * @param id the node's id (unique among the nodes sharing the store)
 * @param address where other nodes and clients reach it (host:port), empty when not advertised
 * @param started when the node started
 * @param lastSeen the node's last heartbeat
 */
public record NodeRecord(String id, String address, Instant started, Instant lastSeen) {

    /** Whether the node heartbeat within {@code expiry} before {@code now}. */
    public boolean live(Instant now, Duration expiry) {
        return lastSeen.plus(expiry).isAfter(now);
    }
}
