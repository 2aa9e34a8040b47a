package dev.eddy.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.mapping.Mapping;
import dev.eddy.mapping.MappingEngine;
import dev.eddy.mapping.MappingRequest;
import dev.eddy.mapping.MappingSettings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of event source mappings: request bodies into {@link MappingRequest}s, mappings into
 * EventSourceMappingConfiguration (aws-semantics 4.2). Stateless.
 */
final class MappingJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MappingJson() {}

    /** EventSourceMappingConfiguration: every member Lambda shows for a DynamoDB stream mapping. */
    static ObjectNode configuration(MappingEngine engine, Mapping m) {
        MappingSettings s = m.settings();
        ObjectNode out = NODES.objectNode();
        out.put("UUID", m.uuid());
        out.put("EventSourceMappingArn", engine.arn(m.uuid()).toString());
        out.put("EventSourceArn", m.eventSourceArn());
        out.put("FunctionArn", m.functionArn());
        out.put("StartingPosition", m.startingPosition().name());
        out.put("BatchSize", s.batchSize());
        out.put("MaximumBatchingWindowInSeconds", s.maximumBatchingWindowInSeconds());
        out.put("ParallelizationFactor", s.parallelizationFactor());
        out.put("MaximumRetryAttempts", s.maximumRetryAttempts());
        out.put("MaximumRecordAgeInSeconds", s.maximumRecordAgeInSeconds());
        out.put("BisectBatchOnFunctionError", s.bisectBatchOnFunctionError());
        out.put("TumblingWindowInSeconds", s.tumblingWindowInSeconds());
        ArrayNode types = out.putArray("FunctionResponseTypes");
        s.functionResponseTypes().forEach(types::add);
        ObjectNode onFailure = out.putObject("DestinationConfig").putObject("OnFailure");
        if (s.onFailureDestination() != null) {
            onFailure.put("Destination", s.onFailureDestination());
        }
        if (s.filterPatterns() != null) {
            ArrayNode filters = out.putObject("FilterCriteria").putArray("Filters");
            s.filterPatterns().forEach(p -> filters.addObject().put("Pattern", p));
        }
        if (s.metrics() != null) {
            ArrayNode metrics = out.putObject("MetricsConfig").putArray("Metrics");
            s.metrics().forEach(metrics::add);
        }
        if (s.kmsKeyArn() != null) {
            out.put("KMSKeyArn", s.kmsKeyArn());
        }
        // a REST-JSON timestamp: epoch seconds with milliseconds
        out.put("LastModified", BigDecimal.valueOf(m.lastModifiedMillis(), 3));
        out.put("LastProcessingResult", m.lastProcessingResult());
        out.put("State", m.state().wire());
        out.put("StateTransitionReason", m.stateTransitionReason());
        return out;
    }

    /** A Create or Update body. */
    static MappingRequest request(JsonNode body) {
        JsonNode destinations = body.get("DestinationConfig");
        String onFailure = null;
        String onSuccess = null;
        if (destinations != null && destinations.isObject()) {
            onFailure = destinations.path("OnFailure").path("Destination").asText("");
            JsonNode success = destinations.path("OnSuccess").path("Destination");
            onSuccess = success.isMissingNode() || success.isNull() ? null : success.asText();
        }
        return new MappingRequest(
                text(body, "EventSourceArn"),
                text(body, "FunctionName"),
                bool(body, "Enabled"),
                integer(body, "BatchSize"),
                integer(body, "MaximumBatchingWindowInSeconds"),
                text(body, "StartingPosition"),
                integer(body, "ParallelizationFactor"),
                integer(body, "MaximumRetryAttempts"),
                integer(body, "MaximumRecordAgeInSeconds"),
                bool(body, "BisectBatchOnFunctionError"),
                integer(body, "TumblingWindowInSeconds"),
                strings(body.get("FunctionResponseTypes")),
                onFailure,
                onSuccess,
                filters(body.get("FilterCriteria")),
                metrics(body.get("MetricsConfig")),
                text(body, "KMSKeyArn"),
                tags(body.get("Tags")));
    }

    private static List<String> filters(JsonNode criteria) {
        if (criteria == null || criteria.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode f : criteria.path("Filters")) {
            JsonNode pattern = f.get("Pattern");
            out.add(pattern == null || pattern.isNull() ? "" : pattern.asText());
        }
        return out;
    }

    private static List<String> metrics(JsonNode config) {
        return config == null || config.isNull() ? null : strings(config.path("Metrics"));
    }

    private static List<String> strings(JsonNode array) {
        if (array == null || array.isNull() || array.isMissingNode()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> tags(JsonNode tags) {
        if (tags == null || !tags.isObject()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        tags.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Boolean bool(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asBoolean();
    }

    private static Integer integer(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToInt()) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_REQUEST_CONTENT,
                    "Could not parse request body into json: " + field + " is not an integer");
        }
        return n.asInt();
    }
}
