package dev.eddy.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import dev.eddy.store.StoreException;
import dev.eddy.store.Transaction;
import dev.eddy.store.Tuple;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What only the on-disk store has to prove: durability modes, crashes, locking, closing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RocksDbStoreDurabilityTest {

    @TempDir
    Path dir;

    static byte[] key(long i) {
        return Tuple.of("crash", i).pack();
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void everyModeKeepsCommittedDataAcrossACleanClose(Durability durability) {
        Path db = dir.resolve(durability.name());
        try (RocksDbStore store = RocksDbStore.open(db, durability)) {
            assertThat(store.durability()).isEqualTo(durability);
            for (int i = 0; i < 50; i++) {
                byte[] k = key(i);
                store.run(tx -> {
                    tx.put(k, new byte[] {(byte) 1});
                    return null;
                });
            }
        }
        try (RocksDbStore store = RocksDbStore.open(db, durability);
                ReadView view = store.snapshot()) {
            assertThat(view.scan(Tuple.of("crash").range(), 0, false)).hasSize(50);
        }
    }

    /** PROCESS durability: every commit the process acknowledged is there after kill -9. */
    @Test
    void acknowledgedCommitsSurviveKillOfTheProcess() throws Exception {
        Path db = dir.resolve("crash");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashWriter.class.getName(),
                        db.toString(),
                        Durability.PROCESS.name())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long lastAcknowledged = -1;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (lastAcknowledged < 300 && (line = out.readLine()) != null) {
                lastAcknowledged = Long.parseLong(line.strip());
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close, no flush
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(lastAcknowledged).as("child acknowledged commits").isGreaterThanOrEqualTo(300);
        try (RocksDbStore store = RocksDbStore.open(db, Durability.PROCESS);
                ReadView view = store.snapshot()) {
            for (long i = 0; i <= lastAcknowledged; i++) {
                assertThat(view.get(key(i))).as("key %d", i).isNotNull();
            }
        }
    }

    @Test
    @SuppressWarnings("try") // the open store is what the test needs, not a name for it
    void secondOpenOfTheSameDirectoryFails() {
        try (RocksDbStore store = RocksDbStore.open(dir.resolve("locked"))) {
            assertThatThrownBy(() -> RocksDbStore.open(dir.resolve("locked")))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("lock");
        }
    }

    @Test
    void tablesAreLz4Compressed() throws Exception {
        Path db = dir.resolve("options");
        RocksDbStore.open(db).close();
        List<Path> optionFiles;
        try (Stream<Path> files = Files.list(db)) {
            optionFiles = files.filter(p -> p.getFileName().toString().startsWith("OPTIONS-"))
                    .toList();
        }
        assertThat(optionFiles).isNotEmpty();
        assertThat(Files.readString(optionFiles.getLast())).contains("compression=kLZ4Compression");
    }

    /**
     * Closing while other threads are mid-call: calls in flight finish, later ones fail with
     * StoreException (never a crash of the JVM on freed native memory), forgotten transactions and
     * snapshots are freed, and the data written so far is there on reopen.
     */
    @Test
    void closeWhileOtherThreadsWorkIsSafe() throws Exception {
        Path db = dir.resolve("busy");
        RocksDbStore store = RocksDbStore.open(db);
        int threads = 3;
        CountDownLatch warmedUp = new CountDownLatch(threads * 20);
        AtomicInteger committed = new AtomicInteger();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Thread.ofPlatform().start(() -> {
                ReadView leaked = null;
                try {
                    for (long i = 0; ; i++) {
                        byte[] k = Tuple.of("busy", id, i).pack();
                        Transaction tx = store.begin();
                        tx.put(k, new byte[] {1});
                        tx.scan(KeyRange.prefix(Tuple.of("busy", id).pack()), 5, true);
                        tx.commit();
                        committed.incrementAndGet();
                        if (leaked == null) {
                            leaked = store.snapshot(); // never closed by this thread
                        }
                        warmedUp.countDown();
                    }
                } catch (StoreException expected) {
                    // the store closed under us
                } catch (Throwable e) {
                    unexpected.set(e);
                }
            }));
        }
        assertThat(warmedUp.await(30, TimeUnit.SECONDS)).isTrue();
        store.close();
        for (Thread w : workers) {
            w.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(unexpected.get()).isNull();
        assertThatThrownBy(store::begin).isInstanceOf(StoreException.class);
        try (RocksDbStore reopened = RocksDbStore.open(db);
                ReadView view = reopened.snapshot()) {
            List<KeyValue> all = view.scan(Tuple.of("busy").range(), 0, false);
            assertThat(all).hasSize(committed.get());
        }
    }
}
