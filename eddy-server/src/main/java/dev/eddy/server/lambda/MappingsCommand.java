package dev.eddy.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eddy mappings [--drain [--timeout S] [--uuid U]]}: lists a running server's event source
 * mappings with their state, lag and, per shard, the processor's state, checkpoint and counters;
 * with {@code --drain} it first waits until the mappings have processed every record written so
 * far (exit 0), or the timeout passed (exit 3). Uses the Eddy-specific endpoints under
 * {@code /eddy/v1/mappings}.
 */
@Command(
        name = "mappings",
        mixinStandardHelpOptions = true,
        description = "List the event source mappings of a running Eddy server, with state, position and lag.")
public final class MappingsCommand implements Callable<Integer> {

    @Option(names = "--endpoint", description = "The server's URL (default: ${DEFAULT-VALUE}).")
    String endpoint = "http://127.0.0.1:8000";

    @Option(
            names = "--drain",
            description = "Wait until every enabled mapping has processed everything written so far, then list.")
    boolean drain;

    @Option(names = "--timeout", description = "Seconds to wait with --drain (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 60;

    @Option(names = "--uuid", description = "With --drain: wait for this mapping only.")
    String uuid;

    @Spec
    CommandSpec spec;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = endpoint.replaceAll("/+$", "") + LambdaHttp.EDDY_PREFIX + "/mappings";
        try {
            boolean drained = true;
            if (drain) {
                String url = base + "/drain?TimeoutSeconds=" + timeoutSeconds
                        + (uuid == null ? "" : "&UUID=" + URLEncoder.encode(uuid, StandardCharsets.UTF_8));
                JsonNode r = call(
                        http,
                        HttpRequest.newBuilder(URI.create(url))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .timeout(Duration.ofSeconds(timeoutSeconds + 30L)));
                drained = r.path("Drained").asBoolean();
                if (!drained) {
                    err.println("eddy mappings: not drained after " + timeoutSeconds + " s");
                    err.flush();
                }
            }
            print(out, call(http, HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(30))));
            return drained ? 0 : 3;
        } catch (ConnectException e) {
            err.println("eddy mappings: no server at " + endpoint + " (start one with: eddy serve)");
            err.flush();
            return 2;
        } catch (IllegalStateException e) {
            err.println("eddy mappings: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private JsonNode call(HttpClient http, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = json.readTree(r.body());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(
                    body.has("Message")
                            ? body.get("Message").asText()
                            : body.path("message").asText());
        }
        return body;
    }

    private static void print(PrintWriter out, JsonNode body) {
        JsonNode mappings = body.path("Mappings");
        if (mappings.isEmpty()) {
            out.println("no event source mappings");
        }
        for (JsonNode m : mappings) {
            out.printf(
                    "%s  %s  lag %d  %s%n  %s -> %s%n",
                    m.path("UUID").asText(),
                    m.path("State").asText(),
                    m.path("Lag").asLong(),
                    m.path("LastProcessingResult").asText(),
                    m.path("EventSourceArn").asText(),
                    m.path("FunctionArn").asText());
            for (JsonNode s : m.path("Shards")) {
                out.printf(
                        "    %s  %-11s checkpoint %s  lag %d  polled %d  filtered %d  failed %d  dropped %d  to destination %d%n",
                        s.path("ShardId").asText(),
                        s.path("State").asText(),
                        s.path("Checkpoint").isNull()
                                ? "-"
                                : s.path("Checkpoint").asText(),
                        s.path("Lag").asLong(),
                        s.path("PolledEventCount").asLong(),
                        s.path("FilteredOutEventCount").asLong(),
                        s.path("FailedInvokeEventCount").asLong(),
                        s.path("DroppedEventCount").asLong(),
                        s.path("OnFailureDestinationDeliveredEventCount").asLong());
            }
        }
        out.flush();
    }
}
