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
import java.util.Arrays;
import java.util.List;

/**
 * Durable layout of asynchronous invocation in the {@link Keyspace#FUNCTION} keyspace, beside
 * the functions ({@link FunctionRecords}): {@code ("invoke-config", name, qualifier)} holds a
 * function's {@link EventInvokeConfig}, {@code ("async-event", requestId)} an event waiting in
 * the queue ({@link QueuedEvent}). Neither is an SQS queue, so ListQueues never shows them.
 *
 * <p>Frozen once data has been written: each value starts with a version byte; add fields only by
 * bumping it and keeping the reader for older versions.
 */
final class AsyncRecords {
    private static final byte CONFIG_V1 = 1;
    private static final byte EVENT_V1 = 1;
    private static final String INVOKE_CONFIG = "invoke-config";
    private static final String EVENT = "async-event";

    private AsyncRecords() {}

    // ---------------------------------------------------------------- event invoke configurations

    static byte[] configKey(String name, String qualifier) {
        return Keyspace.FUNCTION.key(Tuple.of(INVOKE_CONFIG, name, qualifier));
    }

    static EventInvokeConfig readConfig(ReadView view, String name, String qualifier) {
        byte[] v = view.get(configKey(name, qualifier));
        return v == null ? null : decodeConfig(v);
    }

    static void writeConfig(Transaction tx, EventInvokeConfig c) {
        tx.put(configKey(c.functionName(), c.qualifier()), encodeConfig(c));
    }

    /** Every event invoke configuration of function {@code name}, in qualifier order. */
    static List<EventInvokeConfig> scanConfigs(ReadView view, String name) {
        KeyRange range = Keyspace.FUNCTION.range(Tuple.of(INVOKE_CONFIG, name));
        List<EventInvokeConfig> out = new ArrayList<>();
        for (KeyValue kv : view.scan(range, Integer.MAX_VALUE, false)) {
            out.add(decodeConfig(kv.value()));
        }
        return out;
    }

    /** Removes every event invoke configuration of function {@code name}. */
    static void deleteConfigs(Transaction tx, String name) {
        KeyRange range = Keyspace.FUNCTION.range(Tuple.of(INVOKE_CONFIG, name));
        tx.clearRange(range.begin(), range.end());
    }

    static byte[] encodeConfig(EventInvokeConfig c) {
        return write(out -> {
            out.writeByte(CONFIG_V1);
            out.writeUTF(c.functionName());
            out.writeUTF(c.qualifier());
            out.writeInt(c.maximumRetryAttempts() == null ? -1 : c.maximumRetryAttempts());
            out.writeInt(c.maximumEventAgeInSeconds() == null ? -1 : c.maximumEventAgeInSeconds());
            writeNullable(out, c.onSuccess());
            writeNullable(out, c.onFailure());
            out.writeLong(c.lastModifiedMillis());
        });
    }

    static EventInvokeConfig decodeConfig(byte[] v) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(v));
            checkFormat(in.readByte(), CONFIG_V1, "event invoke configuration");
            String name = in.readUTF();
            String qualifier = in.readUTF();
            int retries = in.readInt();
            int age = in.readInt();
            String onSuccess = readNullable(in);
            String onFailure = readNullable(in);
            long modified = in.readLong();
            return new EventInvokeConfig(
                    name,
                    qualifier,
                    retries < 0 ? null : retries,
                    age < 0 ? null : age,
                    onSuccess,
                    onFailure,
                    modified);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- queued events

    static byte[] eventKey(String requestId) {
        return Keyspace.FUNCTION.key(Tuple.of(EVENT, requestId));
    }

    static QueuedEvent readEvent(ReadView view, String requestId) {
        byte[] v = view.get(eventKey(requestId));
        return v == null ? null : decodeEvent(v);
    }

    static void writeEvent(Transaction tx, QueuedEvent e) {
        tx.put(eventKey(e.requestId()), encodeEvent(e));
    }

    static void deleteEvent(Transaction tx, String requestId) {
        tx.clear(eventKey(requestId));
    }

    /** Up to {@code limit} queued events after request id {@code after} (null: from the first). */
    static List<QueuedEvent> scanEvents(ReadView view, String after, int limit) {
        KeyRange all = Keyspace.FUNCTION.range(Tuple.of(EVENT));
        byte[] begin = after == null ? all.begin() : successor(eventKey(after));
        List<QueuedEvent> out = new ArrayList<>();
        for (KeyValue kv : view.scan(new KeyRange(begin, all.end()), limit, false)) {
            out.add(decodeEvent(kv.value()));
        }
        return out;
    }

    static byte[] encodeEvent(QueuedEvent e) {
        return write(out -> {
            out.writeByte(EVENT_V1);
            out.writeUTF(e.functionName());
            out.writeUTF(e.requestId());
            out.writeUTF(e.invokedArn());
            writeBytes(out, e.payload());
            out.writeLong(e.acceptedMillis());
            out.writeLong(e.dueMillis());
            out.writeInt(e.attempts());
            out.writeInt(e.throttles());
            writeNullable(out, e.lastError() == null ? null : e.lastError().name());
            out.writeBoolean(e.lastResponse() != null);
            if (e.lastResponse() != null) {
                writeBytes(out, e.lastResponse());
            }
        });
    }

    static QueuedEvent decodeEvent(byte[] v) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(v));
            checkFormat(in.readByte(), EVENT_V1, "queued event");
            String name = in.readUTF();
            String requestId = in.readUTF();
            String invokedArn = in.readUTF();
            byte[] payload = readBytes(in);
            long accepted = in.readLong();
            long due = in.readLong();
            int attempts = in.readInt();
            int throttles = in.readInt();
            String error = readNullable(in);
            byte[] response = in.readBoolean() ? readBytes(in) : null;
            return new QueuedEvent(
                    name,
                    requestId,
                    invokedArn,
                    payload,
                    accepted,
                    due,
                    attempts,
                    throttles,
                    error == null ? null : FunctionErrorType.valueOf(error),
                    response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer w) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            w.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array cannot fail to take bytes
        }
    }

    private static void checkFormat(byte format, byte expected, String what) {
        if (format != expected) {
            throw new IllegalStateException("unknown " + what + " record format " + format);
        }
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? new String(readBytes(in), StandardCharsets.UTF_8) : null;
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    private static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }
}
