package dev.eddy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link Store} backend guarantees. A backend's test extends this class and
 * supplies {@link #newStore()}; durable backends also override {@link #reopen(Store)}. The
 * transaction hooks' tests are in {@link TransactionHooksContract}, those of point reads and
 * {@link ReadMode#LATEST} transactions in {@link LatestReadsContract}, isolation in
 * {@link IsolationContract}, key order in {@link KeyOrderContract}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class StoreContractTest
        implements TransactionHooksContract, LatestReadsContract, IsolationContract, KeyOrderContract {

    /** Sorts after every key the tests use. */
    static final byte[] TOP = filled(16, 0xFF);

    static final KeyRange EVERYTHING = KeyRange.all();

    protected Store store;

    /** A new, empty store, used by one test. */
    protected abstract Store newStore() throws Exception;

    /**
     * Closes {@code store} and opens the same data again. The default skips the calling test:
     * only durable backends override it.
     */
    protected Store reopen(Store store) throws Exception {
        Assumptions.abort("backend is not durable");
        return null;
    }

    @Override
    public Store store() {
        return store;
    }

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // ---- helpers ----

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] r = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            r[i] = (byte) values[i];
        }
        return r;
    }

    static byte[] filled(int n, int value) {
        byte[] r = new byte[n];
        Arrays.fill(r, (byte) value);
        return r;
    }

    static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    static List<String> keys(List<KeyValue> kvs) {
        return kvs.stream().map(kv -> s(kv.key())).toList();
    }

    static KeyRange range(String begin, String end) {
        return new KeyRange(b(begin), b(end));
    }

    // ---- single keys ----

    @Test
    void putGetAndClear() {
        put("k", "v1");
        assertThat(get("k")).isEqualTo("v1");
        assertThat(get("missing")).isNull();
        store.run(tx -> {
            tx.clear(b("k"));
            return null;
        });
        assertThat(get("k")).isNull();
        assertThat(scanKeys(EVERYTHING, 0, false)).isEmpty();
    }

    @Test
    void overwriteReplacesTheValue() {
        put("k", "v1");
        put("k", "v2");
        assertThat(get("k")).isEqualTo("v2");
        assertThat(scanKeys(EVERYTHING, 0, false)).containsExactly("k");
    }

    @Test
    void emptyValueIsStoredAndDistinctFromAbsent() {
        store.run(tx -> {
            tx.put(b("empty"), new byte[0]);
            assertThat(tx.get(b("empty"))).isEmpty();
            return null;
        });
        try (ReadView view = store.snapshot()) {
            assertThat(view.get(b("empty"))).isNotNull().isEmpty();
            List<KeyValue> all = view.scan(EVERYTHING, 0, false);
            assertThat(all).hasSize(1);
            assertThat(all.getFirst().value()).isEmpty();
        }
    }

    @Test
    void clearingAMissingKeyIsHarmless() {
        store.run(tx -> {
            tx.clear(b("nothing"));
            return null;
        });
        assertThat(get("nothing")).isNull();
    }

    @Test
    void arraysAreCopiedInAndOut() {
        byte[] key = b("k");
        byte[] value = b("value");
        store.run(tx -> {
            tx.put(key, value);
            return null;
        });
        key[0] = 'x';
        value[0] = 'x';
        try (ReadView view = store.snapshot()) {
            byte[] got = view.get(b("k"));
            assertThat(s(got)).isEqualTo("value");
            got[0] = 'y';
            assertThat(s(view.get(b("k")))).isEqualTo("value");
            view.scan(EVERYTHING, 0, false).getFirst().value()[0] = 'y';
            assertThat(s(view.get(b("k")))).isEqualTo("value");
        }
    }

    // ---- unique puts ----

    @Test
    void putUniqueIsAPutForEveryRead() {
        putAll("k1");
        try (Transaction tx = store.begin()) {
            tx.putUnique(b("k2"), b("unique"));
            assertThat(s(tx.get(b("k2")))).isEqualTo("unique");
            assertThat(keys(tx.scan(EVERYTHING, 0, false))).containsExactly("k1", "k2");
            assertThat(get("k2")).isNull();
            tx.commit();
        }
        assertThat(get("k2")).isEqualTo("unique");
        try (Transaction tx = store.begin()) {
            tx.putUnique(b("k3"), b("rolled back"));
        }
        assertThat(get("k3")).isNull();
        assertThat(scanKeys(EVERYTHING, 0, false)).containsExactly("k1", "k2");
    }

    @Test
    void scansRespectBoundsLimitAndDirection() {
        putAll("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9");
        KeyRange r = range("k2", "k7");
        assertThat(scanKeys(r, 0, false)).containsExactly("k2", "k3", "k4", "k5", "k6");
        assertThat(scanKeys(r, -1, false)).containsExactly("k2", "k3", "k4", "k5", "k6");
        assertThat(scanKeys(r, 3, false)).containsExactly("k2", "k3", "k4");
        assertThat(scanKeys(r, 0, true)).containsExactly("k6", "k5", "k4", "k3", "k2");
        assertThat(scanKeys(r, 2, true)).containsExactly("k6", "k5");
        assertThat(scanKeys(r, 100, true)).hasSize(5);
        // bounds that fall between keys
        assertThat(scanKeys(range("k2a", "k4a"), 0, false)).containsExactly("k3", "k4");
        assertThat(scanKeys(range("k2a", "k4a"), 0, true)).containsExactly("k4", "k3");
        // empty and inverted ranges are empty, not errors
        assertThat(scanKeys(range("k3", "k3"), 0, false)).isEmpty();
        assertThat(scanKeys(range("k5", "k3"), 0, true)).isEmpty();
        assertThat(scanKeys(range("x", "z"), 0, false)).isEmpty();
        try (ReadView view = store.snapshot()) {
            assertThat(view.scan(r, 1, false).getFirst().value()).isEqualTo(b("v-k2"));
        }
    }

    @Test
    void prefixRangesHoldExactlyTheKeysWithThePrefix() {
        store.run(tx -> {
            for (byte[] k : List.of(
                    b("a"),
                    bytes('a', 0x00),
                    b("ab"),
                    bytes('a', 0xFF),
                    bytes('a', 0xFF, 0xFF),
                    b("b"),
                    bytes('`', 0xFF),
                    b(""))) {
                tx.put(k, b("v"));
            }
            return null;
        });
        try (ReadView view = store.snapshot()) {
            assertThat(view.scan(KeyRange.prefix(b("a")), 0, false))
                    .extracting(KeyValue::key)
                    .containsExactly(b("a"), bytes('a', 0x00), b("ab"), bytes('a', 0xFF), bytes('a', 0xFF, 0xFF));
            assertThat(view.scan(KeyRange.prefix(bytes('a', 0xFF)), 0, true))
                    .extracting(KeyValue::key)
                    .containsExactly(bytes('a', 0xFF, 0xFF), bytes('a', 0xFF));
        }
    }

    @Test
    void tupleKeysScanInElementOrder() {
        store.run(tx -> {
            for (long sk : new long[] {5, -3, 1000, 0, Long.MIN_VALUE}) {
                tx.put(Tuple.of("item", 1L, "pk", sk).pack(), b("v"));
            }
            tx.put(Tuple.of("item", 2L, "pk", 1L).pack(), b("other table"));
            tx.put(Tuple.of("item", 1L, "pk\0", 1L).pack(), b("other partition"));
            return null;
        });
        try (ReadView view = store.snapshot()) {
            List<Long> sks = view.scan(Tuple.of("item", 1L, "pk").range(), 0, false).stream()
                    .map(kv -> Tuple.unpack(kv.key()).getLong(3))
                    .toList();
            assertThat(sks).containsExactly(Long.MIN_VALUE, -3L, 0L, 5L, 1000L);
        }
    }

    // ---- range clears ----

    @Test
    void clearRangeRemovesExactlyTheRange() {
        putAll("k0", "k1", "k2", "k3", "k4", "k5");
        store.run(tx -> {
            tx.clearRange(b("k1"), b("k4"));
            return null;
        });
        assertThat(scanKeys(EVERYTHING, 0, false)).containsExactly("k0", "k4", "k5");
        store.run(tx -> {
            tx.clearRange(b("k5"), b("k0")); // inverted: no effect
            tx.clearRange(b("x"), b("y")); // nothing there
            return null;
        });
        assertThat(scanKeys(EVERYTHING, 0, false)).containsExactly("k0", "k4", "k5");
        store.run(tx -> {
            tx.put(bytes(0xFF, 0xFF), b("top"));
            return null;
        });
        store.run(tx -> {
            tx.clearRange(b("k5"), null); // no upper bound
            return null;
        });
        assertThat(scanKeys(EVERYTHING, 0, false)).containsExactly("k0", "k4");
    }

    @Test
    void clearRangeIsAtomicWithTheRestOfTheTransaction() {
        putAll("a1", "a2", "a3");
        try (Transaction tx = store.begin()) {
            tx.clearRange(b("a"), b("b"));
            tx.put(b("marker"), b("x"));
            // rolled back: neither the clear nor the put happened
        }
        assertThat(scanKeys(EVERYTHING, 0, false)).containsExactly("a1", "a2", "a3");
        try (Transaction tx = store.begin()) {
            tx.clearRange(b("a"), b("b"));
            tx.put(b("marker"), b("x"));
            try (ReadView before = store.snapshot()) {
                assertThat(keys(before.scan(EVERYTHING, 0, false))).containsExactly("a1", "a2", "a3");
            }
            tx.commit();
        }
        assertThat(scanKeys(EVERYTHING, 0, false)).containsExactly("marker");
    }

    @Test
    void clearRangeOfManyKeysClearsThemAll() {
        store.run(tx -> {
            for (long i = 0; i < 2500; i++) {
                tx.put(Tuple.of("many", i).pack(), b("v"));
            }
            tx.put(Tuple.of("other", 1L).pack(), b("stays"));
            return null;
        });
        KeyRange many = Tuple.of("many").range();
        try (Transaction tx = store.begin()) {
            tx.put(Tuple.of("many", 5000L).pack(), b("own"));
            tx.clearRange(many.begin(), many.end());
            assertThat(tx.scan(many, 0, false)).isEmpty();
            assertThat(tx.get(Tuple.of("many", 1234L).pack())).isNull();
            tx.commit();
        }
        try (ReadView view = store.snapshot()) {
            assertThat(view.scan(many, 0, false)).isEmpty();
            assertThat(view.scan(EVERYTHING, 0, false)).hasSize(1);
        }
    }

    // ---- transactions see their own writes ----

    @Test
    void transactionReadsItsOwnWrites() {
        putAll("k1", "k3", "k5");
        try (Transaction tx = store.begin()) {
            tx.put(b("k2"), b("new"));
            tx.put(b("k3"), b("changed"));
            tx.clear(b("k5"));
            assertThat(s(tx.get(b("k2")))).isEqualTo("new");
            assertThat(s(tx.get(b("k3")))).isEqualTo("changed");
            assertThat(tx.get(b("k5"))).isNull();
            assertThat(s(tx.get(b("k1")))).isEqualTo("v-k1");
            assertThat(keys(tx.scan(EVERYTHING, 0, false))).containsExactly("k1", "k2", "k3");
            assertThat(keys(tx.scan(EVERYTHING, 0, true))).containsExactly("k3", "k2", "k1");
            assertThat(keys(tx.scan(EVERYTHING, 2, false))).containsExactly("k1", "k2");
            assertThat(keys(tx.scan(EVERYTHING, 2, true))).containsExactly("k3", "k2");
            assertThat(keys(tx.scan(range("k2", "k3"), 0, false))).containsExactly("k2");
            List<KeyValue> all = tx.scan(EVERYTHING, 0, false);
            assertThat(s(all.get(2).value())).isEqualTo("changed");
            // nothing is visible outside before commit
            assertThat(get("k2")).isNull();
            tx.commit();
        }
        assertThat(scanKeys(EVERYTHING, 0, false)).containsExactly("k1", "k2", "k3");
        assertThat(get("k3")).isEqualTo("changed");
    }

    @Test
    void transactionSeesItsOwnRangeClears() {
        putAll("a1", "a2", "a3", "b1");
        try (Transaction tx = store.begin()) {
            tx.put(b("a0"), b("own, cleared below"));
            tx.clearRange(b("a"), b("b"));
            assertThat(tx.get(b("a2"))).isNull();
            assertThat(tx.get(b("a0"))).isNull();
            assertThat(keys(tx.scan(EVERYTHING, 0, false))).containsExactly("b1");
            tx.put(b("a2"), b("back"));
            assertThat(s(tx.get(b("a2")))).isEqualTo("back");
            assertThat(keys(tx.scan(EVERYTHING, 0, false))).containsExactly("a2", "b1");
            assertThat(keys(tx.scan(EVERYTHING, 0, true))).containsExactly("b1", "a2");
            tx.commit();
        }
        assertThat(scanKeys(EVERYTHING, 0, false)).containsExactly("a2", "b1");
        assertThat(get("a2")).isEqualTo("back");
    }

    @Test
    void closeWithoutCommitRollsBack() {
        put("k", "old");
        try (Transaction tx = store.begin()) {
            tx.put(b("k"), b("new"));
            tx.put(b("other"), b("x"));
            tx.clearRange(b("a"), b("z"));
        }
        assertThat(get("k")).isEqualTo("old");
        assertThat(get("other")).isNull();
    }

    @Test
    void closedTransactionRejectsUse() {
        Transaction tx = store.begin();
        tx.put(b("k"), b("v"));
        tx.commit();
        tx.close(); // idempotent after commit
        assertThatThrownBy(() -> tx.get(b("k"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tx.put(b("k"), b("w"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(tx::commit).isInstanceOf(IllegalStateException.class);
        assertThat(get("k")).isEqualTo("v");
    }

    // ---- lifecycle ----

    @Test
    void closedStoreRejectsNewWork() {
        put("k", "v");
        Transaction open = store.begin();
        open.put(b("k"), b("w"));
        ReadView snapshot = store.snapshot();
        store.close();
        store.close(); // idempotent
        assertThatThrownBy(store::begin).isInstanceOf(StoreException.class);
        assertThatThrownBy(store::snapshot).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> open.get(b("k"))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> snapshot.scan(EVERYTHING, 0, false)).isInstanceOf(StoreException.class);
        assertThatThrownBy(open::commit).isInstanceOf(StoreException.class);
        open.close();
        snapshot.close();
    }

    @Test
    void committedDataSurvivesReopen() throws Exception {
        putAll("a1", "a2", "a3", "b1");
        store.run(tx -> {
            tx.clearRange(b("a2"), b("a3"));
            tx.put(bytes(0x00, 0xFF), new byte[0]);
            return null;
        });
        try (Transaction uncommitted = store.begin()) {
            uncommitted.put(b("never"), b("x"));
        }
        store = reopen(store);
        try (ReadView view = store.snapshot()) {
            assertThat(view.scan(EVERYTHING, 0, false))
                    .extracting(KeyValue::key)
                    .containsExactly(bytes(0x00, 0xFF), b("a1"), b("a3"), b("b1"));
            assertThat(view.get(bytes(0x00, 0xFF))).isEmpty();
            assertThat(s(view.get(b("a3")))).isEqualTo("v-a3");
        }
        put("after", "reopen");
        store = reopen(store);
        assertThat(get("after")).isEqualTo("reopen");
    }
}
