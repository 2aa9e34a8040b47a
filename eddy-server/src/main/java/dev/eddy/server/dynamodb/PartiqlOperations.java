package dev.eddy.server.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorDetail;
import dev.eddy.item.AttributeValue;
import dev.eddy.partiql.PartiqlEngine;
import dev.eddy.partiql.PartiqlParser;
import dev.eddy.partiql.Statement;
import dev.eddy.server.http.JsonRequest;
import dev.eddy.table.TableEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ExecuteStatement, BatchExecuteStatement and ExecuteTransaction: parse, validate, run, render. */
final class PartiqlOperations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> CAPACITY = Set.of("INDEXES", "TOTAL", "NONE");
    private static final Set<String> ON_FAILURE = Set.of("ALL_OLD", "NONE");
    static final int MAX_BATCH = 25;
    static final int MAX_TRANSACTION = 100;

    private final PartiqlEngine partiql;

    PartiqlOperations(TableEngine engine) {
        this.partiql = new PartiqlEngine(engine);
    }

    ObjectNode executeStatement(JsonRequest r) {
        String text = r.string("Statement");
        r.required("statement", text);
        r.length("statement", text, 1, 8192);
        ArrayNode parameters = r.array("Parameters");
        if (parameters != null) {
            r.size("parameters", parameters.toString(), parameters.size(), 1, Integer.MAX_VALUE);
        }
        Boolean consistent = r.bool("ConsistentRead");
        r.oneOf("returnConsumedCapacity", r.string("ReturnConsumedCapacity"), CAPACITY);
        String onFailure = r.string("ReturnValuesOnConditionCheckFailure");
        r.oneOf("returnValuesOnConditionCheckFailure", onFailure, ON_FAILURE);
        Long limit = r.number("Limit");
        r.range("limit", limit, 1, Integer.MAX_VALUE);
        String nextToken = r.string("NextToken");
        r.length("nextToken", nextToken, 1, 32768);
        r.check();
        Statement statement = PartiqlParser.parse(text, values(parameters));
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("Items");
        if (statement instanceof Statement.Select select) {
            PartiqlEngine.Page page = partiql.select(
                    select,
                    Boolean.TRUE.equals(consistent),
                    limit == null || limit > Integer.MAX_VALUE ? null : limit.intValue(),
                    NextTokens.decode(nextToken));
            page.items().forEach(item -> list.add(AttributeValueJson.render(item)));
            if (page.lastEvaluatedKey() != null) {
                out.put("NextToken", NextTokens.encode(page.lastEvaluatedKey()));
                out.set("LastEvaluatedKey", AttributeValueJson.render(page.lastEvaluatedKey()));
            }
            return out;
        }
        List<Map<String, AttributeValue>> items = partiql.execute(
                new PartiqlEngine.Request(statement, Boolean.TRUE.equals(consistent), "ALL_OLD".equals(onFailure)));
        items.forEach(item -> list.add(AttributeValueJson.render(item)));
        return out;
    }

    ObjectNode batchExecuteStatement(JsonRequest r) {
        ArrayNode statements = r.array("Statements");
        r.required("statements", statements);
        if (statements != null) {
            r.size("statements", statements.toString(), statements.size(), 1, MAX_BATCH);
        }
        r.oneOf("returnConsumedCapacity", r.string("ReturnConsumedCapacity"), CAPACITY);
        List<ObjectNode> elements = elements(r, statements, "statements");
        r.check();
        List<Object> parsed = new ArrayList<>();
        for (ObjectNode e : elements) {
            try {
                parsed.add(request(e));
            } catch (EddyException ex) {
                parsed.add(ex);
            }
        }
        boolean anyRead = parsed.stream()
                .anyMatch(p ->
                        p instanceof PartiqlEngine.Request q && q.statement().isRead());
        boolean anyWrite = parsed.stream()
                .anyMatch(p ->
                        p instanceof PartiqlEngine.Request q && !q.statement().isRead());
        if (anyRead && anyWrite) {
            throw EddyException.validation("Statements in a batch must either be all reads or all writes");
        }
        ObjectNode out = NODES.objectNode();
        ArrayNode responses = out.putArray("Responses");
        for (Object p : parsed) {
            ObjectNode response = responses.addObject();
            if (p instanceof EddyException ex) {
                error(response, ex);
                continue;
            }
            PartiqlEngine.Request request = (PartiqlEngine.Request) p;
            response.put("TableName", request.statement().table());
            try {
                List<Map<String, AttributeValue>> items = partiql.execute(request);
                if (request.statement().isRead() && !items.isEmpty()) {
                    response.set("Item", AttributeValueJson.render(items.getFirst()));
                }
            } catch (EddyException ex) {
                error(response, ex);
            }
        }
        return out;
    }

    ObjectNode executeTransaction(JsonRequest r) {
        ArrayNode statements = r.array("TransactStatements");
        r.required("transactStatements", statements);
        if (statements != null) {
            r.size("transactStatements", statements.toString(), statements.size(), 1, MAX_TRANSACTION);
        }
        String token = r.string("ClientRequestToken");
        r.length("clientRequestToken", token, 1, 36);
        r.oneOf("returnConsumedCapacity", r.string("ReturnConsumedCapacity"), CAPACITY);
        List<ObjectNode> elements = elements(r, statements, "transactStatements");
        r.check();
        List<PartiqlEngine.Request> requests = new ArrayList<>();
        for (ObjectNode e : elements) {
            requests.add(request(e));
        }
        String fingerprint = token == null ? null : TransactionOperations.fingerprint(statements);
        List<Map<String, AttributeValue>> items = partiql.transaction(requests, token, fingerprint);
        ObjectNode out = NODES.objectNode();
        if (requests.getFirst().statement().isRead()) {
            ArrayNode responses = out.putArray("Responses");
            for (Map<String, AttributeValue> item : items) {
                ObjectNode response = responses.addObject();
                if (item != null) {
                    response.set("Item", AttributeValueJson.render(item));
                }
            }
        }
        return out;
    }

    private static List<ObjectNode> elements(JsonRequest r, ArrayNode statements, String member) {
        List<ObjectNode> out = new ArrayList<>();
        if (statements == null) {
            return out;
        }
        for (int i = 0; i < statements.size(); i++) {
            JsonNode e = statements.get(i);
            if (!e.isObject()) {
                throw JsonRequest.wrongType(e);
            }
            String prefix = member + "." + (i + 1) + ".member.";
            String text = JsonRequest.string(e, "Statement");
            r.required(prefix + "statement", text);
            r.length(prefix + "statement", text, 1, 8192);
            JsonRequest.bool(e, "ConsistentRead");
            r.oneOf(
                    prefix + "returnValuesOnConditionCheckFailure",
                    JsonRequest.string(e, "ReturnValuesOnConditionCheckFailure"),
                    ON_FAILURE);
            JsonRequest.array(e, "Parameters");
            out.add((ObjectNode) e);
        }
        return out;
    }

    private static PartiqlEngine.Request request(ObjectNode e) {
        Statement statement =
                PartiqlParser.parse(JsonRequest.string(e, "Statement"), values(JsonRequest.array(e, "Parameters")));
        return new PartiqlEngine.Request(
                statement,
                Boolean.TRUE.equals(JsonRequest.bool(e, "ConsistentRead")),
                "ALL_OLD".equals(JsonRequest.string(e, "ReturnValuesOnConditionCheckFailure")));
    }

    private static List<AttributeValue> values(ArrayNode parameters) {
        List<AttributeValue> values = new ArrayList<>();
        if (parameters != null) {
            for (JsonNode n : parameters) {
                values.add(AttributeValueJson.value(n, 1));
            }
        }
        return values;
    }

    private static void error(ObjectNode response, EddyException e) {
        ObjectNode error = response.putObject("Error");
        error.put(
                "Code",
                switch (e.code()) {
                    case CONDITIONAL_CHECK_FAILED -> "ConditionalCheckFailed";
                    case DUPLICATE_ITEM -> "DuplicateItem";
                    case VALIDATION, SERIALIZATION -> "ValidationError";
                    case RESOURCE_NOT_FOUND -> "ResourceNotFound";
                    case TRANSACTION_CONFLICT -> "TransactionConflict";
                    case ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED -> "ItemCollectionSizeLimitExceeded";
                    default -> "InternalServerError";
                });
        error.put("Message", e.getMessage());
        if (e.detail() instanceof ErrorDetail.OldItem old) {
            error.set("Item", AttributeValueJson.render(old.item()));
        }
    }
}
