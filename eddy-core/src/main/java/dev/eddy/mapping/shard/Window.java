package dev.eddy.mapping.shard;

import java.time.Instant;

/**
 * The tumbling-window part of an invocation (spec 4.11): the window's bounds, the state the previous
 * invocation of this window returned (null on the first), and whether this is the window's final
 * invoke and whether the window ends early because its state grew past the limit.
 */
public record Window(Instant start, Instant end, String state, boolean finalInvoke, boolean terminatedEarly) {}
