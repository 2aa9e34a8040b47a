package dev.eddy.store.rocksdb;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child process for the crash test: commits keys 0, 1, 2, ... one transaction each and prints
 * each number after its commit returned, until it is killed.
 */
public final class CrashWriter {

    private CrashWriter() {}

    public static void main(String[] args) {
        RocksDbStore store = RocksDbStore.open(Path.of(args[0]), Durability.valueOf(args[1]));
        for (long i = 0; ; i++) {
            byte[] key = RocksDbStoreDurabilityTest.key(i);
            store.run(tx -> {
                tx.put(key, "acknowledged".getBytes(StandardCharsets.UTF_8));
                return null;
            });
            System.out.println(i);
            System.out.flush();
        }
    }
}
