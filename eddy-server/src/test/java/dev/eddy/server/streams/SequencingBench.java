package dev.eddy.server.streams;

import dev.eddy.arn.Account;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.ItemCodec;
import dev.eddy.store.Keyspace;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import dev.eddy.store.Tuple;
import dev.eddy.store.rocksdb.Durability;
import dev.eddy.store.rocksdb.RocksDbStore;
import dev.eddy.stream.ChangeLog;
import dev.eddy.stream.StreamConfig;
import dev.eddy.table.BillingMode;
import dev.eddy.table.CreateTable;
import dev.eddy.table.ItemWrite;
import dev.eddy.table.PutItem;
import dev.eddy.table.ReturnValues;
import dev.eddy.table.StreamViewType;
import dev.eddy.table.TableEngine;
import dev.eddy.table.TableMeta;
import dev.eddy.table.WriteMaintainer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compares ways of numbering stream records, in process on RocksDB (no HTTP): no stream, Eddy's
 * sequence numbers handed out at commit, and a per-shard counter key read and written by every
 * write (which makes concurrent writes to one shard conflict). Not a test: run its main method.
 *   SequencingBench [threads] [seconds]
 */
public final class SequencingBench {
    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        for (String mode : List.of("none", "sequencer", "counter", "none", "sequencer", "counter")) {
            run(mode, threads, seconds);
        }
    }

    static void run(String mode, int threads, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("seqbench");
        InstantSource clock = InstantSource.system();
        try (Store raw = RocksDbStore.open(dir, Durability.PROCESS)) {
            AtomicLong attempts = new AtomicLong();
            ChangeLog log = null;
            List<WriteMaintainer> maintainers = List.of();
            if (mode.equals("sequencer")) {
                log = new ChangeLog(raw, clock, Account.DEFAULT, StreamConfig.defaults());
                maintainers = List.of(log.maintainer());
            } else if (mode.equals("counter")) {
                maintainers = List.of(new CounterMaintainer(attempts));
            }
            TableEngine engine = new TableEngine(raw, clock, Account.DEFAULT, maintainers);
            engine.createTable(new CreateTable(
                    "bench",
                    List.of(new CreateTable.KeyElement("id", "HASH")),
                    Map.of("id", AttributeValue.Type.S),
                    BillingMode.PAY_PER_REQUEST,
                    null,
                    null,
                    List.of(),
                    List.of(),
                    mode.equals("none") ? null : true,
                    mode.equals("none") ? null : StreamViewType.NEW_AND_OLD_IMAGES,
                    Map.of(),
                    false,
                    null));
            AttributeValue payload = new AttributeValue.S("x".repeat(1000));
            AtomicLong writes = new AtomicLong();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                ts.add(Thread.ofPlatform().start(() -> {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    while (System.nanoTime() < end) {
                        Map<String, AttributeValue> item = Map.of(
                                "id",
                                new AttributeValue.S("k" + r.nextInt(100000)),
                                "payload",
                                payload,
                                "n",
                                new AttributeValue.N(new java.math.BigDecimal(r.nextInt())));
                        engine.putItem(new PutItem("bench", item, null, ReturnValues.NONE, false, null));
                        writes.incrementAndGet();
                    }
                }));
            }
            for (Thread t : ts) {
                t.join();
            }
            String retries = mode.equals("counter")
                    ? String.format(
                            ", conflict retries %.2f per write",
                            (attempts.get() - writes.get()) / (double) writes.get())
                    : "";
            System.out.printf(
                    "%-10s %d threads: %.0f writes/s%s%n", mode, threads, writes.get() / (double) seconds, retries);
            if (log != null) {
                log.close();
            }
        }
    }

    /** Numbers records with a per-shard counter key inside the write's transaction. */
    static final class CounterMaintainer implements WriteMaintainer {
        private final AtomicLong attempts;

        CounterMaintainer(AtomicLong attempts) {
            this.attempts = attempts;
        }

        @Override
        public void onWrite(Transaction tx, TableMeta table, ItemWrite write) {
            if (!table.streamEnabled()) {
                return;
            }
            attempts.incrementAndGet();
            AttributeValue pk = (write.newItem() != null ? write.newItem() : write.oldItem()).get("id");
            long shard = Math.floorMod(pk.hashCode(), 4);
            byte[] counterKey = Keyspace.STREAM.key(Tuple.of("bench-counter", table.id(), shard));
            byte[] cur = tx.get(counterKey);
            long seq = cur == null ? 1 : ByteBuffer.wrap(cur).getLong() + 1;
            tx.put(counterKey, ByteBuffer.allocate(8).putLong(seq).array());
            // the same bytes as a NEW_AND_OLD_IMAGES record: both images
            byte[] newImage = write.newItem() == null ? new byte[0] : ItemCodec.encode(write.newItem());
            byte[] oldImage = write.oldItem() == null ? new byte[0] : ItemCodec.encode(write.oldItem());
            byte[] record = ByteBuffer.allocate(newImage.length + oldImage.length)
                    .put(newImage)
                    .put(oldImage)
                    .array();
            tx.put(Keyspace.STREAM.key(Tuple.of("bench-rec", table.id(), shard, seq)), record);
        }
    }
}
