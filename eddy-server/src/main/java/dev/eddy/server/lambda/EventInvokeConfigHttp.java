package dev.eddy.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.function.EventInvokeConfig;
import dev.eddy.function.EventInvokeConfigRequest;
import dev.eddy.function.EventInvokeConfigs;
import dev.eddy.server.http.RestRoutes;
import dev.eddy.server.http.RestService;
import dev.eddy.server.http.Violations;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Lambda's event invoke configuration operations (REST-JSON, version 2019-09-25) on {@value
 * #PATH}: Put (PUT, replaces), Update (POST, merges), Get, Delete (204) and List ({@code /list}).
 * Checks the model's ranges and patterns as framework ValidationExceptions, calls {@link
 * EventInvokeConfigs}, renders {@code FunctionEventInvokeConfig}.
 */
public final class EventInvokeConfigHttp implements RestService {
    private static final String PATH = "/2019-09-25/functions/{name}/event-invoke-config";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern DESTINATION =
            Pattern.compile("$|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:"
                    + "((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)");

    private final EventInvokeConfigs configs;

    public EventInvokeConfigHttp(EventInvokeConfigs configs) {
        this.configs = configs;
    }

    @Override
    public void routes(RestRoutes routes) {
        routes.put(PATH, this::put)
                .post(PATH, this::update)
                .get(PATH, this::get)
                .delete(PATH, this::delete)
                .get(PATH + "/list", this::list);
    }

    private void put(ServerRequest req, ServerResponse res) throws IOException {
        EventInvokeConfig c = configs.put(name(req), qualifier(req), request(LambdaJsonBodies.read(req)));
        LambdaJsonBodies.send(res, Status.OK_200, render(c));
    }

    private void update(ServerRequest req, ServerResponse res) throws IOException {
        EventInvokeConfig c = configs.update(name(req), qualifier(req), request(LambdaJsonBodies.read(req)));
        LambdaJsonBodies.send(res, Status.OK_200, render(c));
    }

    private void get(ServerRequest req, ServerResponse res) throws IOException {
        LambdaJsonBodies.send(res, Status.OK_200, render(configs.get(name(req), qualifier(req))));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        configs.delete(name(req), qualifier(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void list(ServerRequest req, ServerResponse res) throws IOException {
        String max = req.query().first("MaxItems").orElse(null);
        int limit = 50;
        if (max != null) {
            Violations v = new Violations(ErrorCode.LAMBDA_VALIDATION);
            limit = LambdaJsonBodies.number(max, "maxItems");
            v.range("maxItems", (long) limit, 1, 50);
            v.throwIfAny();
        }
        // the marker is the qualifier of the last configuration shown; qualifiers are ASCII, listed in order
        String marker = req.query().first("Marker").orElse(null);
        List<EventInvokeConfig> page = configs.list(name(req)).stream()
                .filter(c -> marker == null || c.qualifier().compareTo(marker) > 0)
                .toList();
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("FunctionEventInvokeConfigs");
        page.stream().limit(limit).forEach(c -> list.add(render(c)));
        if (page.size() > limit) {
            out.put("NextMarker", page.get(limit - 1).qualifier());
        }
        LambdaJsonBodies.send(res, Status.OK_200, out);
    }

    /** Parses a Put or Update body; the model's constraints are checked here, Lambda's rules by the engine. */
    static EventInvokeConfigRequest request(JsonNode body) {
        Violations v = new Violations(ErrorCode.LAMBDA_VALIDATION);
        Integer retries = integer(body, "MaximumRetryAttempts");
        Integer age = integer(body, "MaximumEventAgeInSeconds");
        v.range("maximumRetryAttempts", retries == null ? null : retries.longValue(), 0, 2);
        v.range("maximumEventAgeInSeconds", age == null ? null : age.longValue(), 60, 21_600);
        JsonNode destinations = body.path("DestinationConfig");
        String onSuccess = destination(v, destinations, "OnSuccess", "onSuccess");
        String onFailure = destination(v, destinations, "OnFailure", "onFailure");
        v.throwIfAny();
        return new EventInvokeConfigRequest(retries, age, onSuccess, onFailure);
    }

    /** The destination ARN; the empty string for a member without one, null when the member is absent. */
    private static String destination(Violations v, JsonNode config, String field, String member) {
        JsonNode n = config.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        String arn = LambdaRequests.text(n, "Destination");
        String m = "destinationConfig." + member + ".destination";
        v.length(m, arn, 0, 350);
        v.pattern(m, arn, DESTINATION);
        return arn == null ? "" : arn;
    }

    private static Integer integer(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_REQUEST_CONTENT,
                    "Could not parse request body into json: " + field + " must be an integer");
        }
        return n.asInt();
    }

    /** {@code FunctionEventInvokeConfig}: only the members that were set, and always DestinationConfig. */
    private ObjectNode render(EventInvokeConfig c) {
        ObjectNode n = NODES.objectNode();
        // a REST-JSON timestamp: epoch seconds with milliseconds
        n.put("LastModified", BigDecimal.valueOf(c.lastModifiedMillis(), 3));
        n.put("FunctionArn", configs.functionArn(c).toString());
        if (c.maximumRetryAttempts() != null) {
            n.put("MaximumRetryAttempts", c.maximumRetryAttempts());
        }
        if (c.maximumEventAgeInSeconds() != null) {
            n.put("MaximumEventAgeInSeconds", c.maximumEventAgeInSeconds());
        }
        ObjectNode destinations = n.putObject("DestinationConfig");
        ObjectNode success = destinations.putObject("OnSuccess");
        if (c.onSuccess() != null) {
            success.put("Destination", c.onSuccess());
        }
        ObjectNode failure = destinations.putObject("OnFailure");
        if (c.onFailure() != null) {
            failure.put("Destination", c.onFailure());
        }
        return n;
    }

    private static String name(ServerRequest req) {
        return LambdaJsonBodies.pathParameter(req, "name");
    }

    private static String qualifier(ServerRequest req) {
        return req.query().first("Qualifier").orElse(null);
    }

    @Override
    public ObjectNode errorBody(EddyException e) {
        return LambdaErrors.body(e);
    }

    @Override
    public EddyException internalError() {
        return LambdaJsonBodies.internalError();
    }
}
