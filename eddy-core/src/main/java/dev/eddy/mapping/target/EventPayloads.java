package dev.eddy.mapping.target;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.eddy.mapping.shard.Window;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The event a DynamoDB stream mapping passes to its function: {@code {"Records":[...]}} (spec 3.2),
 * and with a tumbling window also {@code window}, {@code state}, {@code shardId},
 * {@code eventSourceARN}, {@code isFinalInvokeForWindow} and {@code isWindowTerminatedEarly} (spec
 * 4.11). Records come already serialised (each once, when read), so a retried or bisected batch is
 * only joined again. Stateless and thread-safe.
 */
public final class EventPayloads {
    /** What the event adds around its records, at most, without a window's state. */
    public static final int ENVELOPE_BYTES = 1024;

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final byte[] OPEN = "{\"Records\":[".getBytes(StandardCharsets.US_ASCII);

    private EventPayloads() {}

    /**
     * The event for {@code records} (each one serialised record), with {@code window} when the
     * mapping has tumbling windows (else null).
     */
    public static byte[] event(List<byte[]> records, Window window, String shardId, String eventSourceArn) {
        int size = OPEN.length
                + ENVELOPE_BYTES
                + (window == null || window.state() == null ? 0 : window.state().length());
        for (byte[] r : records) {
            size += r.length + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(OPEN);
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(records.get(i));
        }
        out.write(']');
        if (window != null) {
            windowMembers(out, window, shardId, eventSourceArn);
        }
        out.write('}');
        return out.toByteArray();
    }

    private static void windowMembers(ByteArrayOutputStream out, Window w, String shardId, String eventSourceArn) {
        ascii(
                out,
                ",\"window\":{\"start\":\"" + SECONDS.format(w.start()) + "\",\"end\":\"" + SECONDS.format(w.end())
                        + "\"},\"state\":");
        // the first invocation of a window gets an empty state
        out.writeBytes((w.state() == null ? "{}" : w.state()).getBytes(StandardCharsets.UTF_8));
        ascii(out, ",\"shardId\":");
        string(out, shardId);
        ascii(out, ",\"eventSourceARN\":");
        string(out, eventSourceArn);
        ascii(
                out,
                ",\"isFinalInvokeForWindow\":" + w.finalInvoke() + ",\"isWindowTerminatedEarly\":"
                        + w.terminatedEarly());
    }

    /** ISO-8601 UTC to the second, as window bounds and arrival times are shown. */
    static String seconds(Instant t) {
        return SECONDS.format(t);
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static void string(ByteArrayOutputStream out, String s) {
        out.write('"');
        out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(s));
        out.write('"');
    }
}
