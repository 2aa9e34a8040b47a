package dev.eddy.server;

import dev.eddy.arn.Account;
import dev.eddy.function.FunctionServiceConfig;
import dev.eddy.server.http.AccessKeys;
import dev.eddy.store.rocksdb.Durability;
import dev.eddy.stream.StreamConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * How to run a node, one record per subsystem. The account and the clock are named once, here:
 * {@link #functions()} always carries this configuration's account and clock.
 *
 * @param store where the data lives
 * @param listener where the AWS protocols are served
 * @param account the region and account id of every ARN (and AWS_REGION of functions)
 * @param streams shards per table, shard lifetime and retention of DynamoDB Streams
 * @param functions Lambda's limits and timeouts
 * @param tables background upkeep of tables
 * @param clock the time every engine and background task uses (tests pass a controllable one)
 * @param cluster whether and how this node shares its store with other nodes
 * @param auth the access keys whose SigV4 signatures are accepted, or {@link AccessKeys#OFF} (the
 *     default) to serve requests without verifying their signature
 */
public record ServerConfig(
        StoreSpec store,
        Listener listener,
        Account account,
        StreamConfig streams,
        FunctionServiceConfig functions,
        Tables tables,
        InstantSource clock,
        Cluster cluster,
        AccessKeys auth) {

    public ServerConfig {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(auth, "auth");
        functions = functions.withAccount(account).withClock(clock);
    }

    /**
     * The address the HTTP listener binds.
     *
     * @param host address to listen on ({@code 0.0.0.0} for every interface)
     * @param port port to listen on; 0 picks a free one
     */
    public record Listener(String host, int port) {
        public Listener {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
            }
        }
    }

    /**
     * Settings of the table engine.
     *
     * @param ttlSweepInterval how often expired items are looked for: they are deleted within
     *     about that long after their TTL time
     */
    public record Tables(Duration ttlSweepInterval) {
        /** Expired items are deleted within a minute by default. */
        public static final Tables DEFAULTS = new Tables(Duration.ofSeconds(30));

        public Tables {
            if (ttlSweepInterval.isNegative() || ttlSweepInterval.isZero()) {
                throw new IllegalArgumentException("the TTL sweep interval must be positive: " + ttlSweepInterval);
            }
        }
    }

    /**
     * Running as one of several nodes on one store (docs/cluster.md, "Leases and failover").
     *
     * @param enabled whether this node shares its store: shards of event source mappings and
     *     singleton background tasks are then leased, one node at a time each
     * @param nodeId this node's id; empty: a random one at each start
     * @param advertisedAddress where other nodes and clients reach this node (host:port); empty:
     *     the listener's address
     * @param leaseDuration how long a lease lasts without renewal: a node that stops without
     *     releasing its leases has them taken over within about that long
     * @param renewInterval how often leases are renewed, taken and balanced; at most a third of
     *     the lease duration
     * @param pollInterval how often a node re-reads the streams' state from the store and wakes
     *     its waiting stream readers and queue long polls to look again: the bound on cross-node
     *     wake-ups when a notice is lost or the database has no LISTEN/NOTIFY (1 second by default)
     */
    public record Cluster(
            boolean enabled,
            String nodeId,
            String advertisedAddress,
            Duration leaseDuration,
            Duration renewInterval,
            Duration pollInterval) {
        /** A single node: nothing is leased. */
        public static final Cluster SINGLE_NODE =
                new Cluster(false, "", "", Duration.ofSeconds(10), Duration.ofMillis(3_333));

        public Cluster {
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(advertisedAddress, "advertisedAddress");
            if (leaseDuration.isNegative() || leaseDuration.isZero()) {
                throw new IllegalArgumentException("the lease duration must be positive: " + leaseDuration);
            }
            if (renewInterval.isNegative()
                    || renewInterval.isZero()
                    || renewInterval.multipliedBy(3).compareTo(leaseDuration) > 0) {
                throw new IllegalArgumentException(
                        "the renew interval must be positive and at most a third of the lease duration: "
                                + renewInterval);
            }
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("the poll interval must be positive: " + pollInterval);
            }
        }

        /** With the default poll interval of 1 second. */
        public Cluster(
                boolean enabled,
                String nodeId,
                String advertisedAddress,
                Duration leaseDuration,
                Duration renewInterval) {
            this(enabled, nodeId, advertisedAddress, leaseDuration, renewInterval, Duration.ofSeconds(1));
        }

        public Cluster withPollInterval(Duration interval) {
            return new Cluster(enabled, nodeId, advertisedAddress, leaseDuration, renewInterval, interval);
        }

        /** Sharing the store with a lease of {@code leaseDuration}, renewed every third of it. */
        public static Cluster shared(String nodeId, Duration leaseDuration) {
            return new Cluster(true, nodeId, "", leaseDuration, leaseDuration.dividedBy(3));
        }
    }

    /** AWS's defaults over {@code store}, listening on 127.0.0.1:8000 as {@code eddy serve} does. */
    public static ServerConfig defaults(StoreSpec store) {
        return new ServerConfig(
                store,
                new Listener("127.0.0.1", 8000),
                Account.DEFAULT,
                StreamConfig.defaults(),
                FunctionServiceConfig.defaults(),
                Tables.DEFAULTS,
                InstantSource.system(),
                Cluster.SINGLE_NODE,
                AccessKeys.OFF);
    }

    /** A throwaway in-memory server on a random loopback port (for tests). */
    public static ServerConfig inMemoryOnRandomPort() {
        return defaults(new StoreSpec.Memory()).withPort(0);
    }

    /** A server on a random loopback port keeping its data in {@code dir} (for tests). */
    public static ServerConfig onDisk(Path dir) {
        return defaults(new StoreSpec.RocksDb(dir, Durability.PROCESS)).withPort(0);
    }

    public ServerConfig withStore(StoreSpec newStore) {
        return new ServerConfig(newStore, listener, account, streams, functions, tables, clock, cluster, auth);
    }

    public ServerConfig withListener(Listener newListener) {
        return new ServerConfig(store, newListener, account, streams, functions, tables, clock, cluster, auth);
    }

    public ServerConfig withPort(int port) {
        return withListener(new Listener(listener.host(), port));
    }

    public ServerConfig withAccount(Account newAccount) {
        return new ServerConfig(store, listener, newAccount, streams, functions, tables, clock, cluster, auth);
    }

    public ServerConfig withStreams(StreamConfig newStreams) {
        return new ServerConfig(store, listener, account, newStreams, functions, tables, clock, cluster, auth);
    }

    /** Lambda settings; their account and clock are replaced by this configuration's. */
    public ServerConfig withFunctions(FunctionServiceConfig newFunctions) {
        return new ServerConfig(store, listener, account, streams, newFunctions, tables, clock, cluster, auth);
    }

    public ServerConfig withTtlSweepInterval(Duration interval) {
        return new ServerConfig(
                store, listener, account, streams, functions, new Tables(interval), clock, cluster, auth);
    }

    public ServerConfig withCluster(Cluster newCluster) {
        return new ServerConfig(store, listener, account, streams, functions, tables, clock, newCluster, auth);
    }

    /** Verifies every request's SigV4 signature against {@code keys} ({@link AccessKeys#OFF}: none). */
    public ServerConfig withAuth(AccessKeys keys) {
        return new ServerConfig(store, listener, account, streams, functions, tables, clock, cluster, keys);
    }

    public ServerConfig withClock(InstantSource newClock) {
        return new ServerConfig(store, listener, account, streams, functions, tables, newClock, cluster, auth);
    }
}
