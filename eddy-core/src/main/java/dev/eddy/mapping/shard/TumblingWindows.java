package dev.eddy.mapping.shard;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Tumbling-window arithmetic (spec 4.11): windows are aligned to multiples of their length since the
 * epoch, and a record belongs to the window of its approximate creation time.
 */
public final class TumblingWindows {

    /** The most state a window carries: a larger state ends the window early. */
    public static final int STATE_LIMIT_BYTES = 1024 * 1024;

    private TumblingWindows() {}

    /** The start of the window holding {@code at}; {@link Instant#EPOCH} when there are no windows. */
    public static Instant startOf(Instant at, int windowSeconds) {
        if (windowSeconds <= 0) {
            return Instant.EPOCH;
        }
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), windowSeconds) * windowSeconds);
    }

    /** Whether a returned state is too large to carry on. */
    public static boolean tooLarge(String state) {
        return state != null && state.getBytes(StandardCharsets.UTF_8).length > STATE_LIMIT_BYTES;
    }
}
