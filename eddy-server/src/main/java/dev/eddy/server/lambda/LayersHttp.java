package dev.eddy.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.function.FunctionLayers;
import dev.eddy.function.LayerVersion;
import dev.eddy.server.http.RestRoutes;
import dev.eddy.server.http.RestService;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * Lambda's layer operations (REST-JSON, version 2018-10-31): PublishLayerVersion, GetLayerVersion,
 * GetLayerVersionByArn, ListLayers, ListLayerVersions, DeleteLayerVersion; plus Eddy's own
 * download of a layer version's zip, where {@code Content.Location} points.
 */
public final class LayersHttp implements RestService {
    private static final String LAYERS = "/2018-10-31/layers";
    private static final String CONTENT = LambdaHttp.EDDY_PREFIX + "/layers/{name}/versions/{version}/content";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final FunctionLayers layers;
    private final Supplier<String> endpoint;

    /** @param endpoint the server's base URL (for Content.Location), known once it listens */
    public LayersHttp(FunctionLayers layers, Supplier<String> endpoint) {
        this.layers = layers;
        this.endpoint = endpoint;
    }

    @Override
    public void routes(RestRoutes routes) {
        routes.get(LAYERS, this::listOrFind)
                .post(LAYERS + "/{name}/versions", this::publish)
                .get(LAYERS + "/{name}/versions", this::listVersions)
                .get(LAYERS + "/{name}/versions/{version}", this::get)
                .delete(LAYERS + "/{name}/versions/{version}", this::delete)
                .get(CONTENT, this::content);
    }

    private void publish(ServerRequest req, ServerResponse res) throws IOException {
        JsonNode body = LambdaJsonBodies.read(req);
        JsonNode content = body.get("Content");
        if (content == null || content.isNull()) {
            throw new EddyException(
                    ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value null at 'content' failed to satisfy constraint: Member must "
                            + "not be null");
        }
        byte[] zip = null;
        JsonNode z = content.get("ZipFile");
        if (z != null && !z.isNull()) {
            try {
                zip = Base64.getDecoder().decode(z.asText());
            } catch (IllegalArgumentException e) {
                throw new EddyException(
                        ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                        "Could not unzip uploaded file. Please check your file.");
            }
        }
        LayerVersion l = layers.publish(
                name(req),
                new FunctionLayers.Publish(
                        text(body, "Description"),
                        zip,
                        list(body, "CompatibleRuntimes"),
                        list(body, "CompatibleArchitectures"),
                        text(body, "LicenseInfo")));
        LambdaJsonBodies.send(res, Status.CREATED_201, full(l));
    }

    private void get(ServerRequest req, ServerResponse res) throws IOException {
        LambdaJsonBodies.send(res, Status.OK_200, full(layers.get(name(req), version(req))));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        layers.delete(name(req), version(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void listOrFind(ServerRequest req, ServerResponse res) throws IOException {
        if ("LayerVersion".equals(query(req, "find"))) {
            LambdaJsonBodies.send(res, Status.OK_200, full(layers.getByArn(query(req, "Arn"))));
            return;
        }
        FunctionLayers.Page page = layers.listLayers(
                query(req, "CompatibleRuntime"), query(req, "CompatibleArchitecture"), query(req, "Marker"), max(req));
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("Layers");
        for (LayerVersion l : page.versions()) {
            ObjectNode n = list.addObject();
            n.put("LayerName", l.layerName());
            n.put("LayerArn", layers.layerArn(l.layerName()));
            n.set("LatestMatchingVersion", item(l));
        }
        if (page.nextMarker() != null) {
            out.put("NextMarker", page.nextMarker());
        }
        LambdaJsonBodies.send(res, Status.OK_200, out);
    }

    private void listVersions(ServerRequest req, ServerResponse res) throws IOException {
        FunctionLayers.Page page = layers.listVersions(
                name(req),
                query(req, "CompatibleRuntime"),
                query(req, "CompatibleArchitecture"),
                query(req, "Marker"),
                max(req));
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("LayerVersions");
        page.versions().forEach(l -> list.add(item(l)));
        if (page.nextMarker() != null) {
            out.put("NextMarker", page.nextMarker());
        }
        LambdaJsonBodies.send(res, Status.OK_200, out);
    }

    /** Eddy-specific: the zip of a layer version. */
    private void content(ServerRequest req, ServerResponse res) {
        byte[] zip = layers.content(name(req), version(req));
        if (zip == null) {
            throw new EddyException(ErrorCode.LAMBDA_RESOURCE_NOT_FOUND, "The resource you requested does not exist.");
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/zip");
        res.status(Status.OK_200).send(zip);
    }

    /** PublishLayerVersion / GetLayerVersion's answer. */
    private ObjectNode full(LayerVersion l) {
        ObjectNode n = NODES.objectNode();
        ObjectNode content = n.putObject("Content");
        content.put(
                "Location",
                endpoint.get() + LambdaHttp.EDDY_PREFIX + "/layers/" + l.layerName() + "/versions/" + l.version()
                        + "/content");
        content.put("CodeSha256", l.codeSha256());
        content.put("CodeSize", l.codeSize());
        n.put("LayerArn", layers.layerArn(l.layerName()));
        n.put("LayerVersionArn", layers.versionArn(l));
        n.put("Description", l.description());
        n.put("CreatedDate", l.createdDate());
        n.put("Version", l.version());
        putList(n, "CompatibleRuntimes", l.compatibleRuntimes());
        if (l.licenseInfo() != null) {
            n.put("LicenseInfo", l.licenseInfo());
        }
        putList(n, "CompatibleArchitectures", l.compatibleArchitectures());
        return n;
    }

    /** LayerVersionsListItem. */
    private ObjectNode item(LayerVersion l) {
        ObjectNode n = NODES.objectNode();
        n.put("LayerVersionArn", layers.versionArn(l));
        n.put("Version", l.version());
        n.put("Description", l.description());
        n.put("CreatedDate", l.createdDate());
        putList(n, "CompatibleRuntimes", l.compatibleRuntimes());
        if (l.licenseInfo() != null) {
            n.put("LicenseInfo", l.licenseInfo());
        }
        putList(n, "CompatibleArchitectures", l.compatibleArchitectures());
        return n;
    }

    private static void putList(ObjectNode n, String field, List<String> values) {
        if (!values.isEmpty()) {
            values.forEach(n.putArray(field)::add);
        }
    }

    private static List<String> list(JsonNode body, String member) {
        JsonNode a = body.get(member);
        if (a == null || a.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        a.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static long version(ServerRequest req) {
        String raw = req.path().pathParameters().get("version");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new EddyException(
                    ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value '" + raw
                            + "' at 'versionNumber' failed to satisfy constraint: Member must be a number");
        }
    }

    private static Integer max(ServerRequest req) {
        String max = query(req, "MaxItems");
        if (max == null) {
            return null;
        }
        int n = LambdaJsonBodies.number(max, "maxItems");
        if (n < 1 || n > 50) {
            throw new EddyException(
                    ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value '" + n
                            + "' at 'maxItems' failed to satisfy constraint: Member must have value "
                            + (n < 1 ? "greater than or equal to 1" : "less than or equal to 50"));
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
