package dev.eddy.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.mapping.MappingEngine;
import dev.eddy.mapping.MappingPage;
import dev.eddy.server.http.RestRoutes;
import dev.eddy.server.http.RestService;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;

/**
 * Lambda's event source mapping operations (REST-JSON, version 2015-03-31): Create (202), Get,
 * Update (202), Delete (202) and List, on {@value #MAPPINGS} with and without a trailing slash.
 * Parses, calls the {@link MappingEngine}, renders; errors get Lambda's body shapes.
 */
public final class EventSourceMappingHttp implements RestService {
    private static final String MAPPINGS = "/2015-03-31/event-source-mappings";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MappingEngine mappings;

    public EventSourceMappingHttp(MappingEngine mappings) {
        this.mappings = mappings;
    }

    @Override
    public void routes(RestRoutes routes) {
        routes.post(MAPPINGS, this::create)
                .post(MAPPINGS + "/", this::create)
                .get(MAPPINGS, this::list)
                .get(MAPPINGS + "/", this::list)
                .get(MAPPINGS + "/{uuid}", this::get)
                .put(MAPPINGS + "/{uuid}", this::update)
                .delete(MAPPINGS + "/{uuid}", this::delete);
    }

    private void create(ServerRequest req, ServerResponse res) throws IOException {
        var m = mappings.create(MappingJson.request(body(req)));
        send(res, Status.ACCEPTED_202, MappingJson.configuration(mappings, m));
    }

    private void get(ServerRequest req, ServerResponse res) throws IOException {
        send(res, Status.OK_200, MappingJson.configuration(mappings, mappings.get(uuid(req))));
    }

    private void update(ServerRequest req, ServerResponse res) throws IOException {
        var m = mappings.update(uuid(req), MappingJson.request(body(req)));
        send(res, Status.ACCEPTED_202, MappingJson.configuration(mappings, m));
    }

    private void delete(ServerRequest req, ServerResponse res) throws IOException {
        send(res, Status.ACCEPTED_202, MappingJson.configuration(mappings, mappings.delete(uuid(req))));
    }

    private void list(ServerRequest req, ServerResponse res) throws IOException {
        String max = req.query().first("MaxItems").orElse(null);
        int maxItems = MappingEngine.MAX_PAGE;
        if (max != null) {
            int n = LambdaJsonBodies.number(max, "maxItems");
            if (n < 1 || n > 10000) {
                throw new EddyException(
                        ErrorCode.LAMBDA_VALIDATION,
                        "1 validation error detected: Value '" + n
                                + "' at 'maxItems' failed to satisfy constraint: Member must have value "
                                + (n < 1 ? "greater than or equal to 1" : "less than or equal to 10000"));
            }
            maxItems = n;
        }
        MappingPage page = mappings.list(
                req.query().first("EventSourceArn").orElse(null),
                req.query().first("FunctionName").orElse(null),
                req.query().first("Marker").orElse(null),
                maxItems);
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("EventSourceMappings");
        page.mappings().forEach(m -> list.add(MappingJson.configuration(mappings, m)));
        if (page.nextMarker() != null) {
            out.put("NextMarker", page.nextMarker());
        }
        send(res, Status.OK_200, out);
    }

    private static String uuid(ServerRequest req) {
        return req.path().pathParameters().get("uuid");
    }

    private JsonNode body(ServerRequest req) throws IOException {
        return LambdaJsonBodies.read(req);
    }

    private static void send(ServerResponse res, Status status, JsonNode body) throws IOException {
        LambdaJsonBodies.send(res, status, body);
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
