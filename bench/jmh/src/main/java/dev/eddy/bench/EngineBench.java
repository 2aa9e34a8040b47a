package dev.eddy.bench;

import dev.eddy.arn.Account;
import dev.eddy.item.AttributeValue;
import dev.eddy.store.Store;
import dev.eddy.store.rocksdb.Durability;
import dev.eddy.store.rocksdb.RocksDbStore;
import dev.eddy.stream.ChangeLog;
import dev.eddy.stream.StreamConfig;
import dev.eddy.table.BillingMode;
import dev.eddy.table.CreateTable;
import dev.eddy.table.GetItem;
import dev.eddy.table.PutItem;
import dev.eddy.table.ReadResult;
import dev.eddy.table.ReturnValues;
import dev.eddy.table.StreamViewType;
import dev.eddy.table.TableEngine;
import dev.eddy.table.WriteResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The table engine alone, in process, on RocksDB (durability PROCESS, as {@code ./eddy serve}):
 * PutItem of 1 KB items into a table without a stream and into tables with a NEW_AND_OLD_IMAGES,
 * a NEW_IMAGE and a KEYS_ONLY stream (the change log's sequencing and records included), and
 * GetItem of items that exist, on random keys out of {@link #keys}, as {@code ./eddy bench
 * dynamodb} sends them over HTTP. Set beside the HTTP benchmark, it tells the engine's share of a
 * request from the HTTP layer's. The table a trial writes or reads holds every key before it
 * starts, so every measured write replaces an item (a MODIFY in a streamed table) and the tables
 * compare alike. Run with {@code ./eddy bench engine} (JMH options follow, e.g. {@code -t 2 -f 1}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Threads(4)
public class EngineBench {
    private static final AttributeValue PAYLOAD = new AttributeValue.S("x".repeat(1000));

    /** How many distinct keys the writes and reads pick from (the HTTP benchmark's 100,000). */
    @Param("100000")
    public int keys;

    private final LongAdder operations = new LongAdder();
    private long cpuAtStart;
    private Path dir;
    private Store store;
    private ChangeLog changes;
    private TableEngine engine;

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) throws IOException {
        dir = Files.createTempDirectory("eddy-engine-bench");
        store = RocksDbStore.open(dir, Durability.PROCESS);
        InstantSource clock = InstantSource.system();
        changes = new ChangeLog(store, clock, Account.DEFAULT, StreamConfig.defaults());
        engine = new TableEngine(store, clock, Account.DEFAULT, List.of(changes.maintainer()));
        engine.createTable(table("plain", null));
        engine.createTable(table("streamed", StreamViewType.NEW_AND_OLD_IMAGES));
        engine.createTable(table("newimage", StreamViewType.NEW_IMAGE));
        engine.createTable(table("keysonly", StreamViewType.KEYS_ONLY));
        // every key of the trial's table exists (for GetItem, as after the HTTP benchmark's
        // preload; for the writes, so that each one replaces an item, in every table alike)
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        String preload = switch (method) {
            case "putItemStreamed" -> "streamed";
            case "putItemNewImage" -> "newimage";
            case "putItemKeysOnly" -> "keysonly";
            default -> "plain";
        };
        for (int k = 1; k <= keys; k++) {
            engine.putItem(put(preload, k));
        }
    }

    @Setup(Level.Iteration)
    public void startCounting() {
        operations.reset();
        cpuAtStart = processCpuNanos();
    }

    /**
     * Prints the process's CPU time (every thread's: the engine's callers and RocksDB's flushes and
     * compactions) per operation of the iteration: a figure that a machine shared with other work
     * stretches less than the throughput.
     */
    @TearDown(Level.Iteration)
    public void reportCpu() {
        long ops = operations.sum();
        if (ops > 0) {
            System.out.printf(
                    "  process CPU per operation: %.1f us (%d operations)%n",
                    (processCpuNanos() - cpuAtStart) / 1000.0 / ops, ops);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        changes.close();
        store.close();
        deleteTree(dir);
    }

    /** PutItem of a 1 KB item into a table without a stream. */
    @Benchmark
    public WriteResult putItem() {
        operations.increment();
        return engine.putItem(put("plain", randomKey()));
    }

    /** PutItem of a 1 KB item into a table with a NEW_AND_OLD_IMAGES stream. */
    @Benchmark
    public WriteResult putItemStreamed() {
        operations.increment();
        return engine.putItem(put("streamed", randomKey()));
    }

    /** PutItem of a 1 KB item into a table with a NEW_IMAGE stream. */
    @Benchmark
    public WriteResult putItemNewImage() {
        operations.increment();
        return engine.putItem(put("newimage", randomKey()));
    }

    /** PutItem of a 1 KB item into a table with a KEYS_ONLY stream. */
    @Benchmark
    public WriteResult putItemKeysOnly() {
        operations.increment();
        return engine.putItem(put("keysonly", randomKey()));
    }

    /** GetItem (eventually consistent) of an item that exists. */
    @Benchmark
    public ReadResult getItem() {
        operations.increment();
        Map<String, AttributeValue> key = Map.of("id", new AttributeValue.S("k" + randomKey()));
        return engine.getItem(new GetItem("plain", key, null, false, null));
    }

    private int randomKey() {
        return 1 + ThreadLocalRandom.current().nextInt(keys);
    }

    private static PutItem put(String table, int key) {
        Map<String, AttributeValue> item = Map.of(
                "id",
                new AttributeValue.S("k" + key),
                "payload",
                PAYLOAD,
                "n",
                new AttributeValue.N(
                        BigDecimal.valueOf(ThreadLocalRandom.current().nextInt(1, 1_000_000))));
        return new PutItem(table, item, null, ReturnValues.NONE, false, null);
    }

    private static CreateTable table(String name, StreamViewType view) {
        return new CreateTable(
                name,
                List.of(new CreateTable.KeyElement("id", "HASH")),
                Map.of("id", AttributeValue.Type.S),
                BillingMode.PAY_PER_REQUEST,
                null,
                null,
                List.of(),
                List.of(),
                view == null ? null : true,
                view,
                Map.of(),
                false,
                null);
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
