package dev.eddy.function;

import dev.eddy.error.EddyException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrencyLimiterTest {

    @Test
    void reservationsComeOutOfTheUnreservedPool() {
        ConcurrencyLimiter l = new ConcurrencyLimiter(10, 2);
        l.setReserved("r", 3);
        var r1 = l.acquire("r");
        l.acquire("r");
        l.acquire("r");
        assertThatThrownBy(() -> l.acquire("r")).isInstanceOfSatisfying(EddyException.class,
                e -> assertThat(e.context().get("Reason")).isEqualTo(ConcurrencyLimiter.RESERVED_EXCEEDED));
        for (int i = 0; i < 7; i++) {
            l.acquire("u" + i);
        }
        assertThatThrownBy(() -> l.acquire("u")).isInstanceOfSatisfying(EddyException.class,
                e -> assertThat(e.context().get("Reason")).isEqualTo(ConcurrencyLimiter.ACCOUNT_EXCEEDED));
        r1.close();
        r1.close(); // idempotent
        assertThat(l.running("r")).isEqualTo(2);
        l.acquire("r");
        assertThatThrownBy(() -> l.acquire("u")).isInstanceOf(EddyException.class);
    }

    @Test
    void reservationsMustLeaveTheMinimumUnreserved() {
        ConcurrencyLimiter l = new ConcurrencyLimiter(10, 2);
        l.checkReservation("a", 8);
        l.setReserved("a", 5);
        l.checkReservation("a", 8); // replacing its own reservation
        assertThatThrownBy(() -> l.checkReservation("b", 4)).isInstanceOf(EddyException.class);
        l.checkReservation("b", 3);
    }
}
