package dev.eddy.store;

import static dev.eddy.store.StoreContractTest.EVERYTHING;
import static dev.eddy.store.StoreContractTest.b;
import static dev.eddy.store.StoreContractTest.keys;
import static dev.eddy.store.StoreContractTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Isolation and conflicts, as every {@link Store} backend guarantees them: snapshots, read-check-write
 * races, blind writes, range clears against concurrent changes, and {@link Store#run}'s retries.
 * Part of {@link StoreContractTest}.
 */
interface IsolationContract extends StoreAccess {

    @Test
    default void snapshotDoesNotSeeLaterCommits() {
        putAll("k1", "k2");
        try (ReadView snap = store().snapshot()) {
            store().run(tx -> {
                tx.put(b("k1"), b("changed"));
                tx.clear(b("k2"));
                tx.put(b("k3"), b("new"));
                return null;
            });
            assertThat(s(snap.get(b("k1")))).isEqualTo("v-k1");
            assertThat(s(snap.get(b("k2")))).isEqualTo("v-k2");
            assertThat(snap.get(b("k3"))).isNull();
            assertThat(keys(snap.scan(EVERYTHING, 0, false))).containsExactly("k1", "k2");
            assertThat(keys(snap.scan(EVERYTHING, 0, true))).containsExactly("k2", "k1");
        }
        assertThat(scanKeys(EVERYTHING, 0, false)).containsExactly("k1", "k3");
        assertThat(get("k1")).isEqualTo("changed");
    }

    @Test
    default void transactionReadsTheStateAsOfItsBeginning() {
        put("k", "old");
        try (Transaction tx = store().begin()) {
            put("k", "new");
            put("j", "new");
            assertThat(s(tx.get(b("k")))).isEqualTo("old");
            assertThat(keys(tx.scan(EVERYTHING, 0, false))).containsExactly("k");
        }
    }

    @Test
    default void readModifyWriteRaceLetsExactlyOneCommit() {
        put("counter", "0");
        Transaction t1 = store().begin();
        Transaction t2 = store().begin();
        try (t1;
                t2) {
            int v1 = Integer.parseInt(s(t1.get(b("counter"))));
            int v2 = Integer.parseInt(s(t2.get(b("counter"))));
            t1.put(b("counter"), b(String.valueOf(v1 + 1)));
            t2.put(b("counter"), b(String.valueOf(v2 + 1)));
            t2.put(b("side effect"), b("x"));
            t1.commit();
            assertThatThrownBy(t2::commit).isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> t2.get(b("counter"))).isInstanceOf(IllegalStateException.class);
        }
        assertThat(get("counter")).isEqualTo("1");
        assertThat(get("side effect")).isNull();
    }

    @Test
    default void readOfAKeyChangedByAConcurrentCommitConflicts() {
        put("flag", "off");
        try (Transaction tx = store().begin()) {
            assertThat(s(tx.get(b("flag")))).isEqualTo("off");
            tx.put(b("derived"), b("because off"));
            put("flag", "on");
            assertThatThrownBy(tx::commit).isInstanceOf(ConflictException.class);
        }
        assertThat(get("derived")).isNull();
    }

    @Test
    default void readOfAMissingKeyConflictsWithItsConcurrentInsert() {
        try (Transaction tx = store().begin()) {
            assertThat(tx.get(b("lock"))).isNull();
            tx.put(b("lock"), b("mine"));
            put("lock", "theirs");
            assertThatThrownBy(tx::commit).isInstanceOf(ConflictException.class);
        }
        assertThat(get("lock")).isEqualTo("theirs");
    }

    @Test
    default void blindWritesToTheSameKeyConflict() {
        try (Transaction t1 = store().begin();
                Transaction t2 = store().begin()) {
            t1.put(b("k"), b("1"));
            t2.put(b("k"), b("2"));
            t1.commit();
            assertThatThrownBy(t2::commit).isInstanceOf(ConflictException.class);
        }
        assertThat(get("k")).isEqualTo("1");
    }

    @Test
    default void blindWritesToDifferentKeysBothCommit() {
        try (Transaction t1 = store().begin();
                Transaction t2 = store().begin()) {
            t1.put(b("a"), b("1"));
            t2.put(b("b"), b("2"));
            t2.clear(b("c"));
            t1.commit();
            t2.commit();
        }
        assertThat(get("a")).isEqualTo("1");
        assertThat(get("b")).isEqualTo("2");
    }

    @Test
    default void clearRangeConflictsWithAConcurrentChangeToAKeyItCleared() {
        putAll("a1", "a2");
        try (Transaction tx = store().begin()) {
            tx.clearRange(b("a"), b("b"));
            put("a2", "changed");
            assertThatThrownBy(tx::commit).isInstanceOf(ConflictException.class);
        }
        assertThat(scanKeys(EVERYTHING, 0, false)).containsExactly("a1", "a2");
    }

    @Test
    default void clearRangeLeavesKeysOthersInsertAfterTheTransactionBegan() {
        putAll("a1");
        try (Transaction tx = store().begin()) {
            tx.clearRange(b("a"), b("b"));
            put("a5", "later");
            tx.commit();
        }
        assertThat(scanKeys(EVERYTHING, 0, false)).containsExactly("a5");
    }

    @Test
    default void runReturnsTheResultAndRollsBackOnOtherExceptions() {
        Integer result = store().run(tx -> {
            tx.put(b("k"), b("v"));
            return 42;
        });
        assertThat(result).isEqualTo(42);
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> store().run(tx -> {
                    attempts.incrementAndGet();
                    tx.put(b("k"), b("changed"));
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("boom");
        assertThat(attempts).hasValue(1);
        assertThat(get("k")).isEqualTo("v");
    }

    @Test
    default void concurrentIncrementsThroughRunAreNeverLost() throws Exception {
        int threads = 4;
        int increments = 100;
        put("counter", "0");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<Integer> worker = () -> {
                    start.await();
                    int attempts = 0;
                    for (int i = 0; i < increments; i++) {
                        attempts += store().run(tx -> {
                            long n = Long.parseLong(s(tx.get(b("counter"))));
                            tx.put(b("counter"), b(String.valueOf(n + 1)));
                            return 1;
                        });
                    }
                    return attempts;
                };
                done.add(pool.submit(worker));
            }
            start.countDown();
            for (Future<Integer> f : done) {
                assertThat(f.get(50, TimeUnit.SECONDS)).isEqualTo(increments);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(get("counter")).isEqualTo(String.valueOf(threads * increments));
    }
}
