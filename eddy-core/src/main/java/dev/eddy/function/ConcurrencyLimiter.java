package dev.eddy.function;

import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts concurrent executions as Lambda does: a function with reserved concurrency draws only
 * from its reservation; every other function shares what the account limit leaves unreserved.
 * Thread-safe; the critical sections are a few arithmetic steps.
 *
 * <p>On a single node everything is counted here, in memory. When several nodes share the store
 * ({@link #shareWith}), a reserved function's slots are also taken from the store's count of every
 * node ({@link SharedSlots}), after this node's own count admitted the invocation, so the
 * reservation holds across the cluster; the unreserved pool is divided among the live nodes, each
 * counting its share in memory (see docs/cluster.md for the choice).
 */
final class ConcurrencyLimiter {

    private final int accountLimit;
    private final int minimumUnreserved;
    private final Map<String, Integer> reserved = new HashMap<>();
    private final Map<String, Integer> inUseReserved = new HashMap<>();
    private final Map<String, Integer> running = new HashMap<>();
    private int reservedTotal;
    private int inUseUnreserved;
    private int liveNodes = 1;
    private int nodeIndex;
    private volatile SharedSlots shared;

    ConcurrencyLimiter(int accountLimit, int minimumUnreserved) {
        this.accountLimit = accountLimit;
        this.minimumUnreserved = minimumUnreserved;
    }

    int accountLimit() {
        return accountLimit;
    }

    /** Counts reserved slots across the nodes sharing the store through {@code slots} from now on. */
    void shareWith(SharedSlots slots) {
        shared = slots;
    }

    /**
     * Sets this node's part of the unreserved pool: {@code index} (0-based) among {@code live}
     * nodes in a fixed order. The pool is divided evenly, the first nodes taking one more each for
     * the remainder, so the shares of nodes that agree on the live set add up to the pool.
     */
    synchronized void share(int live, int index) {
        liveNodes = Math.max(1, live);
        nodeIndex = Math.max(0, index);
    }

    /** How many unreserved executions this node may run at once. */
    private int unreservedLimit() {
        int pool = accountLimit - reservedTotal;
        if (liveNodes == 1) {
            return pool;
        }
        return pool / liveNodes + (nodeIndex < pool % liveNodes ? 1 : 0);
    }

    /** Checks that reserving {@code n} for {@code function} keeps the account's unreserved minimum. */
    synchronized void checkReservation(Arn.Function function, int n) {
        int others = reservedTotal - reserved.getOrDefault(function.name(), 0);
        if (others + n > accountLimit - minimumUnreserved) {
            throw new EddyException(
                            ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                            "Specified ReservedConcurrentExecutions for function decreases account's "
                                    + "UnreservedConcurrentExecution below its minimum value of [" + minimumUnreserved
                                    + "].")
                    .withFunction(function);
        }
    }

    /** Sets or (with null) removes the reservation of {@code function}. */
    synchronized void setReserved(String function, Integer n) {
        Integer old = n == null ? reserved.remove(function) : reserved.put(function, n);
        reservedTotal += (n == null ? 0 : n) - (old == null ? 0 : old);
    }

    /** What {@link #admit} answers: a slot to release, or the reason there is none. */
    sealed interface Admission permits Permit, Refused {}

    /** No slot is free; nothing needs releasing. */
    record Refused(ThrottleReason reason) implements Admission {}

    /**
     * Takes one execution slot for {@code function}, or refuses with the {@code Reason} Lambda
     * gives. With shared slots, a reserved function's slot is also taken in the store (outside this
     * object's lock, so other functions are not held up by the round trip).
     */
    Admission admit(String function) {
        Admission local = admitHere(function);
        SharedSlots slots = shared;
        if (slots == null || !(local instanceof Permit p) || p.limit < 0) {
            return local;
        }
        boolean taken;
        try {
            taken = slots.take(function, p.limit);
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        if (!taken) {
            p.close();
            return new Refused(ThrottleReason.ReservedFunctionConcurrentInvocationLimitExceeded);
        }
        p.shared = slots;
        return p;
    }

    private synchronized Admission admitHere(String function) {
        Integer r = reserved.get(function);
        if (r != null) {
            int used = inUseReserved.getOrDefault(function, 0);
            if (used >= r) {
                return new Refused(ThrottleReason.ReservedFunctionConcurrentInvocationLimitExceeded);
            }
            inUseReserved.put(function, used + 1);
            running.merge(function, 1, Integer::sum);
            return new Permit(function, r);
        }
        if (inUseUnreserved >= unreservedLimit()) {
            return new Refused(ThrottleReason.ConcurrentInvocationLimitExceeded);
        }
        inUseUnreserved++;
        running.merge(function, 1, Integer::sum);
        return new Permit(function, -1);
    }

    /** How many invocations of {@code function} hold a slot now. */
    synchronized int running(String function) {
        return running.getOrDefault(function, 0);
    }

    private synchronized void release(Permit p) {
        running.computeIfPresent(p.function, (k, v) -> v > 1 ? v - 1 : null);
        if (p.limit >= 0) {
            inUseReserved.merge(p.function, -1, Integer::sum);
        } else {
            inUseUnreserved--;
        }
    }

    /** One execution slot; closing releases it (again is a no-op). */
    final class Permit implements Admission, AutoCloseable {
        private final String function;
        /** The reservation the slot was taken from, or -1 for the unreserved pool. */
        private final int limit;
        /** Where the slot was also taken across the cluster, or null. */
        private SharedSlots shared;

        private boolean released;

        private Permit(String function, int limit) {
            this.function = function;
            this.limit = limit;
        }

        @Override
        public void close() {
            synchronized (ConcurrencyLimiter.this) {
                if (released) {
                    return;
                }
                released = true;
            }
            release(this);
            if (shared != null) {
                shared.release(function);
            }
        }
    }
}
