package dev.eddy.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionErrorJsonTest {
    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Test
    void runtimeErrorsPutTheMessageFirstAndOmitWhatIsAbsent() {
        assertThat(text(FunctionErrorJson.of(
                        "boom: bad",
                        "java.lang.IllegalStateException",
                        List.of(
                                "example.Boom.handleRequest(Boom.java:12)",
                                "example.Boom.handleRequest(Boom.java:9)"))))
                .isEqualTo("{\"errorMessage\":\"boom: bad\",\"errorType\":\"java.lang.IllegalStateException\","
                        + "\"stackTrace\":[\"example.Boom.handleRequest(Boom.java:12)\","
                        + "\"example.Boom.handleRequest(Boom.java:9)\"]}");
        assertThat(text(FunctionErrorJson.of(
                        "An error occurred during JSON parsing", "java.lang.RuntimeException", List.of())))
                .isEqualTo("{\"errorMessage\":\"An error occurred during JSON parsing\","
                        + "\"errorType\":\"java.lang.RuntimeException\",\"stackTrace\":[]}");
        assertThat(text(FunctionErrorJson.of("Class not found: x.Y", "java.lang.ClassNotFoundException", null)))
                .isEqualTo(
                        "{\"errorMessage\":\"Class not found: x.Y\",\"errorType\":\"java.lang.ClassNotFoundException\"}");
        assertThat(text(FunctionErrorJson.of("no handler interface", null, null)))
                .isEqualTo("{\"errorMessage\":\"no handler interface\"}");
    }

    @Test
    void sandboxErrorsPutTheTypeFirst() {
        assertThat(text(FunctionErrorJson.sandbox(
                        "Sandbox.Timedout", "RequestId: r-1 Error: Task timed out after " + "1.00 seconds")))
                .isEqualTo("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: r-1 "
                        + "Error: Task timed out after 1.00 seconds\"}");
    }

    @Test
    void everyStringIsEscapedAndReadsBackUnchanged() throws Exception {
        String message = "quote \" backslash \\ newline \n tab \t bell \u0007 nul \u0000 é € 😀 </script>";
        String type = "a\"b";
        String frame = "C:\\path\r\n";
        byte[] json = FunctionErrorJson.of(message, type, List.of(frame));

        assertThat(text(json))
                .startsWith("{\"errorMessage\":\"quote \\\" backslash \\\\ newline \\n tab \\t bell "
                        + "\\u0007 nul \\u0000 é € 😀 </script>\",\"errorType\":\"a\\\"b\"");
        JsonNode read = new ObjectMapper().readTree(json);
        assertThat(read.get("errorMessage").asText()).isEqualTo(message);
        assertThat(read.get("errorType").asText()).isEqualTo(type);
        assertThat(read.get("stackTrace").get(0).asText()).isEqualTo(frame);
        assertThat(new ObjectMapper()
                        .readTree(FunctionErrorJson.sandbox("T\n", message))
                        .get("errorMessage")
                        .asText())
                .isEqualTo(message);
    }
}
