package dev.eddy.store.postgres;

import dev.eddy.cluster.ClusterSignal;
import dev.eddy.queue.LocalQueueSignal;
import dev.eddy.queue.QueueSignal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices between the nodes that share one PostgreSQL database, over LISTEN/NOTIFY: the
 * {@link ClusterSignal} of such nodes, and a {@link QueueSignal} that wakes long-polling receivers
 * on every node ({@link #queueSignal()}).
 *
 * <p>Two connections of its own, outside the store's pool: one LISTENs on the channel of Eddy's
 * schema and hands each notice to the subscribers of its topic on a listener thread; the other
 * sends the notices {@link #publish} queued, in order, from a sender thread, so that publishing
 * never blocks. Either connection that fails is opened again after a pause; notices sent while the
 * listener was away are lost, as {@link ClusterSignal} allows (subscribers re-read the store now
 * and then). Queued notices that are equal to one still waiting are sent once.
 *
 * <p>Thread-safe.
 */
public final class PostgresNotices implements ClusterSignal, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresNotices.class);
    private static final String QUEUE_TOPIC = "eddy.queue";
    private static final long RECONNECT_PAUSE_MILLIS = 500;

    private final PostgresConfig config;
    private final String channel;
    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    /** Notices waiting for the sender: topic and payload joined by a line feed (text holds no NUL). */
    private final LinkedHashSet<String> outbox = new LinkedHashSet<>();

    private final LocalQueueSignal queues = new LocalQueueSignal();
    private final Thread listener;
    private final Thread sender;
    private volatile boolean closed;
    /** The backend process id of the sending connection: its notices are this node's own. */
    private volatile int senderPid = -1;

    private PostgresNotices(PostgresConfig config) {
        this.config = config;
        this.channel = "eddy_" + config.schema();
        this.listener = Thread.ofPlatform().daemon().name("eddy-notices-listen").unstarted(this::listen);
        this.sender = Thread.ofPlatform().daemon().name("eddy-notices-send").unstarted(this::send);
        subscribe(QUEUE_TOPIC, this::remoteQueueSignal);
    }

    /** Starts listening and sending; returns at once (a failed connection is retried in the background). */
    public static PostgresNotices start(PostgresConfig config) {
        PostgresNotices notices = new PostgresNotices(config);
        notices.listener.start();
        notices.sender.start();
        return notices;
    }

    @Override
    public void publish(String topic, String payload) {
        if (payload.length() > 4000) {
            throw new IllegalArgumentException("notice payload longer than 4,000 characters");
        }
        if (topic.indexOf('\n') >= 0 || topic.indexOf('\0') >= 0 || payload.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a notice topic holds no line feed, and no notice a NUL character");
        }
        synchronized (outbox) {
            outbox.add(topic + '\n' + payload);
            outbox.notifyAll();
        }
    }

    @Override
    public Subscription subscribe(String topic, Consumer<String> consumer) {
        List<Consumer<String>> list = subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>());
        list.add(consumer);
        return () -> list.remove(consumer);
    }

    /**
     * Wakes receivers of a queue on this node at once and on the other nodes by a notice; notices
     * of other nodes wake this node's receivers.
     */
    public QueueSignal queueSignal() {
        return new QueueSignal() {
            @Override
            public void signal(long queueId) {
                queues.signal(queueId);
                publish(QUEUE_TOPIC, Long.toString(queueId));
            }

            @Override
            public CompletableFuture<Void> next(long queueId) {
                return queues.next(queueId);
            }
        };
    }

    private void remoteQueueSignal(String payload) {
        queues.signal(Long.parseLong(payload));
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        if (config.user() != null) {
            p.setProperty("user", config.user());
        }
        if (config.password() != null) {
            p.setProperty("password", config.password());
        }
        Connection c = DriverManager.getConnection(config.jdbcUrl(), p);
        c.setAutoCommit(true);
        return c;
    }

    private void listen() {
        while (!closed) {
            try (Connection c = connect()) {
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + channel);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] got = pg.getNotifications(250);
                    if (got != null) {
                        for (PGNotification n : got) {
                            deliver(n);
                        }
                    }
                }
            } catch (SQLException e) {
                if (!closed) {
                    LOG.warn("listening for notices failed, connecting again: {}", e.getMessage());
                    pause();
                }
            }
        }
    }

    private void deliver(PGNotification n) {
        String text = n.getParameter();
        int cut = text.indexOf('\n');
        if (cut < 0) {
            return;
        }
        String topic = text.substring(0, cut);
        if (topic.equals(QUEUE_TOPIC) && n.getPID() == senderPid) {
            return; // this node's own queue signal: its receivers were woken when it was sent
        }
        String payload = text.substring(cut + 1);
        for (Consumer<String> s : subscribers.getOrDefault(topic, List.of())) {
            try {
                s.accept(payload);
            } catch (RuntimeException e) {
                LOG.warn("notice subscriber of {} failed", topic, e);
            }
        }
    }

    private void send() {
        while (!closed) {
            try (Connection c = connect();
                    PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                senderPid = c.unwrap(PGConnection.class).getBackendPID();
                while (!closed) {
                    List<String> batch = takeBatch();
                    for (String notice : batch) {
                        ps.setString(1, channel);
                        ps.setString(2, notice);
                        ps.execute();
                    }
                }
            } catch (SQLException e) {
                if (!closed) {
                    LOG.warn("sending notices failed, connecting again: {}", e.getMessage());
                    pause();
                }
            } catch (InterruptedException e) {
                return; // close() interrupts the sender
            }
        }
    }

    private List<String> takeBatch() throws InterruptedException {
        synchronized (outbox) {
            while (outbox.isEmpty()) {
                outbox.wait();
            }
            List<String> batch = new ArrayList<>(outbox);
            outbox.clear();
            return batch;
        }
    }

    private void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(RECONNECT_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops both threads and closes their connections; notices still queued are dropped. */
    @Override
    public void close() {
        closed = true;
        sender.interrupt();
        try {
            listener.join(2000);
            sender.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
