package dev.eddy.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A multi-version in-memory {@link Store} for tests and throwaway servers.
 *
 * <p>Each key holds a short chain of committed versions. Readers (snapshots and transactions)
 * read at the version that was current when they began, without locks; commits are serialised
 * by one lock that validates the transaction's read and write set, applies its writes under a new
 * version and prunes versions no open reader can see any more.
 */
public final class MemoryStore implements Store {

    static final Comparator<byte[]> ORDER = Arrays::compareUnsigned;

    /** Newest first; a null value is a deletion. */
    private record Version(long version, byte[] value, Version older) {}

    private record Deletion(byte[] key, long version) {}

    private static final RetryPolicy RETRY =
            new RetryPolicy(64, Duration.ofSeconds(1), 2, Duration.ofNanos(20_000), Duration.ofMillis(1));

    private final ConcurrentSkipListMap<byte[], Version> data = new ConcurrentSkipListMap<>(ORDER);
    private final Object commitLock = new Object();
    private final TreeMap<Long, Integer> openReaders = new TreeMap<>();
    // deletions kept for older readers, in commit order: dropped once no reader can see past them,
    // so that deleted keys do not pile up in scans (a queue's index deletes at its head all the time)
    private final java.util.ArrayDeque<Deletion> deletions = new java.util.ArrayDeque<>();
    private volatile long committedVersion;
    private volatile boolean closed;

    @Override
    public Transaction begin() {
        return new MemoryTransaction(register());
    }

    @Override
    public ReadView snapshot() {
        return new MemorySnapshot(register());
    }

    /**
     * Commits take microseconds under one lock, so a conflict clears up fast: two immediate
     * retries, then short pauses.
     */
    @Override
    public RetryPolicy retryPolicy() {
        return RETRY;
    }

    @Override
    public void close() {
        closed = true;
    }

    private long register() {
        if (closed) {
            throw new StoreException("store is closed", null);
        }
        synchronized (commitLock) {
            long v = committedVersion;
            openReaders.merge(v, 1, Integer::sum);
            return v;
        }
    }

    private void unregister(long version) {
        synchronized (commitLock) {
            openReaders.computeIfPresent(version, (k, n) -> n == 1 ? null : n - 1);
        }
    }

    private static byte[] valueAt(Version chain, long readVersion) {
        for (Version v = chain; v != null; v = v.older) {
            if (v.version <= readVersion) {
                return v.value;
            }
        }
        return null;
    }

    /** The entries of {@code map} in {@code range}; empty for an empty or inverted range. */
    static <V> NavigableMap<byte[], V> within(NavigableMap<byte[], V> map, KeyRange range) {
        if (range.isEmpty()) {
            return java.util.Collections.emptyNavigableMap();
        }
        return range.end() == null
                ? map.tailMap(range.begin(), true)
                : map.subMap(range.begin(), true, range.end(), false);
    }

