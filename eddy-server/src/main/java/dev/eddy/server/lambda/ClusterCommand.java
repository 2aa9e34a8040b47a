package dev.eddy.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eddy cluster status}: the nodes sharing a running server's store, the leases and who
 * holds them, and the lag of the mappings that server processes (over {@code GET /eddy/v1/cluster}).
 */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = "Look at the nodes sharing a store.",
        subcommands = ClusterCommand.Status.class)
public final class ClusterCommand {

    /** {@code eddy cluster status}. */
    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "List the nodes, the leases and their owners, and the lag of each mapping.")
    public static final class Status implements Callable<Integer> {

        @Option(names = "--endpoint", description = "A node's URL (default: ${DEFAULT-VALUE}).")
        String endpoint = "http://127.0.0.1:8000";

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException, InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            URI uri = URI.create(endpoint.replaceAll("/+$", "") + LambdaHttp.EDDY_PREFIX + "/cluster");
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    err.println("eddy cluster status: HTTP " + r.statusCode() + ": " + r.body());
                    err.flush();
                    return 1;
                }
                print(out, new ObjectMapper().readTree(r.body()));
                return 0;
            } catch (ConnectException e) {
                err.println("eddy cluster status: no server at " + endpoint + " (start one with: eddy serve)");
                err.flush();
                return 2;
            }
        }

        private static void print(PrintWriter out, JsonNode body) {
            if (!body.path("Clustered").asBoolean()) {
                out.println("single node: nothing is leased");
            } else {
                out.println("node " + body.path("NodeId").asText());
                out.println("nodes:");
                for (JsonNode n : body.path("Nodes")) {
                    out.printf(
                            "  %s  %s  last seen %s  %s%n",
                            n.path("NodeId").asText(),
                            n.path("Address").asText().isEmpty()
                                    ? "-"
                                    : n.path("Address").asText(),
                            n.path("LastSeen").asText(),
                            n.path("Live").asBoolean() ? "live" : "dead");
                }
                out.println("leases:");
                for (JsonNode l : body.path("Leases")) {
                    String owner = l.path("Owner").asText();
                    out.printf(
                            "  %s  %s  %s  expires %s%n",
                            l.path("Group").asText(),
                            l.path("Key").asText(),
                            owner.isEmpty() || !l.path("Live").asBoolean() ? "(free)" : owner,
                            l.path("Expiry").asText());
                }
            }
            out.println("mappings processed here:");
            for (JsonNode m : body.path("Mappings")) {
                out.printf(
                        "  %s  lag %d%n", m.path("UUID").asText(), m.path("Lag").asLong());
            }
            out.flush();
        }
    }
}
