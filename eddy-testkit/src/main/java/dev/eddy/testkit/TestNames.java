package dev.eddy.testkit;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names of tables, streams, functions and queues that no other test uses, so test classes can
 * share one server (see {@link ServerPerClass}) without seeing each other's resources.
 *
 * <p>Thread-safe.
 */
public final class TestNames {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestNames() {}

    /**
     * {@code prefix}, the process id and a counter, joined by dashes: unique within this JVM and
     * between JVMs running at the same time. Valid as a DynamoDB table name, a Lambda function name
     * and an SQS queue name when {@code prefix} is, and short enough for all of them as long as the
     * prefix stays under about forty characters.
     */
    public static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    }
}
