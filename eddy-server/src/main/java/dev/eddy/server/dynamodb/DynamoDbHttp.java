package dev.eddy.server.dynamodb;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.item.AttributeValue;
import dev.eddy.server.StoreWorkers;
import dev.eddy.server.http.JsonRequest;
import dev.eddy.table.TableEngine;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ThreadLocalRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DynamoDB (and DynamoDB Streams) JSON 1.0 endpoint: {@code POST /} with the operation in
 * {@code X-Amz-Target}. Checks run in DynamoDB's order: body parse, target, authentication, member
 * types, constraints, then the operation. Every error is rendered here, in one place.
 */
public final class DynamoDbHttp {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbHttp.class);
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final HeaderName TARGET = HeaderNames.create("X-Amz-Target");
    private static final HeaderName REQUEST_ID = HeaderNames.create("x-amzn-RequestId");
    private static final HeaderName CRC32_HEADER = HeaderNames.create("x-amz-crc32");
    private static final int MAX_BODY = 16 * 1024 * 1024 + 64 * 1024;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final ObjectMapper json;
    private final Map<String, Function<JsonRequest, ObjectNode>> operations = new HashMap<>();
    private final TableOperations tables;

    private final StoreWorkers workers;

    public DynamoDbHttp(TableEngine engine, StoreWorkers workers) {
        this.workers = workers;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build())
                .build();
        this.json = new ObjectMapper(factory);
        this.tables = new TableOperations(engine);
        ItemOperations items = new ItemOperations(engine);
        String p = "DynamoDB_20120810.";
        operations.put(p + "CreateTable", tables::createTable);
        operations.put(p + "DescribeTable", tables::describeTable);
        operations.put(p + "ListTables", tables::listTables);
        operations.put(p + "UpdateTable", tables::updateTable);
        operations.put(p + "DeleteTable", tables::deleteTable);
        operations.put(p + "TagResource", tables::tagResource);
        operations.put(p + "UntagResource", tables::untagResource);
        operations.put(p + "ListTagsOfResource", tables::listTagsOfResource);
        operations.put(p + "DescribeLimits", tables::describeLimits);
        operations.put(p + "PutItem", items::putItem);
        operations.put(p + "GetItem", items::getItem);
        operations.put(p + "UpdateItem", items::updateItem);
        operations.put(p + "DeleteItem", items::deleteItem);
        QueryOperations reads = new QueryOperations(engine);
        operations.put(p + "Query", reads::query);
        operations.put(p + "Scan", reads::scan);
        TimeToLiveOperations ttl = new TimeToLiveOperations(engine);
        operations.put(p + "UpdateTimeToLive", ttl::updateTimeToLive);
        operations.put(p + "DescribeTimeToLive", ttl::describeTimeToLive);
        BatchOperations batches = new BatchOperations(engine);
        operations.put(p + "BatchGetItem", batches::batchGetItem);
        operations.put(p + "BatchWriteItem", batches::batchWriteItem);
        TransactionOperations transactions = new TransactionOperations(engine);
        operations.put(p + "TransactWriteItems", transactions::transactWriteItems);
        operations.put(p + "TransactGetItems", transactions::transactGetItems);
        PartiqlOperations partiql = new PartiqlOperations(engine);
        operations.put(p + "ExecuteStatement", partiql::executeStatement);
        operations.put(p + "BatchExecuteStatement", partiql::batchExecuteStatement);
        operations.put(p + "ExecuteTransaction", partiql::executeTransaction);
    }

    /** Registers another JSON 1.0 operation (for example the DynamoDB Streams API) by full target. */
    public void register(String target, Function<JsonRequest, ObjectNode> operation) {
        operations.put(target, operation);
    }

    /** Handles one request. Never throws: every failure becomes an AWS-shaped error response. */
    public void handle(ServerRequest req, ServerResponse res) {
        String requestId = requestId();
        byte[] body;
        int status = 200;
        try {
            body = workers.call(() -> json.writeValueAsBytes(dispatch(req)));
        } catch (EddyException e) {
            status = e.code().httpStatus();
            body = errorBody(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 500;
            body = errorBody(new EddyException(ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error"));
        } catch (Exception e) {
            LOG.error("request {} failed", requestId, e);
            status = 500;
            body = errorBody(new EddyException(ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error"));
        }
        CRC32 crc = new CRC32();
        crc.update(body);
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        res.header(REQUEST_ID, requestId);
        res.header(CRC32_HEADER, Long.toString(crc.getValue()));
        res.send(body);
    }

    private ObjectNode dispatch(ServerRequest req) {
        JsonNode parsed = parse(req);
        String target = req.headers().first(TARGET).orElse(null);
        Function<JsonRequest, ObjectNode> op = target == null ? null : operations.get(target);
        boolean describeEndpoints = "DynamoDB_20120810.DescribeEndpoints".equals(target);
        if (op == null && !describeEndpoints) {
            throw new EddyException(ErrorCode.UNKNOWN_OPERATION, null);
        }
        Auth.check(req);
        if (!parsed.isObject()) {
            throw JsonRequest.wrongType(parsed);
        }
        JsonRequest request = new JsonRequest((ObjectNode) parsed);
        if (describeEndpoints) {
            return tables.describeEndpoints(request, req.authority());
        }
        return op.apply(request);
    }

    private JsonNode parse(ServerRequest req) {
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        } catch (IOException | RuntimeException e) {
            throw EddyException.serialization("Unable to read the request body");
        }
        if (bytes.length > MAX_BODY) {
            throw EddyException.validation("Request size exceeds the maximum allowed size of 16 MB");
        }
        if (bytes.length == 0) {
            return NODES.objectNode();
        }
        try {
            JsonNode node = json.readTree(bytes);
            return node == null ? NODES.objectNode() : node;
        } catch (JacksonException e) {
            throw EddyException.serialization(e.getOriginalMessage());
        } catch (IOException e) {
            throw EddyException.serialization("Unable to parse the request body");
        }
    }

    private byte[] errorBody(EddyException e) {
        ObjectNode out = NODES.objectNode();
        out.put("__type", e.code().type());
        if (e.getMessage() != null) {
            out.put("message", e.getMessage());
        }
        Object item = e.context().get("item");
        if (item instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, AttributeValue> m = (Map<String, AttributeValue>) map;
            out.set("Item", AttributeValueJson.render(m));
        }
        Object extra = e.context().get("json");
        if (extra instanceof ObjectNode node) {
            out.setAll(node);
        }
        try {
            return json.writeValueAsBytes(out);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String requestId() {
        char[] id = new char[52];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }
}
