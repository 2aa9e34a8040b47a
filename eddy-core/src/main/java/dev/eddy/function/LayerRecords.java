package dev.eddy.function;

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
import java.util.List;

/**
 * Durable layout of layers in the {@link Keyspace#FUNCTION} keyspace: {@code ("layer", name,
 * number)} holds a {@link LayerVersion}, {@code ("layer-zip", name, number)} its zip, {@code
 * ("layer-last", name)} the highest number ever published (numbers are never reused). A deleted
 * version's zip is kept for the functions that still reference it. Numbers are
 * zero-padded to nineteen digits in keys so that versions sort numerically.
 *
 * <p>Frozen once data has been written: values start with a version byte; add fields only by
 * bumping it and keeping the reader for older versions.
 */
final class LayerRecords {
    private static final byte LAYER_V1 = 1;
    private static final String LAYER = "layer";
    private static final String ZIP = "layer-zip";
    private static final String LAST = "layer-last";

    private LayerRecords() {}

    private static String number(long n) {
        return String.format("%019d", n);
    }

    static LayerVersion read(ReadView view, String name, long n) {
        byte[] v = view.get(Keyspace.FUNCTION.key(Tuple.of(LAYER, name, number(n))));
        return v == null ? null : decode(v);
    }

    static byte[] readZip(ReadView view, String name, long n) {
        return view.get(Keyspace.FUNCTION.key(Tuple.of(ZIP, name, number(n))));
    }

    static void write(Transaction tx, LayerVersion l, byte[] zip) {
        tx.put(Keyspace.FUNCTION.key(Tuple.of(LAYER, l.layerName(), number(l.version()))), encode(l));
        tx.put(Keyspace.FUNCTION.key(Tuple.of(ZIP, l.layerName(), number(l.version()))), zip);
    }

    /**
     * Deletes the version's record; its zip stays, because functions that reference the version
     * keep using it (as on AWS).
     */
    static void delete(Transaction tx, String name, long n) {
        tx.clear(Keyspace.FUNCTION.key(Tuple.of(LAYER, name, number(n))));
    }

    /** The highest number ever published for layer {@code name}, 0 when none. */
    static long readLast(ReadView view, String name) {
        byte[] v = view.get(Keyspace.FUNCTION.key(Tuple.of(LAST, name)));
        return v == null ? 0 : VersionRecords.decodeCounter(v);
    }

    static void writeLast(Transaction tx, String name, long n) {
        tx.put(Keyspace.FUNCTION.key(Tuple.of(LAST, name)), VersionRecords.encodeCounter(Math.toIntExact(n)));
    }

    /** Every version of layer {@code name}, newest first. */
    static List<LayerVersion> versions(ReadView view, String name) {
        List<LayerVersion> out = new ArrayList<>();
        for (KeyValue kv : view.scan(Keyspace.FUNCTION.range(Tuple.of(LAYER, name)), Integer.MAX_VALUE, true)) {
            out.add(decode(kv.value()));
        }
        return out;
    }

    /** Every version of every layer, by layer name, then ascending by number. */
    static List<LayerVersion> all(ReadView view) {
        List<LayerVersion> out = new ArrayList<>();
        for (KeyValue kv : view.scan(Keyspace.FUNCTION.range(Tuple.of(LAYER)), Integer.MAX_VALUE, false)) {
            out.add(decode(kv.value()));
        }
        return out;
    }

    static byte[] encode(LayerVersion l) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(LAYER_V1);
            out.writeUTF(l.layerName());
            out.writeLong(l.version());
            out.writeUTF(l.description());
            writeList(out, l.compatibleRuntimes());
            writeList(out, l.compatibleArchitectures());
            out.writeBoolean(l.licenseInfo() != null);
            if (l.licenseInfo() != null) {
                out.writeUTF(l.licenseInfo());
            }
            out.writeUTF(l.codeSha256());
            out.writeLong(l.codeSize());
            out.writeUTF(l.createdDate());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LayerVersion decode(byte[] v) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(v));
            byte format = in.readByte();
            if (format != LAYER_V1) {
                throw new IllegalStateException("unknown layer record format " + format);
            }
            String name = in.readUTF();
            long version = in.readLong();
            String description = in.readUTF();
            List<String> runtimes = readList(in);
            List<String> archs = readList(in);
            String license = in.readBoolean() ? in.readUTF() : null;
            return new LayerVersion(
                    name, version, description, runtimes, archs, license, in.readUTF(), in.readLong(), in.readUTF());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeList(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            out.writeUTF(s);
        }
    }

    private static List<String> readList(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readUTF());
        }
        return out;
    }
}
