package dev.eddy.store.rocksdb;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child process for the crash tests: commits keys 0, 1, 2, ... one transaction each and prints
 * each number after its commit returned, until it is killed. Arguments: the directory, the
 * durability and optionally the size of each value in bytes (by default a short word).
 */
public final class CrashWriter {

    private CrashWriter() {}

    public static void main(String[] args) {
        RocksDbStore store = RocksDbStore.open(Path.of(args[0]), Durability.valueOf(args[1]));
        byte[] value = args.length > 2
                ? RocksDbStoreDurabilityTest.value(Integer.parseInt(args[2]))
                : "acknowledged".getBytes(StandardCharsets.UTF_8);
        for (long i = 0; ; i++) {
            byte[] key = RocksDbStoreDurabilityTest.key(i);
            store.run(tx -> {
                tx.put(key, value);
                return null;
            });
            System.out.println(i);
            System.out.flush();
        }
    }
}
