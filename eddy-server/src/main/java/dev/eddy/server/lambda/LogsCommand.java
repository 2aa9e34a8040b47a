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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eddy logs FUNCTION [--follow]}: prints a function's log lines (START, END, REPORT and
 * what the handler wrote) from a running server, through the Eddy-specific endpoint
 * {@code GET /eddy/v1/functions/{name}/logs}. With {@code --follow} it keeps long-polling for new
 * lines until interrupted.
 */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = "Print the log of a Lambda function from a running Eddy server.")
public final class LogsCommand implements Callable<Integer> {
    private static final int PAGE = 1000;
    private static final int WAIT_SECONDS = 20;

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "Function name or ARN.")
    String function;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing new lines as they are written.")
    boolean follow;

    @Option(names = "--endpoint", description = "The server's URL (default: ${DEFAULT-VALUE}).")
    String endpoint = "http://127.0.0.1:8000";

    @Spec
    CommandSpec spec;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = endpoint.replaceAll("/+$", "") + LambdaHttp.EDDY_PREFIX + "/functions/"
                + URLEncoder.encode(function, StandardCharsets.UTF_8) + "/logs";
        long after = 0;
        while (true) {
            String url = base + "?after=" + after + "&limit=" + PAGE + (follow ? "&waitSeconds=" + WAIT_SECONDS : "");
            HttpResponse<String> r;
            try {
                r = http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(WAIT_SECONDS + 30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                err.println("eddy logs: no server at " + endpoint + " (start one with: eddy serve)");
                err.flush();
                return 2;
            }
            JsonNode body = json.readTree(r.body());
            if (r.statusCode() != 200) {
                String message = body.has("Message")
                        ? body.get("Message").asText()
                        : body.path("message").asText();
                err.println("eddy logs: " + message);
                err.flush();
                return 1;
            }
            JsonNode events = body.get("events");
            for (JsonNode e : events) {
                out.println(e.get("message").asText());
            }
            out.flush();
            after = body.get("nextSequence").asLong();
            if (!follow && events.size() < PAGE) {
                return 0;
            }
        }
    }
}
