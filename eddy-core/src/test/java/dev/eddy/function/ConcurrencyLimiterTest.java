package dev.eddy.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.arn.Account;
import dev.eddy.error.EddyException;
import org.junit.jupiter.api.Test;

class ConcurrencyLimiterTest {

    @Test
    void reservationsComeOutOfTheUnreservedPool() {
        ConcurrencyLimiter l = new ConcurrencyLimiter(10, 2);
        l.setReserved("r", 3);
        var r1 = permit(l.admit("r"));
        permit(l.admit("r"));
        permit(l.admit("r"));
        assertThat(l.admit("r"))
                .isEqualTo(new ConcurrencyLimiter.Refused(
                        ThrottleReason.ReservedFunctionConcurrentInvocationLimitExceeded));
        for (int i = 0; i < 7; i++) {
            permit(l.admit("u" + i));
        }
        assertThat(l.admit("u"))
                .isEqualTo(new ConcurrencyLimiter.Refused(ThrottleReason.ConcurrentInvocationLimitExceeded));
        r1.close();
        r1.close(); // idempotent
        assertThat(l.running("r")).isEqualTo(2);
        permit(l.admit("r"));
        assertThat(l.admit("u")).isInstanceOf(ConcurrencyLimiter.Refused.class);
    }

    private static ConcurrencyLimiter.Permit permit(ConcurrencyLimiter.Admission a) {
        assertThat(a).isInstanceOf(ConcurrencyLimiter.Permit.class);
        return (ConcurrencyLimiter.Permit) a;
    }

    @Test
    void reservationsMustLeaveTheMinimumUnreserved() {
        ConcurrencyLimiter l = new ConcurrencyLimiter(10, 2);
        l.checkReservation(Account.DEFAULT.function("a"), 8);
        l.setReserved("a", 5);
        l.checkReservation(Account.DEFAULT.function("a"), 8); // replacing its own reservation
        assertThatThrownBy(() -> l.checkReservation(Account.DEFAULT.function("b"), 4))
                .isInstanceOf(EddyException.class);
        l.checkReservation(Account.DEFAULT.function("b"), 3);
    }
}
