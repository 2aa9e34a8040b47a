package dev.eddy.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.function.FunctionAlias;
import dev.eddy.function.FunctionAliases;
import dev.eddy.function.FunctionService;
import dev.eddy.function.FunctionVersions;
import dev.eddy.function.QualifiedFunction;
import dev.eddy.server.http.RestRoutes;
import dev.eddy.server.http.RestService;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lambda's version and alias operations (REST-JSON, version 2015-03-31): PublishVersion,
 * ListVersionsByFunction, CreateAlias, GetAlias, UpdateAlias, DeleteAlias, ListAliases. Reads the
 * request members, calls {@link FunctionVersions} and {@link FunctionAliases}, renders
 * FunctionConfiguration and AliasConfiguration.
 */
public final class VersionsHttp implements RestService {
    private static final String FUNCTION = "/2015-03-31/functions/{name}";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final FunctionService functions;

    public VersionsHttp(FunctionService functions) {
        this.functions = functions;
    }

    @Override
    public void routes(RestRoutes routes) {
        routes.post(FUNCTION + "/versions", this::publish)
                .get(FUNCTION + "/versions", this::listVersions)
                .post(FUNCTION + "/aliases", this::createAlias)
                .get(FUNCTION + "/aliases", this::listAliases)
                .get(FUNCTION + "/aliases/{alias}", this::getAlias)
                .put(FUNCTION + "/aliases/{alias}", this::updateAlias)
                .delete(FUNCTION + "/aliases/{alias}", this::deleteAlias);
    }

    private void publish(ServerRequest req, ServerResponse res) throws IOException {
        JsonNode body = LambdaJsonBodies.read(req);
        QualifiedFunction f = functions
                .versions()
                .publish(name(req), text(body, "CodeSha256"), text(body, "RevisionId"), text(body, "Description"));
        LambdaJsonBodies.send(res, Status.CREATED_201, FunctionJson.configuration(functions, f, true));
    }

    private void listVersions(ServerRequest req, ServerResponse res) throws IOException {
        FunctionVersions.VersionPage page = functions.versions().list(name(req), query(req, "Marker"), maxItems(req));
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("Versions");
        page.versions().forEach(f -> list.add(FunctionJson.configuration(functions, f, false)));
        if (page.nextMarker() != null) {
            out.put("NextMarker", page.nextMarker());
        }
        LambdaJsonBodies.send(res, Status.OK_200, out);
    }

    private void createAlias(ServerRequest req, ServerResponse res) throws IOException {
        JsonNode body = LambdaJsonBodies.read(req);
        FunctionAlias a = functions
                .aliases()
                .create(
                        name(req),
                        text(body, "Name"),
                        text(body, "FunctionVersion"),
                        text(body, "Description"),
                        weights(body));
        LambdaJsonBodies.send(res, Status.CREATED_201, alias(a));
    }

    private void getAlias(ServerRequest req, ServerResponse res) throws IOException {
        LambdaJsonBodies.send(res, Status.OK_200, alias(functions.aliases().get(name(req), aliasName(req))));
    }

    private void updateAlias(ServerRequest req, ServerResponse res) throws IOException {
        JsonNode body = LambdaJsonBodies.read(req);
        FunctionAlias a = functions
                .aliases()
                .update(
                        name(req),
                        aliasName(req),
                        text(body, "FunctionVersion"),
                        text(body, "Description"),
                        weights(body),
                        text(body, "RevisionId"));
        LambdaJsonBodies.send(res, Status.OK_200, alias(a));
    }

    private void deleteAlias(ServerRequest req, ServerResponse res) {
        functions.aliases().delete(name(req), aliasName(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void listAliases(ServerRequest req, ServerResponse res) throws IOException {
        FunctionAliases.AliasPage page =
                functions.aliases().list(name(req), query(req, "FunctionVersion"), query(req, "Marker"), maxItems(req));
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("Aliases");
        page.aliases().forEach(a -> list.add(alias(a)));
        if (page.nextMarker() != null) {
            out.put("NextMarker", page.nextMarker());
        }
        LambdaJsonBodies.send(res, Status.OK_200, out);
    }

    /** AliasConfiguration, members in the order Lambda writes them. */
    private ObjectNode alias(FunctionAlias a) {
        ObjectNode n = NODES.objectNode();
        n.put("AliasArn", functions.aliases().arn(a).toString());
        n.put("Name", a.name());
        n.put("FunctionVersion", a.functionVersion());
        n.put("Description", a.description());
        if (!a.additionalVersionWeights().isEmpty()) {
            ObjectNode w = n.putObject("RoutingConfig").putObject("AdditionalVersionWeights");
            a.additionalVersionWeights().forEach(w::put);
        }
        n.put("RevisionId", a.revisionId());
        return n;
    }

    /** RoutingConfig.AdditionalVersionWeights: null when absent, empty to clear. */
    private static Map<String, Double> weights(JsonNode body) {
        JsonNode routing = body.get("RoutingConfig");
        if (routing == null || routing.isNull()) {
            return null;
        }
        JsonNode w = routing.get("AdditionalVersionWeights");
        if (w == null || w.isNull()) {
            return Map.of();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : w.properties()) {
            if (!e.getValue().isNumber()) {
                throw new EddyException(
                        ErrorCode.LAMBDA_INVALID_REQUEST_CONTENT,
                        "Could not parse request body into json: Could not parse payload into json: "
                                + "the weight of version " + e.getKey() + " is not a number");
            }
            out.put(e.getKey(), e.getValue().asDouble());
        }
        return out;
    }

    private static Integer maxItems(ServerRequest req) {
        String max = query(req, "MaxItems");
        if (max == null) {
            return null;
        }
        int n = LambdaJsonBodies.number(max, "maxItems");
        if (n < 1 || n > 10000) {
            throw new EddyException(
                    ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value '" + n
                            + "' at 'maxItems' failed to satisfy constraint: Member must have value "
                            + (n < 1 ? "greater than or equal to 1" : "less than or equal to 10000"));
        }
        return n;
    }

    private static String text(JsonNode body, String member) {
        JsonNode n = body.get(member);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String name(ServerRequest req) {
        return LambdaJsonBodies.pathParameter(req, "name");
    }

    private static String aliasName(ServerRequest req) {
        return LambdaJsonBodies.pathParameter(req, "alias");
    }

    private static String query(ServerRequest req, String name) {
        return req.query().first(name).orElse(null);
    }

    /** Lambda's error bodies. */
    @Override
    public ObjectNode errorBody(EddyException e) {
        return LambdaErrors.body(e);
    }

    @Override
    public EddyException internalError() {
        return LambdaJsonBodies.internalError();
    }
}
