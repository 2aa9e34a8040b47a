package dev.eddy.server.demo;

import dev.eddy.function.FunctionLogs;
import dev.eddy.server.EddyServer;
import dev.eddy.server.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eddy demo}: the seed scenario, live. Starts a server on the embedded store in a fresh
 * directory, creates a table with a NEW_AND_OLD_IMAGES stream, deploys an example Java handler,
 * maps the stream to it, inserts, updates and deletes a few items through the DynamoDB API, and
 * prints each invocation with its batch as it happens; then prints the AWS CLI commands that do the
 * same by hand, and keeps the server running for them until interrupted (or exits with
 * {@code --exit}). Everything goes through the server's HTTP APIs, as a user's client would.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Show a table's changes triggering a function, live, on a fresh embedded server.")
public final class DemoCommand implements Callable<Integer> {
    static final String TABLE = "demo-orders";
    static final String FUNCTION = "demo-printer";

    @Option(names = "--handler-jar", required = true, description = "The example handlers JAR to deploy.")
    Path handlerJar;

    @Option(names = "--port", description = "Port to listen on (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port = 8000;

    @Option(names = "--exit", description = "Stop the server once the demo ran, instead of keeping it for the CLI.")
    boolean exit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isRegularFile(handlerJar)) {
            spec.commandLine()
                    .getErr()
                    .println("eddy demo: no handler JAR at " + handlerJar + " (build with: ./eddy build)");
            spec.commandLine().getErr().flush();
            return 2;
        }
        Path data = Files.createTempDirectory("eddy-demo-");
        try (EddyServer server = EddyServer.start(ServerConfig.onDisk(data).withPort(port))) {
            DemoClient client = new DemoClient(server.endpoint());
            out.println("Eddy is running at " + server.endpoint() + " (data in " + data + ")");
            out.println();
            String streamArn = client.createTable(TABLE);
            out.println("1. created table " + TABLE + " with a NEW_AND_OLD_IMAGES stream");
            out.println("   " + streamArn);
            client.createFunction(FUNCTION, Files.readAllBytes(handlerJar), "example.ChangePrinter");
            out.println("2. deployed function " + FUNCTION + " (java21, example.ChangePrinter)");
            String uuid = client.createMapping(streamArn, FUNCTION);
            out.println("3. mapped the stream to the function: event source mapping " + uuid);
            out.println();
            out.flush();
            long seen = 0;
            seen = change(server, out, seen, "4. insert order 1", () -> client.put(TABLE, "1", "new", 20));
            seen = change(server, out, seen, "5. insert order 2", () -> client.put(TABLE, "2", "new", 35));
            seen = change(server, out, seen, "6. update order 1", () -> client.put(TABLE, "1", "paid", 20));
            change(server, out, seen, "7. delete order 2", () -> client.delete(TABLE, "2"));
            out.println();
            out.println(DemoCli.commands(server.endpoint(), streamArn, handlerJar));
            out.flush();
            if (!exit) {
                out.println("The server keeps running for these commands; press Ctrl-C to stop it.");
                out.flush();
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
            }
        }
        return 0;
    }

    private interface Change {
        void run() throws IOException, InterruptedException;
    }

    /**
     * Makes one change, waits until the mapping has handed it to the function, and prints the
     * invocation's log lines after {@code seen}; returns the new position in the log.
     */
    private static long change(EddyServer server, PrintWriter out, long seen, String title, Change change)
            throws IOException, InterruptedException {
        out.println(title);
        out.flush();
        change.run();
        if (!server.mappingRunner().awaitDrained(null, Duration.ofSeconds(30))) {
            throw new IllegalStateException("the mapping did not deliver the change within 30 s");
        }
        FunctionLogs logs = server.functions().logs();
        long after = seen;
        boolean reported = false;
        while (!reported) {
            FunctionLogs.Page page = logs.await(FUNCTION, after, 100, Duration.ofSeconds(5));
            if (page.events().isEmpty()) {
                break;
            }
            for (FunctionLogs.LogEvent e : page.events()) {
                out.println("   | " + e.message().stripTrailing());
                reported |= e.message().startsWith("REPORT");
            }
            after = page.nextSequence();
        }
        out.flush();
        return after;
    }
}
