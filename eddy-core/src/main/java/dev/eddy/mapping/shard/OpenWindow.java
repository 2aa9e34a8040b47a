package dev.eddy.mapping.shard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The shard's current tumbling window (spec 4.11): its bounds, the state carried between its
 * invocations, and the records already processed in it, held back from the checkpoint until the
 * final invoke succeeds (a crash before it replays the window from its start, state included).
 */
final class OpenWindow {
    final Instant start;
    final Instant end;
    final List<ShardRecord> held = new ArrayList<>();
    String state;
    boolean terminatedEarly;

    OpenWindow(Instant start, int seconds) {
        this.start = start;
        this.end = start.plusSeconds(seconds);
    }

    Window view(boolean finalInvoke) {
        return new Window(start, end, state, finalInvoke, finalInvoke && terminatedEarly);
    }
}
