package dev.eddy.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.arn.Account;
import dev.eddy.expr.ExpressionContext;
import dev.eddy.item.AttributeValue;
import dev.eddy.store.MemoryStore;
import dev.eddy.testkit.ManualClock;
import dev.eddy.work.BackgroundWork;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The TTL sweeper against a manual clock: what expires when, and how it is deleted. */
class TtlSweeperTest {
    private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(1_700_000_000_000L));
    private final List<WriteOrigin> origins = new CopyOnWriteArrayList<>();
    private final TableEngine engine =
            new TableEngine(new MemoryStore(), clock, Account.DEFAULT, List.of((tx, table, write) -> {
                if (write.newItem() == null) {
                    // a write that conflicts (with the background backfill, say) runs again:
                    // count the deletions that committed, not the attempts
                    tx.afterCompletion(committed -> {
                        if (committed) {
                            origins.add(write.origin());
                        }
                    });
                }
            }));
    private final BackgroundWork work = BackgroundWork.singleNode(clock);

    TtlSweeperTest() {
        // background work runs the TTL index backfill; sweeps are called directly below
        engine.start(work, java.time.Duration.ofHours(1));
        work.start();
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

    @AfterEach
    void stopBackgroundWork() {
        work.close();
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private void put(String id, AttributeValue expires) {
        Map<String, AttributeValue> item = expires == null
                ? Map.of("id", new AttributeValue.S(id))
                : Map.of("id", new AttributeValue.S(id), "exp", expires);
        engine.putItem(new PutItem("t", item, null, ReturnValues.NONE, false, CapacityReport.NONE));
    }

    private static AttributeValue.N n(long v) {
        return new AttributeValue.N(BigDecimal.valueOf(v));
    }

    private boolean exists(String id) {
        return engine.getItem(new GetItem("t", Map.of("id", new AttributeValue.S(id)), null, true, CapacityReport.NONE))
                        .item()
                != null;
    }

    @Test
    void deletesExactlyTheExpiredItemsAsServiceDeletions() {
        put("before", n(now() + 100));
        engine.updateTimeToLive("t", true, "exp");
        put("soon", n(now() + 10));
        put("later", n(now() + 1000));
        put("ancient", n(now() - 6L * 365 * 24 * 3600));
        put("text", new AttributeValue.S(Long.toString(now() - 10)));
        put("none", null);
        TtlSweeper sweeper = engine.ttlSweeper();
        assertThat(sweeper.sweep()).isZero();

        clock.advance(Duration.ofSeconds(11));
        assertThat(sweeper.sweep()).isEqualTo(1);
        assertThat(exists("soon")).isFalse();
        assertThat(origins).containsExactly(WriteOrigin.TTL);

        clock.advance(Duration.ofSeconds(100));
        // "before" was written before TTL was enabled: indexed in the background when enabling
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> {
                    sweeper.sweep();
                    return !exists("before");
                });
        assertThat(exists("before")).isFalse();
        assertThat(exists("later")).isTrue();
        assertThat(exists("ancient")).isTrue();
        assertThat(exists("text")).isTrue();
        assertThat(exists("none")).isTrue();
    }

    @Test
    void anItemUpdatedToExpireLaterIsKept() {
        engine.updateTimeToLive("t", true, "exp");
        put("a", n(now() + 5));
        ExpressionContext ctx = new ExpressionContext(null, Map.of(":e", n(now() + 500)));
        engine.updateItem(new UpdateItem(
                "t",
                Map.of("id", new AttributeValue.S("a")),
                ctx.update("SET exp = :e"),
                null,
                ReturnValues.NONE,
                false,
                CapacityReport.NONE));
        clock.advance(Duration.ofSeconds(10));
        assertThat(engine.ttlSweeper().sweep()).isZero();
        assertThat(exists("a")).isTrue();
        clock.advance(Duration.ofSeconds(1000));
        assertThat(engine.ttlSweeper().sweep()).isEqualTo(1);
    }

    @Test
    void disablingStopsDeletion() {
        engine.updateTimeToLive("t", true, "exp");
        put("a", n(now() + 5));
        engine.updateTimeToLive("t", false, "exp");
        clock.advance(Duration.ofSeconds(10));
        assertThat(engine.ttlSweeper().sweep()).isZero();
        assertThat(exists("a")).isTrue();
        assertThat(engine.describeTimeToLive("t")).isEqualTo(new TableEngine.TimeToLive("DISABLED", null));
    }
}
