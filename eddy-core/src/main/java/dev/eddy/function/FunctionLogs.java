package dev.eddy.function;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The log events of every function, as CloudWatch Logs would hold them in the group
 * {@code /aws/lambda/<name>}: one event per line, in order, with a per-function sequence number.
 * Kept in memory, bounded per function (oldest events are dropped); see docs/lambda.md.
 * Thread-safe; {@link #await} blocks without pinning virtual threads.
 */
public final class FunctionLogs {

    /** One log line. {@code sequence} increases by one per event of a function, starting at 1. */
    public record LogEvent(long sequence, long timestamp, String logStreamName, String message) {}

    /**
     * A page of events; {@code nextSequence} is what to pass as {@code after} to read the next page.
     */
    public record Page(List<LogEvent> events, long nextSequence) {}

    private final int maxEventsPerFunction;
    private final Map<String, Log> logs = new ConcurrentHashMap<>();

    public FunctionLogs(int maxEventsPerFunction) {
        this.maxEventsPerFunction = maxEventsPerFunction;
    }

    /** Appends {@code text} split into lines (a trailing newline does not make an empty event). */
    public void append(String function, String logStream, long timestamp, String text) {
        if (text.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        log(function).append(logStream, timestamp, lines);
    }

    /** Events with a sequence greater than {@code after}, at most {@code limit}. */
    public Page read(String function, long after, int limit) {
        return log(function).read(after, limit);
    }

    /**
     * Like {@link #read}, but waits up to {@code maxWait} for an event when there is none yet.
     *
     * @throws InterruptedException when the caller is interrupted while waiting
     */
    public Page await(String function, long after, int limit, Duration maxWait) throws InterruptedException {
        return log(function).await(after, limit, maxWait);
    }

    private Log log(String function) {
        return logs.computeIfAbsent(function, f -> new Log());
    }

    private final class Log {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition appended = lock.newCondition();
        private final ArrayDeque<LogEvent> events = new ArrayDeque<>();
        private long lastSequence;

        void append(String stream, long timestamp, List<String> lines) {
            lock.lock();
            try {
                for (String line : lines) {
                    events.addLast(new LogEvent(++lastSequence, timestamp, stream, line));
                    if (events.size() > maxEventsPerFunction) {
                        events.removeFirst();
                    }
                }
                appended.signalAll();
            } finally {
                lock.unlock();
            }
        }

        Page read(long after, int limit) {
            lock.lock();
            try {
                List<LogEvent> out = new ArrayList<>();
                for (LogEvent e : events) {
                    if (e.sequence() > after) {
                        out.add(e);
                        if (limit > 0 && out.size() >= limit) {
                            break;
                        }
                    }
                }
                long next = out.isEmpty()
                        ? Math.max(after, 0)
                        : out.get(out.size() - 1).sequence();
                return new Page(out, next);
            } finally {
                lock.unlock();
            }
        }

        Page await(long after, int limit, Duration maxWait) throws InterruptedException {
            long remaining = maxWait.toNanos();
            lock.lock();
            try {
                while (lastSequence <= after && remaining > 0) {
                    remaining = appended.awaitNanos(remaining);
                }
            } finally {
                lock.unlock();
            }
            return read(after, limit);
        }
    }

    static long toMillis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
