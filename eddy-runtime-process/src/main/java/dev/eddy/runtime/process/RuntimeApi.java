package dev.eddy.runtime.process;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.eddy.function.Invocation;
import dev.eddy.function.InvocationOutcome;
import dev.eddy.json.FunctionErrorJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Lambda Runtime API of one execution environment (spec 5.5), on its own port of 127.0.0.1,
 * so a runtime needs nothing but {@code AWS_LAMBDA_RUNTIME_API} to find it, whatever client it
 * uses. Serves one runtime process: {@code GET /2018-06-01/runtime/invocation/next} long-polls
 * until {@link #submit} hands an invocation over, {@code POST .../response} and {@code .../error}
 * complete it, {@code POST /runtime/init/error} reports a failed init phase.
 *
 * <p>Thread-safe: requests run on virtual threads; {@link #submit} and {@link #fail} may be called
 * from any thread.
 */
final class RuntimeApi implements AutoCloseable {
    /** Lambda's limit for a response or error body the runtime posts. */
    static final int MAX_PAYLOAD = 6_291_556;

    private static final String PREFIX = "/2018-06-01/runtime/";

    static {
        // the JDK's server writes an answer's head and body in two writes; with Nagle's algorithm
        // on, the body can wait for the runtime's acknowledgement of the head on every invocation.
        // The server reads this switch once, when its first instance starts (nothing else in Eddy
        // uses it); an operator's own setting is kept.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition handedIn = lock.newCondition();
    private final CompletableFuture<Void> polled = new CompletableFuture<>();
    private final CompletableFuture<byte[]> initError = new CompletableFuture<>();
    // guarded by lock
    private Pending waiting;
    private Pending active;
    private String finishedId;
    private boolean closed;

    /** One invocation on its way through the runtime. */
    record Pending(
            Invocation invocation,
            long deadlineEpochMillis,
            String traceId,
            CompletableFuture<InvocationOutcome> result) {}

    private RuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    static RuntimeApi open() {
        try {
            return new RuntimeApi();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for the Lambda Runtime API", e);
        }
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Completes when the runtime first asks for an invocation: its init phase is over. */
    CompletableFuture<Void> polled() {
        return polled;
    }

    /** Completes with the error object the runtime posts to {@code /runtime/init/error}. */
    CompletableFuture<byte[]> initError() {
        return initError;
    }

    /**
     * Hands an invocation to the runtime's next {@code GET .../next}; the future completes with its
     * outcome when the runtime posts the response or error, or {@link #fail} ends it.
     */
    CompletableFuture<InvocationOutcome> submit(Invocation invocation, long deadlineEpochMillis, String traceId) {
        Pending p = new Pending(invocation, deadlineEpochMillis, traceId, new CompletableFuture<>());
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the environment is closed");
            }
            waiting = p;
            handedIn.signalAll();
        } finally {
            lock.unlock();
        }
        return p.result();
    }

    /** Ends the invocation in flight (if any) with {@code outcome}, e.g. when the runtime exited. */
    void fail(java.util.function.Function<String, InvocationOutcome> outcome) {
        Pending p;
        lock.lock();
        try {
            p = active != null ? active : waiting;
            active = null;
            waiting = null;
        } finally {
            lock.unlock();
        }
        if (p != null) {
            p.result().complete(outcome.apply(p.invocation().requestId()));
        }
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            if (!path.startsWith(PREFIX)) {
                send(x, 404, error("Unknown path " + path, "NotFound"));
                return;
            }
            String rest = path.substring(PREFIX.length());
            if (method.equals("GET") && rest.equals("invocation/next")) {
                next(x);
            } else if (method.equals("POST") && rest.equals("init/error")) {
                initError(x);
            } else if (method.equals("POST") && rest.startsWith("invocation/") && rest.endsWith("/response")) {
                response(x, rest.substring("invocation/".length(), rest.length() - "/response".length()));
            } else if (method.equals("POST") && rest.startsWith("invocation/") && rest.endsWith("/error")) {
                invocationError(x, rest.substring("invocation/".length(), rest.length() - "/error".length()));
            } else {
                send(x, 404, error("Unknown path " + path, "NotFound"));
            }
        }
    }

    private void next(HttpExchange x) throws IOException {
        polled.complete(null);
        Pending p;
        lock.lock();
        try {
            if (active != null) {
                send(x, 403, error("State transition from Running to Ready failed", "InvalidStateTransition"));
                return;
            }
            while (waiting == null && !closed) {
                handedIn.await();
            }
            if (closed) {
                send(x, 500, error("The execution environment is shutting down", "ServiceException"));
                return;
            }
            p = waiting;
            waiting = null;
            active = p;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            lock.unlock();
        }
        Invocation inv = p.invocation();
        var h = x.getResponseHeaders();
        h.set("Content-Type", "application/json");
        h.set("Lambda-Runtime-Aws-Request-Id", inv.requestId());
        h.set("Lambda-Runtime-Deadline-Ms", Long.toString(p.deadlineEpochMillis()));
        h.set("Lambda-Runtime-Invoked-Function-Arn", inv.invokedFunctionArn());
        h.set("Lambda-Runtime-Trace-Id", p.traceId());
        if (inv.clientContext() != null && !inv.clientContext().isEmpty()) {
            h.set("Lambda-Runtime-Client-Context", inv.clientContext());
        }
        send(x, 200, inv.payload());
    }

    private void initError(HttpExchange x) throws IOException {
        byte[] body = read(x.getRequestBody());
        if (polled.isDone()) {
            send(x, 403, error("State transition from Ready to InitError failed", "InvalidStateTransition"));
            return;
        }
        initError.complete(errorObject(body, x.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")));
        send(x, 202, ok());
    }

    private void response(HttpExchange x, String id) throws IOException {
        byte[] body = read(x.getRequestBody());
        String mode = x.getRequestHeaders().getFirst("Lambda-Runtime-Function-Response-Mode");
        InvocationOutcome outcome;
        int status;
        byte[] answer;
        if ("streaming".equalsIgnoreCase(mode)) {
            String message = "Eddy does not support response streaming (Lambda-Runtime-Function-Response-Mode: "
                    + "streaming); return the response in one piece.";
            outcome = new InvocationOutcome.Failure(
                    FunctionErrorJson.of(message, "Runtime.ResponseStreamingNotSupported", null), false);
            status = 400;
            answer = error(message, "InvalidRequest");
        } else if (body == null) {
            outcome = new InvocationOutcome.Failure(
                    FunctionErrorJson.of(
                            "Response payload size exceeded maximum allowed payload size (" + MAX_PAYLOAD + " bytes).",
                            "Function.ResponseSizeTooLarge",
                            null),
                    false);
            status = 413;
            answer = error(
                    "Exceeded maximum allowed payload size (" + MAX_PAYLOAD + " bytes).", "RequestEntityTooLarge");
        } else {
            outcome = new InvocationOutcome.Success(body);
            status = 202;
            answer = ok();
        }
        complete(x, id, outcome, status, answer);
    }

    private void invocationError(HttpExchange x, String id) throws IOException {
        byte[] body = read(x.getRequestBody());
        String type = x.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        complete(x, id, new InvocationOutcome.Failure(errorObject(body, type), false), 202, ok());
    }

    /** Completes the active invocation {@code id}; answers 400 for an unknown id, 403 for a finished one. */
    private void complete(HttpExchange x, String id, InvocationOutcome outcome, int status, byte[] answer)
            throws IOException {
        Pending p;
        lock.lock();
        try {
            p = active;
            if (p == null || !p.invocation().requestId().equals(id)) {
                if (id.equals(finishedId)) {
                    send(
                            x,
                            403,
                            error(
                                    "State transition from Ready to InvocationResponse failed",
                                    "InvalidStateTransition"));
                } else {
                    send(x, 400, error("Invalid request ID", "InvalidRequestID"));
                }
                return;
            }
            active = null;
            finishedId = id;
        } finally {
            lock.unlock();
        }
        p.result().complete(outcome);
        send(x, status, answer);
    }

    /** The posted error object; when the body is no JSON object, one built from the error type header. */
    private static byte[] errorObject(byte[] body, String typeHeader) {
        if (body != null && body.length > 0 && firstNonBlank(body) == '{') {
            return body;
        }
        String type = typeHeader == null || typeHeader.isBlank() ? "Runtime.Unknown" : typeHeader;
        String message = body == null ? "Error body too large" : new String(body, StandardCharsets.UTF_8);
        return FunctionErrorJson.of(message.isEmpty() ? type : message, type, null);
    }

    private static int firstNonBlank(byte[] b) {
        for (byte c : b) {
            if (!Character.isWhitespace(c)) {
                return c;
            }
        }
        return -1;
    }

    /** The body, or null when it exceeds {@link #MAX_PAYLOAD} (the rest is read and dropped). */
    private static byte[] read(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_PAYLOAD + 1);
        if (b.length > MAX_PAYLOAD) {
            in.transferTo(OutputStream.nullOutputStream());
            return null;
        }
        return b;
    }

    private static byte[] ok() {
        return "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] error(String message, String type) {
        return FunctionErrorJson.of(message, type, null);
    }

    private static void send(HttpExchange x, int status, byte[] body) throws IOException {
        if (!x.getResponseHeaders().containsKey("Content-Type")) {
            x.getResponseHeaders().set("Content-Type", "application/json");
        }
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops listening and releases a runtime waiting in {@code next}. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            handedIn.signalAll();
        } finally {
            lock.unlock();
        }
        server.stop(0);
        threads.shutdownNow();
    }
}
