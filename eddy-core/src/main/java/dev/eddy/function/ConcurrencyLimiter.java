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
 */
final class ConcurrencyLimiter {

    private final int accountLimit;
    private final int minimumUnreserved;
    private final Map<String, Integer> reserved = new HashMap<>();
    private final Map<String, Integer> inUseReserved = new HashMap<>();
    private final Map<String, Integer> running = new HashMap<>();
    private int reservedTotal;
    private int inUseUnreserved;

    ConcurrencyLimiter(int accountLimit, int minimumUnreserved) {
        this.accountLimit = accountLimit;
        this.minimumUnreserved = minimumUnreserved;
    }

    int accountLimit() {
        return accountLimit;
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

    /** Takes one execution slot for {@code function}, or refuses with the {@code Reason} Lambda gives. */
    synchronized Admission admit(String function) {
        Integer r = reserved.get(function);
        if (r != null) {
            int used = inUseReserved.getOrDefault(function, 0);
            if (used >= r) {
                return new Refused(ThrottleReason.ReservedFunctionConcurrentInvocationLimitExceeded);
            }
            inUseReserved.put(function, used + 1);
            running.merge(function, 1, Integer::sum);
            return new Permit(function, true);
        }
        if (inUseUnreserved >= accountLimit - reservedTotal) {
            return new Refused(ThrottleReason.ConcurrentInvocationLimitExceeded);
        }
        inUseUnreserved++;
        running.merge(function, 1, Integer::sum);
        return new Permit(function, false);
    }

    /** How many invocations of {@code function} hold a slot now. */
    synchronized int running(String function) {
        return running.getOrDefault(function, 0);
    }

    private synchronized void release(Permit p) {
        running.computeIfPresent(p.function, (k, v) -> v > 1 ? v - 1 : null);
        if (p.reserved) {
            inUseReserved.merge(p.function, -1, Integer::sum);
        } else {
            inUseUnreserved--;
        }
    }

    /** One execution slot; closing releases it (again is a no-op). */
    final class Permit implements Admission, AutoCloseable {
        private final String function;
        private final boolean reserved;
        private boolean released;

        private Permit(String function, boolean reserved) {
            this.function = function;
            this.reserved = reserved;
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
        }
    }
}
