package dev.eddy.bench;

import dev.eddy.store.ReadMode;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.rocksdb.Durability;
import dev.eddy.store.rocksdb.RocksDbStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The store's part of a GetItem and of a single-item write, alone, on RocksDB (durability
 * PROCESS): the calling thread's CPU time per operation, which other processes on a shared
 * machine disturb least. Each round runs every way in turn on the same store, so that the ways
 * are compared minute by minute: a description and an item read through a snapshot or as two
 * point reads, and a transaction of two gets, one put and the commit in each {@link ReadMode}.
 *
 * <p>Run after {@code ./eddy bench engine} built the module:
 * {@code java -cp 'bench/jmh/target/classes:bench/jmh/target/lib/*' dev.eddy.bench.StoreCpu [operations per round]}.
 * Leaves its store in a temporary directory.
 */
public final class StoreCpu {
    private static final int KEYS = 20_000;
    private static final int ROUNDS = 4;

    private StoreCpu() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Store store = RocksDbStore.open(Files.createTempDirectory("eddy-store-cpu"), Durability.PROCESS)) {
            byte[] description = bytes("table description");
            byte[] value = new byte[1000];
            store.run(tx -> {
                tx.put(description, new byte[300]);
                return null;
            });
            for (int k = 0; k < KEYS; k += 100) {
                int first = k;
                store.run(tx -> {
                    for (int i = first; i < first + 100; i++) {
                        tx.put(bytes("item" + i), value);
                    }
                    return null;
                });
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (String way :
                        new String[] {"get, snapshot", "get, point reads", "write, SNAPSHOT", "write, LATEST"}) {
                    long start = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < n; i++) {
                        once(store, way, description, value);
                    }
                    double perOp = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / n;
                    System.out.printf("round %d  %-17s %7.2f us CPU/op%n", round, way, perOp);
                }
            }
        }
    }

    private static void once(Store store, String way, byte[] description, byte[] value) {
        byte[] key = bytes("item" + ThreadLocalRandom.current().nextInt(KEYS));
        switch (way) {
            case "get, snapshot" -> {
                try (ReadView view = store.snapshot()) {
                    view.get(description);
                    view.get(key);
                }
            }
            case "get, point reads" -> {
                store.get(key);
                store.get(description);
            }
            default -> {
                ReadMode mode = way.endsWith("LATEST") ? ReadMode.LATEST : ReadMode.SNAPSHOT;
                store.run(mode, tx -> {
                    tx.get(description);
                    tx.get(key);
                    tx.put(key, value);
                    return null;
                });
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
