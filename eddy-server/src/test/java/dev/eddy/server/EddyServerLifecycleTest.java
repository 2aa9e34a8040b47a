package dev.eddy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.store.MemoryStore;
import dev.eddy.store.ReadView;
import dev.eddy.store.RetryPolicy;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import dev.eddy.store.rocksdb.RocksDbStore;
import dev.eddy.stream.StreamConfig;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import dev.eddy.testkit.TestTables;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The composition root's lifecycle: a start that fails closes what it had opened, and a close
 * stops the listener and the background work before the engines, and closes the store last.
 */
class EddyServerLifecycleTest {

    @TempDir
    Path dir;

    @Test
    void aPortInUseFailsTheStartAndClosesTheStoreSoItsDirectoryOpensAgainAtOnce() throws Exception {
        AtomicReference<WatchedStore> store = new AtomicReference<>();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ServerConfig config = ServerConfig.onDisk(dir).withPort(taken.getLocalPort());

            assertThatThrownBy(() -> EddyServer.start(config, spec -> watch(store, EddyServer.Stores.open(spec))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
        assertThat(store.get().closes.get()).isEqualTo(1);
        // RocksDB refuses a directory its own process still holds open: the store was really closed
        try (RocksDbStore again = RocksDbStore.open(dir)) {
            again.snapshot().close();
        }
        try (EddyServer server = EddyServer.start(ServerConfig.onDisk(dir));
                DynamoDbClient ddb = EddyClients.dynamo(server.endpoint())) {
            assertThat(ddb.listTables().tableNames()).isEmpty();
        }
    }

    @Test
    void closeStopsTheListenerAndTheBackgroundWorkThenTheEnginesAndClosesTheStoreLast() throws Exception {
        AtomicReference<WatchedStore> store = new AtomicReference<>();
        // the keeper and the TTL sweeper touch the store every few milliseconds
        ServerConfig config = ServerConfig.inMemoryOnRandomPort()
                .withTtlSweepInterval(Duration.ofMillis(5))
                .withStreams(StreamConfig.defaults().withShardLifetime(Duration.ofMillis(200)));
        EddyServer server = EddyServer.start(config, spec -> watch(store, new MemoryStore()));
        AtomicInteger passes = new AtomicInteger();
        AtomicBoolean inPass = new AtomicBoolean();
        List<String> problems = new CopyOnWriteArrayList<>();
        store.get().onClose = () -> {
            if (inPass.get()) {
                problems.add("the store closed during a background pass");
            }
        };
        server.background().schedule("probe", Duration.ofMillis(5), now -> {
            inPass.set(true);
            try {
                if (store.get().closed) {
                    problems.add("a background pass started after the store closed");
                }
                passes.incrementAndGet();
                server.store().snapshot().close();
            } finally {
                inPass.set(false);
            }
        });
        String table = TestNames.unique("closing");
        try (DynamoDbClient ddb = EddyClients.dynamo(server.endpoint())) {
            ddb.createTable(TestTables.hashTable(table)
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE))
                    .build());
            ddb.updateTimeToLive(b -> b.tableName(table)
                    .timeToLiveSpecification(t -> t.enabled(true).attributeName("expires")));
            for (int i = 0; i < 20; i++) {
                ddb.putItem(b -> b.tableName(table)
                        .item(Map.of(
                                "id",
                                AttributeValue.fromS("k" + System.nanoTime()),
                                "expires",
                                AttributeValue.fromN("1"))));
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() >= 5);
        int port = server.port();

        server.close();

        int passesAtClose = passes.get();
        assertThat(store.get().closes.get()).isEqualTo(1);
        assertThat(store.get().usedAfterClose.get())
                .as("store calls after it closed")
                .isZero();
        assertThat(problems).isEmpty();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        Awaitility.await()
                .during(Duration.ofMillis(200))
                .atMost(Duration.ofSeconds(2))
                .until(() -> passes.get() == passesAtClose);
        server.close();
        assertThat(store.get().closes.get()).isEqualTo(1);
    }

    private static Store watch(AtomicReference<WatchedStore> holder, Store store) {
        WatchedStore watched = new WatchedStore(store);
        holder.set(watched);
        return watched;
    }

    /** Counts closes, and calls that came after the close. */
    static final class WatchedStore implements Store {
        private final Store delegate;
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger usedAfterClose = new AtomicInteger();
        volatile boolean closed;
        volatile Runnable onClose = () -> {};

        WatchedStore(Store delegate) {
            this.delegate = delegate;
        }

        private void use() {
            if (closed) {
                usedAfterClose.incrementAndGet();
            }
        }

        @Override
        public Transaction begin() {
            use();
            return delegate.begin();
        }

        @Override
        public ReadView snapshot() {
            use();
            return delegate.snapshot();
        }

        @Override
        public RetryPolicy retryPolicy() {
            return delegate.retryPolicy();
        }

        @Override
        public void close() {
            onClose.run();
            closed = true;
            closes.incrementAndGet();
            delegate.close();
        }
    }
}