    /** Iterator over the committed entries of a range as of a version, skipping deletions. */
    private Iterator<KeyValue> committed(KeyRange range, boolean reverse, long readVersion) {
        NavigableMap<byte[], Version> sub = within(data, range);
        Iterator<Map.Entry<byte[], Version>> it =
                (reverse ? sub.descendingMap() : sub).entrySet().iterator();
        return new Iterator<>() {
            KeyValue next = advance();

            private KeyValue advance() {
                while (it.hasNext()) {
                    Map.Entry<byte[], Version> e = it.next();
                    byte[] v = valueAt(e.getValue(), readVersion);
                    if (v != null) {
                        return new KeyValue(e.getKey(), v);
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public KeyValue next() {
                KeyValue r = next;
                next = advance();
                return r;
            }
        };
    }

    private final class MemorySnapshot implements ReadView {
        private final long readVersion;
        private final AtomicBoolean open = new AtomicBoolean(true);

        MemorySnapshot(long readVersion) {
            this.readVersion = readVersion;
        }

        private void checkOpen() {
            if (closed) {
                throw new StoreException("store is closed", null);
            }
            if (!open.get()) {
                throw new IllegalStateException("snapshot is closed");
            }
        }

        @Override
        public byte[] get(byte[] key) {
            checkOpen();
            Version chain = data.get(key);
            byte[] v = chain == null ? null : valueAt(chain, readVersion);
            return v == null ? null : v.clone();
        }

        @Override
        public List<KeyValue> scan(KeyRange range, int limit, boolean reverse) {
            checkOpen();
            List<KeyValue> out = new ArrayList<>();
            Iterator<KeyValue> it = committed(range, reverse, readVersion);
            while (it.hasNext() && (limit <= 0 || out.size() < limit)) {
                KeyValue kv = it.next();
                out.add(new KeyValue(kv.key().clone(), kv.value().clone()));
            }
            return out;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                unregister(readVersion);
            }
        }
    }

    private final class MemoryTransaction extends AbstractTransaction {
        private static final byte[] TOMBSTONE = new byte[0];

        private final long readVersion;
        private final TreeMap<byte[], byte[]> writes = new TreeMap<>(ORDER);
        private final List<KeyRange> clearedRanges = new ArrayList<>();
        private final Set<Key> readKeys = new HashSet<>();
        private boolean open = true;

        MemoryTransaction(long readVersion) {
            this.readVersion = readVersion;
        }

        private void checkOpen() {
            if (closed) {
                throw new StoreException("store is closed", null);
            }
            if (!open) {
                throw new IllegalStateException("transaction is closed");
            }
        }

        private boolean cleared(byte[] key) {
            for (KeyRange r : clearedRanges) {
                if (r.contains(key)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public byte[] get(byte[] key) {
            checkOpen();
            byte[] own = writes.get(key);
            if (own != null) {
                return own == TOMBSTONE ? null : own.clone();
            }
            // recorded even when cleared by clearRange: a key invisible to the clear and inserted
            // concurrently must conflict, as it does on backends that track every read
            readKeys.add(new Key(key.clone()));
            if (cleared(key)) {
                return null;
            }
            Version chain = data.get(key);
            byte[] v = chain == null ? null : valueAt(chain, readVersion);
            return v == null ? null : v.clone();
        }

        @Override
        public List<KeyValue> scan(KeyRange range, int limit, boolean reverse) {
            checkOpen();
            NavigableMap<byte[], byte[]> ownSub = within(writes, range);
            Iterator<Map.Entry<byte[], byte[]>> own =
                    (reverse ? ownSub.descendingMap() : ownSub).entrySet().iterator();
            Iterator<KeyValue> base = committed(range, reverse, readVersion);
            Comparator<byte[]> order = reverse ? ORDER.reversed() : ORDER;
            List<KeyValue> out = new ArrayList<>();
            Map.Entry<byte[], byte[]> o = own.hasNext() ? own.next() : null;
            KeyValue b = nextBase(base);
            while ((o != null || b != null) && (limit <= 0 || out.size() < limit)) {
                int c = o == null ? 1 : b == null ? -1 : order.compare(o.getKey(), b.key());
                if (c <= 0) {
                    if (o.getValue() != TOMBSTONE) {
                        out.add(new KeyValue(o.getKey().clone(), o.getValue().clone()));
                    }
                    if (c == 0) {
                        b = nextBase(base);
                    }
                    o = own.hasNext() ? own.next() : null;
                } else {
                    out.add(new KeyValue(b.key().clone(), b.value().clone()));
                    b = nextBase(base);
                }
            }
            return out;
        }

        private KeyValue nextBase(Iterator<KeyValue> base) {
            while (base.hasNext()) {
                KeyValue kv = base.next();
                if (!cleared(kv.key())) {
                    return kv;
                }
            }
            return null;
        }

        @Override
        public void put(byte[] key, byte[] value) {
            checkOpen();
            writes.put(key.clone(), value.clone());
        }

        @Override
        public void clear(byte[] key) {
            checkOpen();
            writes.put(key.clone(), TOMBSTONE);
        }

        @Override
        public void clearRange(byte[] begin, byte[] end) {
            checkOpen();
            KeyRange range = new KeyRange(begin.clone(), end == null ? null : end.clone());
            if (!range.isEmpty()) {
                within(writes, range).clear();
                clearedRanges.add(range);
            }
        }

        @Override
        protected void commitWrites() {
            try {
                validateAndApply();
            } finally {
                rollback();
            }
        }

        private void validateAndApply() {
            synchronized (commitLock) {
                if (closed) {
                    throw new StoreException("store is closed", null);
                }
                for (Key k : readKeys) {
                    checkUnchanged(k.bytes());
                }
                for (byte[] k : writes.keySet()) {
                    checkUnchanged(k);
                }
                List<byte[]> rangeCleared = rangeClearedKeys();
                long version = committedVersion + 1;
                for (byte[] k : rangeCleared) {
                    apply(k, null, version);
                }
                for (Map.Entry<byte[], byte[]> e : writes.entrySet()) {
                    apply(e.getKey(), e.getValue() == TOMBSTONE ? null : e.getValue(), version);
                }
                committedVersion = version;
                dropDeletions();
            }
        }

        /** Removes the deletions no open reader can see past. Called under the commit lock. */
        private void dropDeletions() {
            long oldestReader = openReaders.isEmpty() ? committedVersion : openReaders.firstKey();
            while (!deletions.isEmpty() && deletions.peekFirst().version() <= oldestReader) {
                Deletion d = deletions.pollFirst();
                Version chain = data.get(d.key());
                if (chain != null && chain.value() == null && chain.version() == d.version()) {
                    data.remove(d.key());
                }
            }
        }

        /**
         * The committed keys the clearRange calls remove: those this transaction saw in a cleared
         * range and did not write again afterwards. Each counts as a write, so a concurrent change
         * to one of them conflicts; keys that became visible only after this transaction began are
         * left alone. Called under the commit lock.
         */
        private List<byte[]> rangeClearedKeys() {
            TreeMap<byte[], Boolean> keys = new TreeMap<>(ORDER);
            for (KeyRange r : clearedRanges) {
                for (Map.Entry<byte[], Version> e : within(data, r).entrySet()) {
                    if (writes.containsKey(e.getKey()) || valueAt(e.getValue(), readVersion) == null) {
                        continue;
                    }
                    if (e.getValue().version > readVersion) {
                        throw new ConflictException("key changed by a concurrent commit");
                    }
                    keys.put(e.getKey(), Boolean.TRUE);
                }
            }
            return new ArrayList<>(keys.keySet());
        }

        private void checkUnchanged(byte[] key) {
            Version chain = data.get(key);
            if (chain != null && chain.version > readVersion) {
                throw new ConflictException("key changed by a concurrent commit");
            }
        }

        /** Called under the commit lock. */
        private void apply(byte[] key, byte[] value, long version) {
            Version chain = data.get(key);
            if (chain == null && value == null) {
                return;
            }
            long oldestReader = openReaders.isEmpty() ? version : Math.min(version, openReaders.firstKey());
            Version pruned = prune(chain, oldestReader);
            if (value == null && pruned == null) {
                data.remove(key);
                return;
            }
            data.put(key, new Version(version, value, pruned));
            if (value == null) {
                deletions.addLast(new Deletion(key, version));
            }
        }

        /** Releases the read version; after a commit there is nothing else to discard. */
        @Override
        protected void rollback() {
            if (open) {
                open = false;
                unregister(readVersion);
            }
        }
    }

    /** Keeps the versions newer than {@code oldestReader} and the newest one at or below it. */
    private static Version prune(Version chain, long oldestReader) {
        if (chain == null) {
            return null;
        }
        if (chain.version <= oldestReader) {
            return chain.value == null ? null : new Version(chain.version, chain.value, null);
        }
        return new Version(chain.version, chain.value, prune(chain.older, oldestReader));
    }

    /** A byte-array key with value equality, for hash sets. */
    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
