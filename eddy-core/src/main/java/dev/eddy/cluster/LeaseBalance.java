package dev.eddy.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * What one node should hold after a lease pass, decided over one read of the leases: its share of
 * each group, and the one lease it steals when it is short. Pure: no store, no clock.
 *
 * <p>Leases are balanced <em>per group</em> (the shards of one mapping, the singleton tasks), each
 * group on its own to {@code ceil(leases of the group / live nodes)}, and then by each node's
 * total. Balancing only the totals is not enough: with the six shards of a mapping and seven task
 * leases on three nodes, totals of 5/4/4 are balanced while the shards sit 3/3/0 and one node
 * processes nothing (a node that reached its total with task leases alone stole no shard).
 *
 * <p>A steal moves a lease from a node that holds at least two more of a group than this node
 * (this node being short of the group's share), or, when no group is that uneven, from a node
 * whose total is at least two above this node's (this node being short of its total share) in a
 * group where that node holds more than this one. Every such move makes the spread of the counts
 * strictly smaller, so nodes that read the same leases never hand one back and forth, and the
 * passes settle with every group spread within one, and the totals within one, over the live nodes.
 */
final class LeaseBalance {
    private final String me;
    private final int live;
    private final int size;
    private final Map<String, Integer> groupSizes = new TreeMap<>();
    private final Map<String, Integer> mine = new TreeMap<>();
    /** group → owner → the unexpired leases of that group the owner holds, other owners only. */
    private final Map<String, Map<String, List<Lease>>> others = new TreeMap<>();

    private final Map<String, Integer> totals = new TreeMap<>();
    private int myTotal;

    /**
     * @param me this node's id
     * @param all every lease, as read at the start of the pass
     * @param held the leases this node holds (renewed in this pass)
     * @param live how many nodes are live, this one included
     */
    LeaseBalance(String me, List<Lease> all, Collection<Lease> held, int live, Instant now) {
        if (live < 1) {
            throw new IllegalArgumentException("at least this node is live");
        }
        this.me = me;
        this.live = live;
        this.size = all.size();
        for (Lease l : all) {
            groupSizes.merge(l.group(), 1, Integer::sum);
            if (!l.available(now) && !l.owner().equals(me)) {
                others.computeIfAbsent(l.group(), g -> new TreeMap<>())
                        .computeIfAbsent(l.owner(), o -> new ArrayList<>())
                        .add(l);
                totals.merge(l.owner(), 1, Integer::sum);
            }
        }
        for (Lease l : held) {
            mine.merge(l.group(), 1, Integer::sum);
            myTotal++;
        }
    }

    /** This node's share of {@code group}: {@code ceil(leases of the group / live nodes)}. */
    int target(String group) {
        return (groupSizes.getOrDefault(group, 0) + live - 1) / live;
    }

    /** How many leases of {@code group} this node holds. */
    int mine(String group) {
        return mine.getOrDefault(group, 0);
    }

    /** The lease this node should steal now, or null: one per pass at most. */
    Lease victim(RandomGenerator random) {
        List<Lease> from = groupVictims();
        if (from.isEmpty()) {
            from = totalVictims();
        }
        return from.isEmpty() ? null : from.get(random.nextInt(from.size()));
    }

    /**
     * The leases, in the group this node is short of, of the node holding at least two more of it
     * than this one: the widest gap first, then the owner with the larger total.
     */
    private List<Lease> groupVictims() {
        List<Lease> best = List.of();
        int bestGap = 1;
        int bestTotal = -1;
        for (Map.Entry<String, Map<String, List<Lease>>> group : others.entrySet()) {
            int have = mine(group.getKey());
            if (have >= target(group.getKey())) {
                continue;
            }
            for (Map.Entry<String, List<Lease>> owner : group.getValue().entrySet()) {
                int gap = owner.getValue().size() - have;
                int total = totals.get(owner.getKey());
                if (gap > bestGap || (gap == bestGap && gap >= 2 && total > bestTotal)) {
                    best = owner.getValue();
                    bestGap = gap;
                    bestTotal = total;
                }
            }
        }
        return best;
    }

    /**
     * When this node is short of its total share: the leases of the node with the largest total,
     * if that is at least two above this node's, in the group where that node holds the most more
     * than this one (among the groups this node is short of).
     */
    private List<Lease> totalVictims() {
        if (myTotal >= (size + live - 1) / live) {
            return List.of();
        }
        String richest = null;
        for (Map.Entry<String, Integer> t : totals.entrySet()) {
            if (richest == null || t.getValue() > totals.get(richest)) {
                richest = t.getKey();
            }
        }
        if (richest == null || totals.get(richest) < myTotal + 2) {
            return List.of();
        }
        List<Lease> best = List.of();
        int bestGap = 0;
        for (Map.Entry<String, Map<String, List<Lease>>> group : others.entrySet()) {
            List<Lease> theirs = group.getValue().getOrDefault(richest, List.of());
            int have = mine(group.getKey());
            int gap = theirs.size() - have;
            if (have < target(group.getKey()) && gap > bestGap) {
                best = theirs;
                bestGap = gap;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "LeaseBalance[" + me + ", live " + live + ", mine " + mine + ", others' totals " + totals + "]";
    }
}
