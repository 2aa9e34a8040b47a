package dev.eddy.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.store.MemoryStore;
import dev.eddy.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reserved slots counted across nodes in the store, and the unreserved pool divided among them. */
class SharedConcurrencyTest {
    private static final Duration VALIDITY = Duration.ofSeconds(10);

    private final MemoryStore store = new MemoryStore();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @AfterEach
    void close() {
        store.close();
    }

    private ConcurrencyLimiter node(String id) {
        ConcurrencyLimiter l = new ConcurrencyLimiter(100, 10);
        l.shareWith(new SharedSlots(store, clock, id, VALIDITY));
        return l;
    }

    @Test
    void aReservationHoldsAcrossNodesAndASlotIsFreeAgainWhenReleased() {
        ConcurrencyLimiter a = node("a");
        ConcurrencyLimiter b = node("b");
        a.setReserved("f", 2);
        b.setReserved("f", 2);
        var one = permit(a.admit("f"));
        var two = permit(b.admit("f"));
        assertThat(a.admit("f"))
                .isEqualTo(new ConcurrencyLimiter.Refused(
                        ThrottleReason.ReservedFunctionConcurrentInvocationLimitExceeded));
        assertThat(a.running("f"))
                .as("a refused slot is given back on the node too")
                .isEqualTo(1);
        one.close();
        permit(b.admit("f"));
        two.close();
        // unreserved functions are not counted in the store
        permit(a.admit("g"));
        permit(b.admit("g"));
    }

    @Test
    void theSlotsOfANodeThatStoppedExpireUnlessRenewed() {
        ConcurrencyLimiter a = node("a");
        SharedSlots renewing = new SharedSlots(store, clock, "b", VALIDITY);
        ConcurrencyLimiter b = new ConcurrencyLimiter(100, 10);
        b.shareWith(renewing);
        a.setReserved("f", 1);
        b.setReserved("f", 1);
        permit(b.admit("f")); // held for long: b renews it
        clock.advance(VALIDITY.dividedBy(2));
        renewing.renew();
        clock.advance(VALIDITY.dividedBy(2).plusSeconds(1));
        assertThat(a.admit("f")).isInstanceOf(ConcurrencyLimiter.Refused.class);

        // b stops without giving the slot back: once its count expired, it no longer counts
        clock.advance(VALIDITY.plusSeconds(1));
        permit(a.admit("f"));
    }

    @Test
    void theUnreservedPoolIsDividedAmongTheLiveNodes() {
        ConcurrencyLimiter l = new ConcurrencyLimiter(10, 2);
        l.setReserved("r", 3);
        l.share(2, 0); // 7 unreserved: 4 here, 3 on the other node
        for (int i = 0; i < 4; i++) {
            permit(l.admit("u" + i));
        }
        assertThat(l.admit("u"))
                .isEqualTo(new ConcurrencyLimiter.Refused(ThrottleReason.ConcurrentInvocationLimitExceeded));
        ConcurrencyLimiter other = new ConcurrencyLimiter(10, 2);
        other.setReserved("r", 3);
        other.share(2, 1);
        for (int i = 0; i < 3; i++) {
            permit(other.admit("u" + i));
        }
        assertThat(other.admit("u")).isInstanceOf(ConcurrencyLimiter.Refused.class);
        other.share(1, 0); // the first node left: the whole pool is this one's
        permit(other.admit("u"));
    }

    private static ConcurrencyLimiter.Permit permit(ConcurrencyLimiter.Admission a) {
        assertThat(a).isInstanceOf(ConcurrencyLimiter.Permit.class);
        return (ConcurrencyLimiter.Permit) a;
    }
}
