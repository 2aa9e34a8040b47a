package dev.eddy.function;

import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.Keyspace;
import dev.eddy.store.ReadView;
import dev.eddy.store.Transaction;
import dev.eddy.store.Tuple;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Durable layout of published versions and aliases in the {@link Keyspace#FUNCTION} keyspace,
 * beside the functions ({@link FunctionRecords}): {@code ("version", name, number)} holds a
 * version's frozen configuration (in {@link FunctionRecords}' format), {@code ("version-code",
 * name, number)} its package, {@code ("version-last", name)} the highest number ever published
 * (numbers are never reused), {@code ("alias", name, alias)} an {@link FunctionAlias}. Numbers are
 * zero-padded to ten digits in keys so that versions sort numerically.
 *
 * <p>Frozen once data has been written: the counter and alias values start with a version byte;
 * add fields only by bumping it and keeping the reader for older versions.
 */
final class VersionRecords {
    private static final byte COUNTER_V1 = 1;
    private static final byte ALIAS_V1 = 1;
    private static final String VERSION = "version";
    private static final String VERSION_CODE = "version-code";
    private static final String LAST = "version-last";
    private static final String ALIAS = "alias";

    private VersionRecords() {}

    private static String number(int n) {
        return String.format("%010d", n);
    }

    static byte[] versionKey(String name, int n) {
        return Keyspace.FUNCTION.key(Tuple.of(VERSION, name, number(n)));
    }

    static byte[] codeKey(String name, int n) {
        return Keyspace.FUNCTION.key(Tuple.of(VERSION_CODE, name, number(n)));
    }

    static byte[] aliasKey(String name, String alias) {
        return Keyspace.FUNCTION.key(Tuple.of(ALIAS, name, alias));
    }

    // ---------------------------------------------------------------- versions

    static FunctionConfig readVersion(ReadView view, String name, int n) {
        byte[] v = view.get(versionKey(name, n));
        return v == null ? null : FunctionRecords.decode(v);
    }

    static void writeVersion(Transaction tx, String name, int n, FunctionConfig c, byte[] zip) {
        tx.put(versionKey(name, n), FunctionRecords.encode(c));
        tx.put(codeKey(name, n), zip);
    }

    static byte[] readCode(ReadView view, String name, int n) {
        return view.get(codeKey(name, n));
    }

    static void deleteVersion(Transaction tx, String name, int n) {
        tx.clear(versionKey(name, n));
        tx.clear(codeKey(name, n));
    }

    /** A published version: its number and frozen configuration. */
    record Published(int number, FunctionConfig config) {}

    /**
     * Up to {@code limit} versions of {@code name} after number {@code after} (0: from the first),
     * ascending; or, with {@code newestFirst}, the newest ones first (then {@code after} is ignored).
     */
    static List<Published> scanVersions(ReadView view, String name, int after, int limit, boolean newestFirst) {
        KeyRange all = Keyspace.FUNCTION.range(Tuple.of(VERSION, name));
        byte[] begin = newestFirst || after <= 0 ? all.begin() : successor(versionKey(name, after));
        List<Published> out = new ArrayList<>();
        for (KeyValue kv : view.scan(new KeyRange(begin, all.end()), limit, newestFirst)) {
            Tuple t = Tuple.unpack(Arrays.copyOfRange(kv.key(), 1, kv.key().length));
            out.add(new Published(Integer.parseInt(t.getString(2)), FunctionRecords.decode(kv.value())));
        }
        return out;
    }

    /** The highest number ever published for {@code name}, 0 when none. */
    static int readLast(ReadView view, String name) {
        byte[] v = view.get(Keyspace.FUNCTION.key(Tuple.of(LAST, name)));
        return v == null ? 0 : decodeCounter(v);
    }

    static void writeLast(Transaction tx, String name, int n) {
        tx.put(Keyspace.FUNCTION.key(Tuple.of(LAST, name)), encodeCounter(n));
    }

    static byte[] encodeCounter(int n) {
        return write(out -> {
            out.writeByte(COUNTER_V1);
            out.writeInt(n);
        });
    }

    static int decodeCounter(byte[] v) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(v));
            byte format = in.readByte();
            if (format != COUNTER_V1) {
                throw new IllegalStateException("unknown version counter format " + format);
            }
            return in.readInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- aliases

    static FunctionAlias readAlias(ReadView view, String name, String alias) {
        byte[] v = view.get(aliasKey(name, alias));
        return v == null ? null : decodeAlias(v);
    }

    static void writeAlias(Transaction tx, FunctionAlias a) {
        tx.put(aliasKey(a.functionName(), a.name()), encodeAlias(a));
    }

    static void deleteAlias(Transaction tx, String name, String alias) {
        tx.clear(aliasKey(name, alias));
    }

    /** Up to {@code limit} aliases of {@code name} in name order, after {@code afterAlias} (null: first). */
    static List<FunctionAlias> scanAliases(ReadView view, String name, String afterAlias, int limit) {
        KeyRange all = Keyspace.FUNCTION.range(Tuple.of(ALIAS, name));
        byte[] begin = afterAlias == null ? all.begin() : successor(aliasKey(name, afterAlias));
        List<FunctionAlias> out = new ArrayList<>();
        for (KeyValue kv : view.scan(new KeyRange(begin, all.end()), limit, false)) {
            out.add(decodeAlias(kv.value()));
        }
        return out;
    }

    static byte[] encodeAlias(FunctionAlias a) {
        return write(out -> {
            out.writeByte(ALIAS_V1);
            out.writeUTF(a.functionName());
            out.writeUTF(a.name());
            out.writeUTF(a.functionVersion());
            out.writeUTF(a.description());
            out.writeUTF(a.revisionId());
            out.writeInt(a.additionalVersionWeights().size());
            for (Map.Entry<String, Double> e : new java.util.TreeMap<>(a.additionalVersionWeights()).entrySet()) {
                out.writeUTF(e.getKey());
                out.writeDouble(e.getValue());
            }
        });
    }

    static FunctionAlias decodeAlias(byte[] v) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(v));
            byte format = in.readByte();
            if (format != ALIAS_V1) {
                throw new IllegalStateException("unknown alias record format " + format);
            }
            String fn = in.readUTF();
            String name = in.readUTF();
            String version = in.readUTF();
            String description = in.readUTF();
            String revision = in.readUTF();
            int n = in.readInt();
            Map<String, Double> weights = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                weights.put(in.readUTF(), in.readDouble());
            }
            return new FunctionAlias(fn, name, version, description, revision, weights);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes every version, alias and the version counter of function {@code name}. */
    static void deleteAll(Transaction tx, String name) {
        for (String kind : List.of(VERSION, VERSION_CODE, ALIAS)) {
            KeyRange range = Keyspace.FUNCTION.range(Tuple.of(kind, name));
            tx.clearRange(range.begin(), range.end());
        }
        tx.clear(Keyspace.FUNCTION.key(Tuple.of(LAST, name)));
    }

    private static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer w) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            DataOutputStream out = new DataOutputStream(bytes);
            w.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
