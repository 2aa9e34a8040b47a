package dev.eddy.cluster;

import dev.eddy.store.ConflictException;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.StoreException;
import dev.eddy.store.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares leases among the nodes of one store, in the model of the Kinesis Client Library's lease
 * coordinator. A {@link #runOnce() pass} heartbeats this node, renews the leases it holds, takes
 * leases that are unowned or whose holder let them expire until it holds its share of each group
 * ({@code ceil(leases of the group / live nodes)}), and, when none was free and it is still short,
 * steals one lease from the node that holds the most more than it ({@link LeaseBalance}: per
 * group first, then by the nodes' totals). Every change of hands raises the lease's counter, and each step is a
 * store transaction that re-reads the lease, so two nodes never both hold one lease: a take or
 * steal that races another commits only once.
 *
 * <p>A holder's writes that must stop when the lease moves (checkpoints) call {@link
 * #holds(Transaction, String, String, long)} inside their own transaction: the read makes the
 * store's conflict check refuse the write if the lease changed hands meanwhile.
 *
 * <p>Time comes from the injected clock; expiries are absolute instants, so the nodes' clocks must
 * agree to well within the lease duration. Thread-safe: passes are serialised; {@link #holds}
 * reads a concurrent map.
 */
public final class LeaseCoordinator implements AutoCloseable {
    /** The group of the leases of singleton background tasks (key: the task's name). */
    public static final String TASK_GROUP = "task";

    private static final Logger LOG = LoggerFactory.getLogger(LeaseCoordinator.class);

    private final Store store;
    private final InstantSource clock;
    private final NodeRegistry nodes;
    private final Duration duration;
    private final Map<LeaseId, Lease> held = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final RandomGenerator random;
    private boolean abandoned;

    private record LeaseId(String group, String key) {}

    /**
     * @param nodes this node's entry in the registry (heartbeat on every pass)
     * @param duration how long a lease lasts without renewal; passes should run every third of it
     */
    public LeaseCoordinator(Store store, InstantSource clock, NodeRegistry nodes, Duration duration) {
        this(store, clock, nodes, duration, new Random());
    }

    /** With the random source that shuffles free leases and picks the lease to steal (tests seed it). */
    LeaseCoordinator(Store store, InstantSource clock, NodeRegistry nodes, Duration duration, RandomGenerator random) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("lease duration must be positive: " + duration);
        }
        this.store = store;
        this.clock = clock;
        this.nodes = nodes;
        this.duration = duration;
        this.random = random;
    }

    /** This node's id. */
    public String nodeId() {
        return nodes.nodeId();
    }

    /** How long a lease lasts without renewal. */
    public Duration leaseDuration() {
        return duration;
    }

    /** The registry of nodes this coordinator heartbeats in. */
    public NodeRegistry registry() {
        return nodes;
    }

    /** Calls {@code listener} (on the pass's thread) after a pass in which this node took or lost leases. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** One pass: heartbeat, renew, take, balance. Never runs concurrently with itself. */
    public synchronized void runOnce() {
        if (abandoned) {
            return;
        }
        nodes.heartbeat();
        Instant now = clock.instant();
        boolean changed = renew(now);
        List<Lease> all;
        try (ReadView view = store.snapshot()) {
            all = LeaseTable.all(view);
        }
        int live = nodes.live(now, duration).size();
        LeaseBalance balance = new LeaseBalance(nodeId(), all, held.values(), live, now);
        boolean took = takeFree(all, balance, now);
        if (!took) {
            took = steal(balance, now);
        }
        if (changed || took) {
            listeners.forEach(Runnable::run);
        }
    }

    /** Renews every held lease; drops those that changed hands. @return whether one was lost */
    private boolean renew(Instant now) {
        boolean lost = false;
        for (Map.Entry<LeaseId, Lease> e : held.entrySet()) {
            Lease mine = e.getValue();
            Lease renewed = new Lease(mine.group(), mine.key(), nodeId(), now.plus(duration), mine.counter());
            boolean kept = update(mine, renewed);
            if (!kept) {
                held.remove(e.getKey(), mine);
                LOG.info("node {} lost lease {}/{}", nodeId(), mine.group(), mine.key());
                lost = true;
            }
        }
        return lost;
    }

    /**
     * Takes leases that are unowned or expired, in each group until this node holds its share of
     * it. @return whether it took one
     */
    private boolean takeFree(List<Lease> all, LeaseBalance balance, Instant now) {
        // a lease stored as this node's that it does not know of (an earlier run with the same id)
        // is free to take again
        List<Lease> free = new ArrayList<>(all.stream()
                .filter(l -> l.available(now)
                        || (l.owner().equals(nodeId()) && !held.containsKey(new LeaseId(l.group(), l.key()))))
                .toList());
        Collections.shuffle(free, random);
        Map<String, Integer> mine = new HashMap<>();
        boolean took = false;
        for (Lease l : free) {
            int have = mine.computeIfAbsent(l.group(), balance::mine);
            if (have < balance.target(l.group()) && claim(l, now)) {
                mine.put(l.group(), have + 1);
                took = true;
            }
        }
        return took;
    }

    private boolean claim(Lease seen, Instant now) {
        Lease taken = new Lease(seen.group(), seen.key(), nodeId(), now.plus(duration), seen.counter() + 1);
        return update(seen, taken);
    }

    /** Takes the one lease {@link LeaseBalance#victim} names, if any. */
    private boolean steal(LeaseBalance balance, Instant now) {
        Lease victim = balance.victim(random);
        if (victim == null) {
            return false;
        }
        boolean stolen = claim(victim, now);
        if (stolen) {
            LOG.info("node {} took lease {}/{} from {}", nodeId(), victim.group(), victim.key(), victim.owner());
        }
        return stolen;
    }

    /**
     * Replaces {@code seen} by {@code next} if the stored lease still has {@code seen}'s owner and
     * counter; records {@code next} as held when this node owns it.
     */
    private boolean update(Lease seen, Lease next) {
        LeaseId id = new LeaseId(seen.group(), seen.key());
        boolean written;
        try {
            written = store.run(tx -> {
                Lease current = LeaseTable.read(tx, seen.group(), seen.key());
                if (current == null
                        || current.counter() != seen.counter()
                        || !current.owner().equals(seen.owner())) {
                    return false;
                }
                tx.put(LeaseTable.key(seen.group(), seen.key()), LeaseTable.encode(next));
                return true;
            });
        } catch (ConflictException | StoreException e) {
            // a conflict that outlasted the retries, or a store going away: the lease is not ours
            LOG.debug("lease {}/{} not updated: {}", seen.group(), seen.key(), e.toString());
            written = false;
        }
        if (written && next.owner().equals(nodeId())) {
            held.put(id, next);
        }
        return written;
    }

    /** Whether this node holds lease {@code (group, key)} now (as of its last pass, and unexpired). */
    public boolean holds(String group, String key) {
        Lease l = held.get(new LeaseId(group, key));
        return l != null && l.heldBy(nodeId(), clock.instant());
    }

    /**
     * Whether this node holds lease {@code (group, key)} as the store says now: unlike {@link
     * #holds(String, String)}, it sees at once a lease that another node stole since this node's
     * last pass. One snapshot read.
     */
    public boolean holdsNow(String group, String key) {
        Lease mine = held.get(new LeaseId(group, key));
        if (mine == null) {
            return false;
        }
        try (ReadView view = store.snapshot()) {
            Lease stored = LeaseTable.read(view, group, key);
            return stored != null && stored.counter() == mine.counter() && stored.heldBy(nodeId(), clock.instant());
        }
    }

    /** The counter of lease {@code (group, key)} when this node holds it now; -1 when it does not. */
    public long counter(String group, String key) {
        Lease l = held.get(new LeaseId(group, key));
        return l != null && l.heldBy(nodeId(), clock.instant()) ? l.counter() : -1;
    }

    /** The keys of group {@code group} this node holds now. */
    public Set<String> held(String group) {
        Instant now = clock.instant();
        Set<String> out = new HashSet<>();
        held.values().forEach(l -> {
            if (l.group().equals(group) && l.heldBy(nodeId(), now)) {
                out.add(l.key());
            }
        });
        return out;
    }

    /**
     * Whether this node holds lease {@code (group, key)} with {@code counter}, unexpired, as
     * {@code tx} reads it. The read is part of {@code tx}: if the lease changes hands before
     * {@code tx} commits, the commit conflicts.
     */
    public boolean holds(Transaction tx, String group, String key, long counter) {
        Lease l = LeaseTable.read(tx, group, key);
        return l != null && l.counter() == counter && l.heldBy(nodeId(), clock.instant());
    }

    /**
     * Makes the leases of {@code group} exactly {@code keys}: creates the missing ones (unowned)
     * and removes the others. Idempotent; safe to call from several nodes at once.
     */
    public void declare(String group, Collection<String> keys) {
        List<Lease> extra = new ArrayList<>();
        for (Lease l : leases(group)) {
            if (!keys.contains(l.key())) {
                extra.add(l);
            }
        }
        declareMissing(group, keys);
        for (Lease l : extra) {
            store.run(tx -> {
                tx.clear(LeaseTable.key(group, l.key()));
                return null;
            });
            held.remove(new LeaseId(group, l.key()));
        }
    }

    /** Creates the leases of {@code group} among {@code keys} that do not exist yet (unowned). Idempotent. */
    public void declareMissing(String group, Collection<String> keys) {
        Set<String> present = new HashSet<>();
        for (Lease l : leases(group)) {
            present.add(l.key());
        }
        for (String key : keys) {
            if (!present.contains(key)) {
                Lease unowned = new Lease(group, key, "", Instant.EPOCH, 0);
                store.run(tx -> {
                    if (LeaseTable.read(tx, group, key) == null) {
                        tx.put(LeaseTable.key(group, key), LeaseTable.encode(unowned));
                    }
                    return null;
                });
            }
        }
    }

    /** Every lease of every group, as stored now. */
    public List<Lease> leases() {
        try (ReadView view = store.snapshot()) {
            return LeaseTable.all(view);
        }
    }

    /**
     * Forgets every lease without giving it back and stops heartbeating, as a node that stops
     * abruptly does: other nodes take the leases over once they expire. For failover tests and an
     * emergency stop; {@link #runOnce} and {@link #close} do nothing afterwards.
     */
    public synchronized void abandon() {
        abandoned = true;
        held.clear();
        listeners.forEach(Runnable::run);
    }

    /** The leases of {@code group}, as stored now. */
    public List<Lease> leases(String group) {
        try (ReadView view = store.snapshot()) {
            return LeaseTable.group(view, group);
        }
    }

    /**
     * Gives back every lease this node holds (owner cleared, counter raised) and leaves the
     * registry, so that other nodes take over at once instead of after the expiry. For a clean
     * shutdown, after the work done under the leases has stopped. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (abandoned) {
            return;
        }
        Instant now = clock.instant();
        for (Lease l : List.copyOf(held.values())) {
            try {
                update(l, new Lease(l.group(), l.key(), "", now, l.counter() + 1));
            } catch (RuntimeException e) {
                LOG.debug("lease {}/{} not released: {}", l.group(), l.key(), e.toString());
            }
        }
        held.clear();
        try {
            nodes.leave();
        } catch (RuntimeException e) {
            LOG.debug("node {} not removed from the registry: {}", nodeId(), e.toString());
        }
    }
}
