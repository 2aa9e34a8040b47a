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

    static byte[] value(int bytes) {
        byte[] v = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            v[i] = (byte) (i * 31 + 7);
        }
        return v;
    }

    /** PROCESS durability: every commit the process acknowledged is there after kill -9. */
    @Test
    void acknowledgedCommitsSurviveKillOfTheProcess() throws Exception {
        Path db = dir.resolve("crash");
        long lastAcknowledged = killWhenAcknowledged(db, 300, () -> true);
        try (RocksDbStore store = RocksDbStore.open(db, Durability.PROCESS);
                ReadView view = store.snapshot()) {
            for (long i = 0; i <= lastAcknowledged; i++) {
                assertThat(view.get(key(i))).as("key %d", i).isNotNull();
            }
        }
    }

    /**
     * The same with write-ahead log files written over again: large values fill the memtables
     * until they have been flushed several times and a log file from before is being reused (its
     * old records still on disk behind the new ones) when the process is killed. Every
     * acknowledged commit is there with its value, and nothing else is.
     */
    @Test
    void acknowledgedCommitsSurviveKillWhileAReusedLogFileIsWritten() throws Exception {
        Path db = dir.resolve("recycled");
        int valueBytes = 64 << 10;
        // RocksDB notes each reuse in its info log: kill only once a reused file is being written
        long lastAcknowledged = killWhenAcknowledged(
                db,
                50,
                () -> Files.readString(db.resolve("LOG")).contains("reusing log"),
                Integer.toString(valueBytes));
        try (RocksDbStore store = RocksDbStore.open(db, Durability.PROCESS);
                ReadView view = store.snapshot()) {
            for (long i = 0; i <= lastAcknowledged; i++) {
                assertThat(view.get(key(i))).as("key %d", i).isEqualTo(value(valueBytes));
            }
            // the child may have committed a few more before it died, but no key is there twice
            // and none is there that was never written
            List<KeyValue> all = view.scan(Tuple.of("crash").range(), 0, false);
            assertThat(all.size()).isGreaterThan((int) lastAcknowledged);
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i).key()).isEqualTo(key(i));
            }
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Runs {@link CrashWriter} on {@code db} with PROCESS durability until it has acknowledged at
     * least {@code commits} commits and {@code ready} holds, kills it with SIGKILL and returns the
     * last commit it acknowledged.
     */
    private static long killWhenAcknowledged(Path db, long commits, Condition ready, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                CrashWriter.class.getName(),
                db.toString(),
                Durability.PROCESS.name()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long lastAcknowledged = -1;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            // a cap, so that a condition that never comes fails the test instead of filling the disk
            long cap = commits + 5_000;
            while ((lastAcknowledged < commits || (lastAcknowledged < cap && !ready.holds()))
                    && (line = out.readLine()) != null) {
                lastAcknowledged = Long.parseLong(line.strip());
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close, no flush
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(lastAcknowledged).as("child acknowledged commits").isGreaterThanOrEqualTo(commits);
        assertThat(ready.holds()).as("the condition to kill the child").isTrue();
        return lastAcknowledged;
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
        assertThat(latestOptions(db)).contains("compression=kLZ4Compression");
    }

    /**
     * Log files are reused with a log; without one (NONE) they are not, since a reused file must
     * hold records with consecutive sequence numbers and writes without a log skip numbers.
     */
    @ParameterizedTest
    @EnumSource(Durability.class)
    void logFilesAreReusedWhenThereIsALog(Durability durability) throws Exception {
        Path db = dir.resolve("options-" + durability);
        RocksDbStore.open(db, durability).close();
        assertThat(latestOptions(db)).contains("recycle_log_file_num=" + (durability == Durability.NONE ? 0 : 2));
    }

    /**
     * The stream family's memtable is twice the default family's and its universal compaction
     * waits for 8 sorted runs; the default family keeps RocksDB's leveled compaction.
     */
    @Test
    void theStreamFamilyHasALargerMemtableAndALaterCompaction() throws Exception {
        Path db = dir.resolve("family-options");
        RocksDbStore.open(db).close();
        String options = latestOptions(db);
        String stream = section(options, "[CFOptions \"stream\"]");
        assertThat(stream)
                .contains("write_buffer_size=" + (64L << 20))
                .contains("level0_file_num_compaction_trigger=8")
                .contains("compaction_style=kCompactionStyleUniversal");
        String defaults = section(options, "[CFOptions \"default\"]");
        assertThat(defaults)
                .contains("write_buffer_size=" + (32L << 20))
                .contains("level0_file_num_compaction_trigger=4")
                .contains("compaction_style=kCompactionStyleLevel");
    }

    /** The lines of an OPTIONS file's section, up to the next section. */
    private static String section(String options, String header) {
        int start = options.indexOf(header);
        assertThat(start).as("section %s", header).isNotNegative();
        int end = options.indexOf("\n[", start + header.length());
        return options.substring(start, end < 0 ? options.length() : end);
    }

    private static String latestOptions(Path db) throws Exception {
        List<Path> optionFiles;
        try (Stream<Path> files = Files.list(db)) {
            optionFiles = files.filter(p -> p.getFileName().toString().startsWith("OPTIONS-"))
                    .sorted()
                    .toList();
        }
        assertThat(optionFiles).isNotEmpty();
        return Files.readString(optionFiles.getLast());
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
