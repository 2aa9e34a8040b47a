package dev.eddy.mapping;

import dev.eddy.store.StoreException;
import dev.eddy.stream.StartingPosition;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored form of a {@link Mapping}. FROZEN once written; a new format gets the next version
 * byte, and the readers of every earlier format stay.
 *
 * <p>Format 1: byte 1, then, big-endian: the uuid, event source ARN, function ARN, starting
 * position and state (their wire names), state transition reason and last processing result as
 * strings; the last-modified time as a {@code long}; the settings in the order of
 * {@link MappingSettings}' components (booleans as one byte 0 or 1, {@code int}s in 4 bytes,
 * strings, lists of strings); then the tags as a count and key, value strings in key order.
 * A string is a 4-byte length (-1 for null) and UTF-8; a list is a 4-byte count (-1 for null) and
 * its strings.
 *
 * <p>Stateless; decoding fails with {@link StoreException} on bytes of no known format.
 */
final class MappingCodec {
    static final byte FORMAT = 1;

    private MappingCodec() {}

    static byte[] encode(Mapping m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            putString(out, m.uuid());
            putString(out, m.eventSourceArn());
            putString(out, m.functionArn());
            putString(out, m.startingPosition().name());
            putString(out, m.state().wire());
            putString(out, m.stateTransitionReason());
            putString(out, m.lastProcessingResult());
            out.writeLong(m.lastModifiedMillis());
            putSettings(out, m.settings());
            Map<String, String> tags = new TreeMap<>(m.tags());
            out.writeInt(tags.size());
            for (Map.Entry<String, String> e : tags.entrySet()) {
                putString(out, e.getKey());
                putString(out, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    static Mapping decode(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            byte format = b.get();
            if (format != FORMAT) {
                throw new StoreException("unknown event source mapping format " + format, null);
            }
            String uuid = getString(b);
            String source = getString(b);
            String function = getString(b);
            StartingPosition position = StartingPosition.valueOf(getString(b));
            MappingState state = state(getString(b));
            String reason = getString(b);
            String result = getString(b);
            long modified = b.getLong();
            MappingSettings settings = getSettings(b);
            int n = b.getInt();
            Map<String, String> tags = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                tags.put(getString(b), getString(b));
            }
            if (b.hasRemaining()) {
                throw new StoreException(
                        "unreadable event source mapping: " + b.remaining() + " bytes left over", null);
            }
            return new Mapping(uuid, source, function, position, settings, state, reason, result, modified, tags);
        } catch (BufferUnderflowException | IllegalArgumentException | NullPointerException e) {
            throw new StoreException("unreadable event source mapping", e);
        }
    }

    private static void putSettings(DataOutputStream out, MappingSettings s) throws IOException {
        out.writeBoolean(s.enabled());
        out.writeInt(s.batchSize());
        out.writeInt(s.maximumBatchingWindowInSeconds());
        out.writeInt(s.parallelizationFactor());
        out.writeInt(s.maximumRetryAttempts());
        out.writeInt(s.maximumRecordAgeInSeconds());
        out.writeBoolean(s.bisectBatchOnFunctionError());
        out.writeInt(s.tumblingWindowInSeconds());
        putList(out, s.functionResponseTypes());
        putString(out, s.onFailureDestination());
        putList(out, s.filterPatterns());
        putList(out, s.metrics());
        putString(out, s.kmsKeyArn());
    }

    private static MappingSettings getSettings(ByteBuffer b) {
        return new MappingSettings(
                getFlag(b),
                b.getInt(),
                b.getInt(),
                b.getInt(),
                b.getInt(),
                b.getInt(),
                getFlag(b),
                b.getInt(),
                getList(b),
                getString(b),
                getList(b),
                getList(b),
                getString(b));
    }

    private static MappingState state(String wire) {
        for (MappingState s : MappingState.values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown mapping state " + wire);
    }

    private static void putString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static void putList(DataOutputStream out, List<String> list) throws IOException {
        if (list == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(list.size());
        for (String s : list) {
            putString(out, s);
        }
    }

    private static String getString(ByteBuffer b) {
        int len = b.getInt();
        if (len < -1 || len > b.remaining()) {
            throw new IllegalArgumentException("bad string length " + len);
        }
        if (len < 0) {
            return null;
        }
        String s = new String(b.array(), b.position(), len, StandardCharsets.UTF_8);
        b.position(b.position() + len);
        return s;
    }

    private static List<String> getList(ByteBuffer b) {
        int n = b.getInt();
        if (n < -1 || n > b.remaining() / 4) {
            throw new IllegalArgumentException("bad list size " + n);
        }
        if (n < 0) {
            return null;
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(getString(b));
        }
        return out;
    }

    private static boolean getFlag(ByteBuffer b) {
        byte flag = b.get();
        if (flag != 0 && flag != 1) {
            throw new IllegalArgumentException("bad flag " + flag);
        }
        return flag == 1;
    }
}
