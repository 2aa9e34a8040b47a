package dev.eddy.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.arn.Account;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.expr.ExpressionContext;
import dev.eddy.item.AttributeValue;
import dev.eddy.store.MemoryStore;
import dev.eddy.testkit.ManualClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ClientRequestToken: replays within ten minutes, applies again after, mismatches rejected. */
class TransactionIdempotencyTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    TableEngine engine;

    @BeforeEach
    void setUp() {
        engine = new TableEngine(new MemoryStore(), clock, Account.DEFAULT);
        engine.createTable(new CreateTable(
                "t",
                List.of(new CreateTable.KeyElement("id", "HASH")),
                Map.of("id", AttributeValue.Type.S),
                BillingMode.PAY_PER_REQUEST,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                Map.of(),
                false,
                null));
    }

    TransactWriteItems increment(String token, String fingerprint) {
        var update = new ExpressionContext(Map.of(), Map.of(":one", new AttributeValue.N(BigDecimal.ONE)))
                .update("ADD n :one");
        return new TransactWriteItems(
                List.of(new TransactWriteItems.Update(
                        "t", Map.of("id", new AttributeValue.S("a")), update, null, false)),
                token,
                fingerprint,
                CapacityReport.NONE);
    }

    BigDecimal n() {
        var item = engine.getItem(
                        new GetItem("t", Map.of("id", new AttributeValue.S("a")), null, true, CapacityReport.NONE))
                .item();
        return ((AttributeValue.N) item.get("n")).value();
    }

    @Test
    void tokenReplaysForTenMinutesThenAppliesAgain() {
        assertThat(engine.transactWriteItems(increment("tok", "f1")).replayed()).isFalse();
        clock.advance(Duration.ofMinutes(9));
        assertThat(engine.transactWriteItems(increment("tok", "f1")).replayed()).isTrue();
        assertThat(n()).isEqualByComparingTo("1");
        assertThatThrownBy(() -> engine.transactWriteItems(increment("tok", "f2")))
                .isInstanceOfSatisfying(
                        EddyException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENT_PARAMETER_MISMATCH));
        clock.advance(Duration.ofMinutes(1).plusMillis(1));
        assertThat(engine.transactWriteItems(increment("tok", "f2")).replayed()).isFalse();
        assertThat(n()).isEqualByComparingTo("2");
        // without a token every call applies
        engine.transactWriteItems(increment(null, null));
        engine.transactWriteItems(increment(null, null));
        assertThat(n()).isEqualByComparingTo("4");
    }

    @Test
    void cancelledTransactionRecordsNoToken() {
        var condition =
                new ExpressionContext(Map.of(), Map.of()).condition("attribute_exists(id)", "ConditionExpression");
        var failing = new TransactWriteItems(
                List.of(new TransactWriteItems.ConditionCheck(
                        "t", Map.of("id", new AttributeValue.S("a")), condition, false)),
                "tok",
                "f1",
                CapacityReport.NONE);
        assertThatThrownBy(() -> engine.transactWriteItems(failing))
                .isInstanceOfSatisfying(
                        EddyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TRANSACTION_CANCELED));
        assertThat(engine.transactWriteItems(increment("tok", "f2")).replayed()).isFalse();
        assertThat(n()).isEqualByComparingTo("1");
    }
}
