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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Durable layout of functions in the {@link dev.eddy.store.Store}, in the {@link Keyspace#FUNCTION}
 * keyspace: {@code ("config", name)} holds the configuration, {@code ("code", name)} the deployment
 * package. Keys are tuples, so configurations sort by name.
 *
 * <p>Frozen once data has been written: the value format starts with a version byte; add fields
 * only by bumping it and keeping the reader for older versions. Version 2 appends the dead-letter
 * queue to version 1; version 1 records read as functions without one. Version 3 appends the
 * layers; older records read as functions without layers.
 *
 * <p>The keyspace also holds the records of asynchronous invocation ({@link AsyncRecords}); a
 * function's event invoke configurations go with it when it is deleted.
 */
final class FunctionRecords {
    private static final byte FORMAT_V1 = 1;
    private static final byte FORMAT_V2 = 2;
    private static final byte FORMAT_V3 = 3;
    private static final String CONFIG = "config";
    private static final String CODE = "code";

    private FunctionRecords() {}

    static byte[] configKey(String name) {
        return tuple(CONFIG, name);
    }

    static byte[] codeKey(String name) {
        return tuple(CODE, name);
    }

    static FunctionConfig readConfig(ReadView view, String name) {
        byte[] v = view.get(configKey(name));
        return v == null ? null : decode(v);
    }

    static List<FunctionConfig> scanConfigs(ReadView view, String afterName, int limit) {
        byte[] prefix = tuple(CONFIG);
        byte[] begin = afterName == null ? prefix : successor(configKey(afterName));
        List<FunctionConfig> out = new ArrayList<>();
        for (KeyValue kv : view.scan(new KeyRange(begin, KeyRange.strinc(prefix)), limit, false)) {
            out.add(decode(kv.value()));
        }
        return out;
    }

    static void writeConfig(Transaction tx, FunctionConfig c) {
        tx.put(configKey(c.name()), encode(c));
    }

    static void writeCode(Transaction tx, String name, byte[] zip) {
        tx.put(codeKey(name), zip);
    }

    static byte[] readCode(ReadView view, String name) {
        return view.get(codeKey(name));
    }

    static void delete(Transaction tx, String name) {
        tx.clear(configKey(name));
        tx.clear(codeKey(name));
        AsyncRecords.deleteConfigs(tx, name);
        VersionRecords.deleteAll(tx, name);
    }

    private static byte[] successor(byte[] key) {
        byte[] r = java.util.Arrays.copyOf(key, key.length + 1);
        return r;
    }

    static byte[] tuple(String... parts) {
        byte[] packed = Tuple.of((Object[]) parts).pack();
        byte[] key = new byte[packed.length + 1];
        key[0] = Keyspace.FUNCTION.prefix();
        System.arraycopy(packed, 0, key, 1, packed.length);
        return key;
    }

    static byte[] encode(FunctionConfig c) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT_V3);
            out.writeUTF(c.name());
            writeNullable(out, c.runtime());
            out.writeUTF(c.role());
            writeNullable(out, c.handler());
            out.writeUTF(c.description());
            out.writeInt(c.timeout());
            out.writeInt(c.memorySize());
            writeMap(out, c.environment());
            out.writeUTF(c.codeSha256());
            out.writeLong(c.codeSize());
            out.writeUTF(c.lastModified());
            out.writeUTF(c.revisionId());
            out.writeUTF(c.state().name());
            writeNullable(out, c.stateReason());
            writeNullable(out, c.stateReasonCode());
            out.writeUTF(
                    c.lastUpdateStatus() == null ? "" : c.lastUpdateStatus().name());
            writeNullable(out, c.lastUpdateStatusReason());
            writeNullable(out, c.lastUpdateStatusReasonCode());
            out.writeInt(c.architectures().size());
            for (String a : c.architectures()) {
                out.writeUTF(a);
            }
            out.writeInt(c.ephemeralStorageSize());
            writeMap(out, c.tags());
            out.writeInt(c.reservedConcurrency() == null ? -1 : c.reservedConcurrency());
            writeNullable(out, c.deadLetterTarget());
            out.writeInt(c.layers().size());
            for (FunctionLayer l : c.layers()) {
                out.writeUTF(l.arn());
                out.writeLong(l.codeSize());
                out.writeUTF(l.codeSha256());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FunctionConfig decode(byte[] v) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(v));
            byte format = in.readByte();
            if (format < FORMAT_V1 || format > FORMAT_V3) {
                throw new IllegalStateException("unknown function record format " + format);
            }
            String name = in.readUTF();
            String runtime = readNullable(in);
            String role = in.readUTF();
            String handler = readNullable(in);
            String description = in.readUTF();
            int timeout = in.readInt();
            int memory = in.readInt();
            Map<String, String> env = readMap(in);
            String sha = in.readUTF();
            long size = in.readLong();
            String modified = in.readUTF();
            String rev = in.readUTF();
            FunctionConfig.State state = FunctionConfig.State.valueOf(in.readUTF());
            String stateReason = readNullable(in);
            String stateReasonCode = readNullable(in);
            String lusName = in.readUTF();
            FunctionConfig.LastUpdateStatus lus =
                    lusName.isEmpty() ? null : FunctionConfig.LastUpdateStatus.valueOf(lusName);
            String lusReason = readNullable(in);
            String lusCode = readNullable(in);
            int n = in.readInt();
            List<String> archs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                archs.add(in.readUTF());
            }
            int eph = in.readInt();
            Map<String, String> tags = readMap(in);
            int reserved = in.readInt();
            String deadLetterTarget = format >= FORMAT_V2 ? readNullable(in) : null;
            List<FunctionLayer> layers = new ArrayList<>();
            if (format >= FORMAT_V3) {
                int count = in.readInt();
                for (int i = 0; i < count; i++) {
                    layers.add(new FunctionLayer(in.readUTF(), in.readLong(), in.readUTF()));
                }
            }
            return new FunctionConfig(
                    name,
                    runtime,
                    role,
                    handler,
                    description,
                    timeout,
                    memory,
                    env,
                    sha,
                    size,
                    modified,
                    rev,
                    state,
                    stateReason,
                    stateReasonCode,
                    lus,
                    lusReason,
                    lusCode,
                    archs,
                    eph,
                    tags,
                    reserved < 0 ? null : reserved,
                    deadLetterTarget,
                    layers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            writeLong(out, s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? readLong(in) : null;
    }

    // writeUTF is limited to 64 KB; environment values and descriptions stay far below, but be safe
    private static void writeLong(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readLong(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void writeMap(DataOutputStream out, Map<String, String> m) throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<String, String> e : new TreeMap<>(m).entrySet()) {
            writeLong(out, e.getKey());
            writeLong(out, e.getValue());
        }
    }

    private static Map<String, String> readMap(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(readLong(in), readLong(in));
        }
        return m;
    }
}
