package dev.eddy.store;

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
import org.junit.jupiter.api.Test;

/**
 * {@link ReadMode#LATEST} transactions and the point reads of {@link Store#get}, as every backend
 * keeps them: whether it implements the mode or runs it as a snapshot, a transaction that commits
 * rests only on values still current at its commit. Part of {@link StoreContractTest}.
 */
public interface LatestReadsContract extends StoreAccess {

    // ---- point reads ----

    @Test
    default void pointReadsSeeEveryCommitThatReturned() {
        assertThat(store().get(b("k"))).isNull();
        put("k", "v1");
        assertThat(s(store().get(b("k")))).isEqualTo("v1");
        put("k", "v2");
        assertThat(s(store().get(b("k")))).isEqualTo("v2");
        store().run(tx -> {
            tx.put(b("empty"), new byte[0]);
            tx.clear(b("k"));
            return null;
        });
        assertThat(store().get(b("k"))).isNull();
        assertThat(store().get(b("empty"))).isNotNull().isEmpty();
        try (Transaction open = store().begin()) {
            open.put(b("uncommitted"), b("x"));
            assertThat(store().get(b("uncommitted"))).isNull();
        }
    }

    @Test
    default void pointReadsReturnACopy() {
        put("k", "value");
        byte[] got = store().get(b("k"));
        got[0] = 'x';
        assertThat(s(store().get(b("k")))).isEqualTo("value");
    }

    @Test
    default void pointReadsAndLatestTransactionsFailOnAClosedStore() {
        put("k", "v");
        Transaction open = store().begin(ReadMode.LATEST);
        open.put(b("k"), b("w"));
        store().close();
        assertThatThrownBy(() -> store().get(b("k"))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store().begin(ReadMode.LATEST)).isInstanceOf(StoreException.class);
        assertThatThrownBy(open::commit).isInstanceOf(StoreException.class);
        open.close();
    }

    // ---- LATEST transactions ----

    @Test
    default void latestTransactionReadsItsOwnWritesAndCommitsThem() {
        store().run(tx -> {
            tx.put(b("k1"), b("v-k1"));
            tx.put(b("k3"), b("v-k3"));
            return null;
        });
        try (Transaction tx = store().begin(ReadMode.LATEST)) {
            tx.put(b("k2"), b("new"));
            tx.clear(b("k3"));
            assertThat(s(tx.get(b("k1")))).isEqualTo("v-k1");
            assertThat(s(tx.get(b("k2")))).isEqualTo("new");
            assertThat(tx.get(b("k3"))).isNull();
            assertThat(keys(tx.scan(KeyRange.all(), 0, false))).containsExactly("k1", "k2");
            assertThat(keys(tx.scan(KeyRange.all(), 1, true))).containsExactly("k2");
            assertThat(store().get(b("k2"))).isNull();
            tx.commit();
        }
        assertThat(s(store().get(b("k2")))).isEqualTo("new");
        assertThat(store().get(b("k3"))).isNull();
    }

    @Test
    default void latestReadOfAKeyChangedAfterTheReadConflicts() {
        put("flag", "off");
        try (Transaction tx = store().begin(ReadMode.LATEST)) {
            assertThat(s(tx.get(b("flag")))).isEqualTo("off");
            tx.put(b("derived"), b("because off"));
            put("flag", "on");
            assertThatThrownBy(tx::commit).isInstanceOf(ConflictException.class);
        }
        assertThat(store().get(b("derived"))).isNull();
    }

    @Test
    default void latestReadOfAMissingKeyConflictsWithItsConcurrentInsert() {
        try (Transaction tx = store().begin(ReadMode.LATEST)) {
            assertThat(tx.get(b("lock"))).isNull();
            tx.put(b("lock"), b("mine"));
            put("lock", "theirs");
            assertThatThrownBy(tx::commit).isInstanceOf(ConflictException.class);
        }
        assertThat(s(store().get(b("lock")))).isEqualTo("theirs");
    }

    /**
     * A commit between the beginning and the read: the transaction either read the new value and
     * may commit on it, or read the old one and must not.
     */
    @Test
    default void latestCommitNeverRestsOnAnOverwrittenValue() {
        put("counter", "1");
        try (Transaction tx = store().begin(ReadMode.LATEST)) {
            put("counter", "5");
            long read = Long.parseLong(s(tx.get(b("counter"))));
            tx.put(b("counter"), b(String.valueOf(read + 1)));
            if (read == 5) {
                tx.commit();
                assertThat(s(store().get(b("counter")))).isEqualTo("6");
            } else {
                assertThat(read).isEqualTo(1);
                assertThatThrownBy(tx::commit).isInstanceOf(ConflictException.class);
                assertThat(s(store().get(b("counter")))).isEqualTo("5");
            }
        }
    }

