package dev.eddy.server.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionProvider;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * The listener's one connection selector: Helidon's HTTP/1 selector, built from the same
 * {@link Http1Config} as Helidon would build it. A connection whose first request line ends in
 * {@code HTTP/1.0} is read through an {@link Http10Requests}, so that its HTTP/1.0 requests are
 * served as HTTP/1.1 ones that end the connection unless they asked for keep-alive; every other
 * connection is Helidon's unchanged. Being the only selector, it is handed every connection unseen
 * (see {@link FrontDoor#configure}), so a malformed line still reaches the parser and gets its
 * answer. Thread-safe: it keeps no state of its own.
 */
final class Http10Selector implements ServerConnectionSelector {
    private static final byte[] HTTP_10 = " HTTP/1.0".getBytes(StandardCharsets.US_ASCII);

    private final ServerConnectionSelector http1;
    private final ServerConnectionSelector http10;
    private final int maxLine;

    private Http10Selector(ServerConnectionSelector http1, ServerConnectionSelector http10, int maxLine) {
        this.http1 = http1;
        this.http10 = http10;
        this.maxLine = maxLine;
    }

    /** Helidon's selector for {@code config}, with the upgrades its own provider would add. */
    static Http10Selector of(Http1Config config) {
        // a 1.0 client keeps its connection only when the answer says so, so connections that
        // start with a 1.0 request get answers that name Connection: keep-alive or close
        Http1Config keepAliveNamed =
                Http1Config.builder().from(config).sendKeepAliveHeader(true).build();
        // a header line may be as long as the whole prologue the parser accepts; past that the
        // parser refuses the request anyway, so the line passes through unframed
        return new Http10Selector(
                helidon(config),
                helidon(keepAliveNamed),
                Math.max(config.maxPrologueLength(), config.maxHeadersSize()) + 2);
    }

    private static ServerConnectionSelector helidon(Http1Config config) {
        return new Http1ConnectionProvider().create("@default", config, ProtocolConfigs.create(List.of(config)));
    }

    @Override
    public int bytesToIdentifyConnection() {
        return http1.bytesToIdentifyConnection();
    }

    @Override
    public Support supports(BufferData data) {
        return http1.supports(data);
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        DataReader original = ctx.dataReader();
        if (!startsWithHttp10(original)) {
            return http1.connection(ctx);
        }
        DataReader rewritten =
                DataReader.create(new Http10Requests(() -> next(original), maxLine, authority(ctx.localPeer())));
        return http10.connection(new Context(ctx, rewritten));
    }

    /**
     * Whether the connection's first line, once it has arrived, ends in {@code HTTP/1.0}; looks
     * without consuming, and answers {@code false} for anything the HTTP/1 parser should refuse
     * as it is (a lone LF, a line past the limit, a client that left).
     */
    private boolean startsWithHttp10(DataReader reader) {
        try {
            int end = reader.findNewLine(maxLine);
            if (end == maxLine || end < HTTP_10.length) {
                return false;
            }
            BufferData line = reader.getBuffer(end);
            for (int i = 0; i < HTTP_10.length; i++) {
                if (line.get(end - HTTP_10.length + i) != HTTP_10[i]) {
                    return false;
                }
            }
            return true;
        } catch (DataReader.IncorrectNewLineException | DataReader.InsufficientDataAvailableException e) {
            return false;
        }
    }

    /** {@code host:port} as a Host header names the address the connection reached. */
    private static String authority(PeerInfo local) {
        String host = local.host();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + local.port();
    }

    /** The next bytes the connection received, or {@code null} once it has ended. */
    private static byte[] next(DataReader reader) {
        try {
            reader.ensureAvailable();
        } catch (DataReader.InsufficientDataAvailableException e) {
            return null;
        }
        return reader.readBytes(reader.available());
    }

    /** The connection as Helidon made it, but read through the rewriting reader. */
    private record Context(ConnectionContext ctx, DataReader reader) implements ConnectionContext {
        @Override
        public DataReader dataReader() {
            return reader;
        }

        @Override
        public ListenerContext listenerContext() {
            return ctx.listenerContext();
        }

        @Override
        public ExecutorService executor() {
            return ctx.executor();
        }

        @Override
        public DataWriter dataWriter() {
            return ctx.dataWriter();
        }

        @Override
        public Router router() {
            return ctx.router();
        }

        @Override
        public Optional<ProxyProtocolData> proxyProtocolData() {
            return ctx.proxyProtocolData();
        }

        @Override
        public HelidonSocket serverSocket() {
            return ctx.serverSocket();
        }

        @Override
        public PeerInfo remotePeer() {
            return ctx.remotePeer();
        }

        @Override
        public PeerInfo localPeer() {
            return ctx.localPeer();
        }

        @Override
        public boolean isSecure() {
            return ctx.isSecure();
        }

        @Override
        public String socketId() {
            return ctx.socketId();
        }

        @Override
        public String childSocketId() {
            return ctx.childSocketId();
        }
    }
}
