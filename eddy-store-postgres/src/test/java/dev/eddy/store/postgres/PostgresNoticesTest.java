package dev.eddy.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Notices between two nodes (two instances on one schema) over LISTEN/NOTIFY. */
class PostgresNoticesTest {
    private final TestPostgres pg = TestPostgres.shared();

    private PostgresConfig config(String schema) {
        return PostgresConfig.of(pg.jdbcUrl(pg.database()), null, null).withSchema(schema);
    }

    /** Publishes until {@code received} gets the payload: the listener may still be connecting. */
    private static String publishUntilReceived(
            PostgresNotices from, String topic, String payload, LinkedBlockingQueue<String> received)
            throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            from.publish(topic, payload);
            String got = received.poll(100, TimeUnit.MILLISECONDS);
            if (got != null) {
                return got;
            }
        }
        return null;
    }

    /** The next notice that is not a late copy of a warm-up (the warm-up may have been sent more than once). */
    private static String skipWarmUps(LinkedBlockingQueue<String> received) throws InterruptedException {
        while (true) {
            String got = received.poll(5, TimeUnit.SECONDS);
            if (got == null || !got.equals("warm-up")) {
                return got;
            }
        }
    }

    @Test
    void aNoticeOfOneNodeReachesTheSubscribersOfEveryNodeInPublishOrder() throws Exception {
        try (PostgresNotices a = PostgresNotices.start(config("notices_order"));
                PostgresNotices b = PostgresNotices.start(config("notices_order"))) {
            LinkedBlockingQueue<String> atB = new LinkedBlockingQueue<>();
            LinkedBlockingQueue<String> atA = new LinkedBlockingQueue<>();
            b.subscribe("table", atB::add);
            a.subscribe("table", atA::add);
            assertThat(publishUntilReceived(a, "table", "warm-up", atB)).isEqualTo("warm-up");
            // A's own listener connects on its own: notices sent before it listens are lost to it
            assertThat(publishUntilReceived(a, "table", "warm-up", atA)).isEqualTo("warm-up");
            atA.clear();
            atB.clear();
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                a.publish("table", "t" + i);
            }
            for (int i = 0; i < 20; i++) {
                assertThat(skipWarmUps(atB)).isEqualTo("t" + i);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(millis).as("20 notices from node A to node B").isLessThan(1000);
            // the publishing node's own subscribers get them too
            for (int i = 0; i < 20; i++) {
                assertThat(skipWarmUps(atA)).isEqualTo("t" + i);
            }
        }
    }

    @Test
    void aQueueSignalOnOneNodeWakesAReceiverWaitingOnAnother() throws Exception {
        try (PostgresNotices a = PostgresNotices.start(config("notices_queue"));
                PostgresNotices b = PostgresNotices.start(config("notices_queue"))) {
            LinkedBlockingQueue<String> ready = new LinkedBlockingQueue<>();
            b.subscribe("ready", ready::add);
            publishUntilReceived(a, "ready", "x", ready);
            CompletableFuture<Void> woken = b.queueSignal().next(42);
            CompletableFuture<Void> other = b.queueSignal().next(43);
            long start = System.nanoTime();
            a.queueSignal().signal(42);
            woken.get(5, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(millis).as("wake-up across nodes").isLessThan(500);
            assertThat(other).isNotDone();
        }
    }

    @Test
    void theListenerConnectsAgainAfterItsConnectionDied() throws Exception {
        try (PostgresNotices a = PostgresNotices.start(config("notices_reconnect"));
                PostgresNotices b = PostgresNotices.start(config("notices_reconnect"))) {
            LinkedBlockingQueue<String> atB = new LinkedBlockingQueue<>();
            b.subscribe("t", atB::add);
            assertThat(publishUntilReceived(a, "t", "before", atB)).isEqualTo("before");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(pg.database()));
                    Statement st = c.createStatement()) {
                // every listening backend of the channel, B's among them
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE query LIKE 'LISTEN eddy_notices_reconnect%' AND pid <> pg_backend_pid()");
            }
            atB.clear();
            assertThat(publishUntilReceived(a, "t", "after", atB)).isEqualTo("after");
        }
    }
}