    @Test
    default void latestReadModifyWriteRaceLetsExactlyOneCommit() {
        put("counter", "0");
        Transaction t1 = store().begin(ReadMode.LATEST);
        Transaction t2 = store().begin(ReadMode.LATEST);
        try (t1;
                t2) {
            int v1 = Integer.parseInt(s(t1.get(b("counter"))));
            int v2 = Integer.parseInt(s(t2.get(b("counter"))));
            t1.put(b("counter"), b(String.valueOf(v1 + 1)));
            t2.put(b("counter"), b(String.valueOf(v2 + 1)));
            t1.commit();
            assertThatThrownBy(t2::commit).isInstanceOf(ConflictException.class);
        }
        assertThat(s(store().get(b("counter")))).isEqualTo("1");
    }

    @Test
    default void latestBlindWritesToTheSameKeyConflict() {
        try (Transaction t1 = store().begin(ReadMode.LATEST);
                Transaction t2 = store().begin(ReadMode.LATEST)) {
            t1.put(b("k"), b("1"));
            t2.put(b("k"), b("2"));
            t1.commit();
            assertThatThrownBy(t2::commit).isInstanceOf(ConflictException.class);
        }
        assertThat(s(store().get(b("k")))).isEqualTo("1");
    }

    @Test
    default void latestScansAllSeeTheStateOfTheFirstScan() {
        put("a1", "x");
        put("a2", "x");
        try (Transaction tx = store().begin(ReadMode.LATEST)) {
            assertThat(keys(tx.scan(KeyRange.prefix(b("a")), 0, false))).containsExactly("a1", "a2");
            store().run(other -> {
                other.put(b("a3"), b("x"));
                other.clear(b("a1"));
                return null;
            });
            tx.put(b("a0"), b("own"));
            assertThat(keys(tx.scan(KeyRange.prefix(b("a")), 0, false))).containsExactly("a0", "a1", "a2");
            assertThat(keys(tx.scan(KeyRange.prefix(b("a")), 0, true))).containsExactly("a2", "a1", "a0");
            tx.commit();
        }
        assertThat(s(store().get(b("a0")))).isEqualTo("own");
        assertThat(store().get(b("a1"))).isNull();
        assertThat(s(store().get(b("a3")))).isEqualTo("x");
    }

    @Test
    default void latestClearRangeConflictsWithAChangeToAKeyItClearedAndLeavesLaterInserts() {
        put("a1", "x");
        put("a2", "x");
        try (Transaction tx = store().begin(ReadMode.LATEST)) {
            tx.clearRange(b("a"), b("b"));
            put("a2", "changed");
            assertThatThrownBy(tx::commit).isInstanceOf(ConflictException.class);
        }
        assertThat(s(store().get(b("a1")))).isEqualTo("x");
        try (Transaction tx = store().begin(ReadMode.LATEST)) {
            tx.clearRange(b("a"), b("b"));
            assertThat(tx.get(b("a1"))).isNull();
            put("a5", "later");
            tx.commit();
        }
        assertThat(store().get(b("a1"))).isNull();
        assertThat(store().get(b("a2"))).isNull();
        assertThat(s(store().get(b("a5")))).isEqualTo("later");
    }

    /** Half the increments happen in a before-commit hook, as the stream numbering does. */
    @Test
    default void latestIncrementsThroughRunAreNeverLost() throws Exception {
        int threads = 4;
        int increments = 100;
        put("counter", "0");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                boolean inHook = t % 2 == 0;
                Callable<Void> worker = () -> {
                    start.await();
                    for (int i = 0; i < increments; i++) {
                        store().run(ReadMode.LATEST, tx -> {
                            Runnable increment = () -> {
                                long n = Long.parseLong(s(tx.get(b("counter"))));
                                tx.put(b("counter"), b(String.valueOf(n + 1)));
                            };
                            if (inHook) {
                                tx.beforeCommit(increment);
                            } else {
                                increment.run();
                            }
                            return null;
                        });
                    }
                    return null;
                };
                done.add(pool.submit(worker));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(50, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(s(store().get(b("counter")))).isEqualTo(String.valueOf(threads * increments));
    }
}
