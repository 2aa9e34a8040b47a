package dev.eddy.function;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** The lines Lambda writes around a function's own output, and its log stream names. */
final class InvocationLog {
    private static final DateTimeFormatter STREAM_DATE =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private InvocationLog() {}

    /** {@code yyyy/MM/dd/[$LATEST]<32 hex digits>}: one stream per execution environment. */
    static String newStream(Instant now) {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return STREAM_DATE.format(now) + "/[" + FunctionConfig.LATEST + "]"
                + HexFormat.of().formatHex(id);
    }

    static String start(String requestId) {
        return start(requestId, FunctionConfig.LATEST);
    }

    static String start(String requestId, String version) {
        return "START RequestId: " + requestId + " Version: " + version + "\n";
    }

    static String end(String requestId) {
        return "END RequestId: " + requestId + "\n";
    }

    /** The timeout as Lambda formats it, e.g. {@code 1.00}. */
    static String seconds(int timeout) {
        return String.format(Locale.ROOT, "%.2f", (double) timeout);
    }

    static String timedOut(Instant now, String requestId, int timeout) {
        return DateTimeFormatter.ISO_INSTANT.format(now) + " " + requestId + " Task timed out after " + seconds(timeout)
                + " seconds\n";
    }

    /**
     * The REPORT line.
     *
     * @param initMs the init duration of a cold start, or negative for a warm one
     * @param status {@code timeout} or {@code error} when the invocation ended so, else null
     */
    static String report(String requestId, double durationMs, int memory, double initMs, String status) {
        long usedMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
        StringBuilder sb = new StringBuilder("REPORT RequestId: ")
                .append(requestId)
                .append("\tDuration: ")
                .append(String.format(Locale.ROOT, "%.2f", durationMs))
                .append(" ms")
                .append("\tBilled Duration: ")
                .append((long) Math.ceil(durationMs))
                .append(" ms")
                .append("\tMemory Size: ")
                .append(memory)
                .append(" MB")
                .append("\tMax Memory Used: ")
                .append(Math.min(usedMb, memory))
                .append(" MB");
        if (initMs >= 0) {
            sb.append("\tInit Duration: ")
                    .append(String.format(Locale.ROOT, "%.2f", initMs))
                    .append(" ms");
        }
        if (status != null) {
            sb.append("\tStatus: ").append(status);
        }
        return sb.append("\t\n").toString();
    }
}
