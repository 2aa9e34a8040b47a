package dev.eddy.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.arn.Account;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.expr.ExpressionContext;
import dev.eddy.item.AttributeValue;
import dev.eddy.store.Keyspace;
import dev.eddy.testkit.ManualClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GetItem's point reads and the single-item writes' {@code LATEST} transactions read the table
 * description and the item at different instants: a table deleted (and created again) between the
 * two reads must not make them answer from a table that no longer exists.
 */
class ItemReadRacesTest {
    final LatestReadsStore store = new LatestReadsStore();
    TableEngine engine;

    @BeforeEach
    void setUp() {
        engine = new TableEngine(store, new ManualClock(Instant.parse("2026-01-01T00:00:00Z")), Account.DEFAULT);
        createTable();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private void createTable() {
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

    private static Map<String, AttributeValue> key() {
        return Map.of("id", new AttributeValue.S("a"));
    }

    private void put(String value) {
        engine.putItem(new PutItem(
                "t",
                Map.of("id", new AttributeValue.S("a"), "v", new AttributeValue.S(value)),
                null,
                ReturnValues.NONE,
                false,
                null));
    }

    private Map<String, AttributeValue> get() {
        return engine.getItem(new GetItem("t", key(), null, false, null)).item();
    }

    /** Runs {@code action} once, right before the first read of an item (not of a description). */
    private void beforeFirstItemRead(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        store.beforeRead(k -> {
            if (k[0] == Keyspace.ITEM.prefix() && done.compareAndSet(false, true)) {
                action.run();
            }
        });
    }

    private static ErrorCode code(Throwable e) {
        return ((EddyException) e).code();
    }

    @Test
    void getItemAnswersFromTheTableAsItIsAfterItWasCreatedAgain() {
        put("old");
        assertThat(get()).containsEntry("v", new AttributeValue.S("old"));
        engine.deleteTable("t");
        assertThatThrownBy(this::get).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
        createTable();
        assertThat(get()).isNull();
        put("new");
        assertThat(get()).containsEntry("v", new AttributeValue.S("new"));
    }

    @Test
    void getItemReportsAMissingTableBeforeAKeyThatDoesNotFit() {
        put("x");
        get(); // the description is cached now
        Map<String, AttributeValue> wrongType = Map.of("id", new AttributeValue.B(new byte[] {1}));
        assertThatThrownBy(() -> engine.getItem(new GetItem("t", wrongType, null, false, null)))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.VALIDATION));
        engine.deleteTable("t");
        assertThatThrownBy(() -> engine.getItem(new GetItem("t", wrongType, null, false, null)))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
    }

    @Test
    void getItemOfATableDeletedAndCreatedAgainBetweenItsReadsAnswersFromTheNewTable() {
        put("old");
        get();
        beforeFirstItemRead(() -> {
            engine.deleteTable("t");
            createTable();
            put("new");
        });
        // the item read under the old table's key finds nothing; the new description differs
        assertThat(get()).containsEntry("v", new AttributeValue.S("new"));
    }

    @Test
    void conditionalWriteWhoseTableIsDeletedBeforeItsItemReadReportsTheTableNotTheCondition() {
        put("x");
        beforeFirstItemRead(() -> engine.deleteTable("t"));
        var exists = new ExpressionContext(Map.of(), Map.of()).condition("attribute_exists(id)", "ConditionExpression");
        PutItem conditional = new PutItem(
                "t",
                Map.of("id", new AttributeValue.S("a"), "v", new AttributeValue.S("y")),
                exists,
                ReturnValues.NONE,
                false,
                null);
        // without the second description read this failed the condition: the item was gone, and
        // so was its table
        assertThatThrownBy(() -> engine.putItem(conditional))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
    }

    @Test
    void conditionalWriteThatFailsOnAnUnchangedTableReportsTheCondition() {
        put("x");
        var absent =
                new ExpressionContext(Map.of(), Map.of()).condition("attribute_not_exists(id)", "ConditionExpression");
        PutItem conditional = new PutItem(
                "t",
                Map.of("id", new AttributeValue.S("a"), "v", new AttributeValue.S("y")),
                absent,
                ReturnValues.NONE,
                false,
                null);
        beforeFirstItemRead(() -> put("z"));
        assertThatThrownBy(() -> engine.putItem(conditional))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.CONDITIONAL_CHECK_FAILED));
        assertThat(get()).containsEntry("v", new AttributeValue.S("z"));
    }
}
