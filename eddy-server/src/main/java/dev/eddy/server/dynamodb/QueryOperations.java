package dev.eddy.server.dynamodb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.expr.Condition;
import dev.eddy.expr.Projection;
import dev.eddy.item.AttributeValue;
import dev.eddy.json.AttributeValueWriter;
import dev.eddy.server.http.JsonRequest;
import dev.eddy.table.CapacityReport;
import dev.eddy.table.Query;
import dev.eddy.table.ReadPage;
import dev.eddy.table.Scan;
import dev.eddy.table.Select;
import dev.eddy.table.TableEngine;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Query and Scan: parse, validate, call the engine, render. */
public final class QueryOperations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // DynamoDB lists the enum values in this order in its messages
    private static final Set<String> SELECT =
            new LinkedHashSet<>(List.of("SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"));
    private static final Set<String> CAPACITY = new LinkedHashSet<>(List.of("INDEXES", "TOTAL", "NONE"));
    private static final Pattern INDEX_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private final TableEngine engine;

    QueryOperations(TableEngine engine) {
        this.engine = engine;
    }

    /** The parameters Query and Scan share, parsed and checked on their own. */
    public record Common(
            String table,
            String indexName,
            String select,
            Integer limit,
            Boolean consistentRead,
            Map<String, AttributeValue> exclusiveStartKey,
            CapacityReport capacity) {}

    /** Parses the shared parameters and records their constraint violations in {@code r}. */
    public static Common common(JsonRequest r) {
        String table = r.string("TableName");
        Names.checkTable(r, "tableName", table, true);
        String index = r.string("IndexName");
        if (index != null) {
            r.length("indexName", index, 3, 255);
            r.pattern("indexName", index, INDEX_NAME);
        }
        String select = r.string("Select");
        r.oneOf("select", select, SELECT);
        Long limit = r.number("Limit");
        r.range("limit", limit, 1, Integer.MAX_VALUE);
        Boolean consistent = r.bool("ConsistentRead");
        ObjectNode startNode = r.object("ExclusiveStartKey");
        Map<String, AttributeValue> start = null;
        if (startNode != null) {
            try {
                start = AttributeValueJson.item(startNode);
            } catch (EddyException e) {
                if (e.code() != ErrorCode.VALIDATION) {
                    throw e;
                }
                throw EddyException.validation("The provided starting key is invalid: " + e.getMessage());
            }
        }
        String capacity = r.string("ReturnConsumedCapacity");
        r.oneOf("returnConsumedCapacity", capacity, CAPACITY);
        return new Common(
                table,
                index,
                select,
                limit == null || limit > Integer.MAX_VALUE ? null : limit.intValue(),
                consistent,
                start,
                capacity == null || !CAPACITY.contains(capacity)
                        ? CapacityReport.NONE
                        : CapacityReport.valueOf(capacity));
    }

    /**
     * Checks Select against the attribute selection of the request, with DynamoDB's messages: Query
     * wraps them as a validation error, Scan does not.
     *
     * @param selectionParameter "ProjectionExpression" or "AttributesToGet", or null when neither was given
     * @return the Select to use, or null for the default
     */
    public static Select select(String select, boolean index, String selectionParameter, boolean query) {
        String prefix = query ? "1 validation error detected: " : "";
        if (select == null) {
            return null;
        }
        if (!select.equals("SPECIFIC_ATTRIBUTES") && selectionParameter != null) {
            String what = select.equals("COUNT") ? "only the Count" : select;
            throw EddyException.validation(
                    prefix + "Cannot specify the " + selectionParameter + " when choosing to get " + what);
        }
        if (select.equals("SPECIFIC_ATTRIBUTES") && selectionParameter == null) {
            throw EddyException.validation(prefix + "Must specify the AttributesToGet or ProjectionExpression when "
                    + "choosing to get SPECIFIC_ATTRIBUTES");
        }
        if (select.equals("ALL_PROJECTED_ATTRIBUTES") && !index) {
            throw EddyException.validation(
                    prefix + "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using " + "an IndexName");
        }
        return Select.valueOf(select);
    }

    ObjectNode query(JsonRequest r) {
        Common c = common(r);
        Boolean forward = r.bool("ScanIndexForward");
        r.check();
        LegacyReads.checkQueryNotMixed(r);
        Select select = select(c.select(), c.indexName() != null, LegacyReads.selectionParameter(r), true);
        ItemOperations.Expressions ex =
                ItemOperations.expressions(r, LegacyReads.QUERY_EXPRESSIONS.toArray(String[]::new));
        String keyText = r.string("KeyConditionExpression");
        if (keyText == null && !r.has("KeyConditions")) {
            throw EddyException.validation(
                    "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        Condition filter = r.has("FilterExpression")
                ? ex.condition(r.string("FilterExpression"), "FilterExpression")
                : LegacyParameters.conditions(r, "QueryFilter");
        Condition key = keyText != null
                ? ex.condition(keyText, "KeyConditionExpression")
                : LegacyReads.keyConditions(r, engine, Names.table(c.table(), engine), c.indexName());
        Projection projection = projection(r, ex);
        ex.done();
        ReadPage page = engine.query(new Query(
                Names.table(c.table(), engine),
                c.indexName(),
                key,
                filter,
                projection,
                select,
                c.limit(),
                c.exclusiveStartKey(),
                forward == null || forward,
                Boolean.TRUE.equals(c.consistentRead()),
                c.capacity(),
                r.has("QueryFilter") ? "QueryFilter" : "Filter Expression"));
        return render(page, select, c.capacity());
    }

    ObjectNode scan(JsonRequest r) {
        Common c = common(r);
        Long segment = r.number("Segment");
        Long total = r.number("TotalSegments");
        r.range("segment", segment, 0, 999999);
        r.range("totalSegments", total, 1, 1000000);
        r.check();
        if (segment != null && total == null) {
            throw EddyException.validation("The TotalSegments parameter is required but was not present in the "
                    + "request when parameter Segment is present");
        }
        if (total != null && segment == null) {
            throw EddyException.validation("The Segment parameter is required but was not present in the request "
                    + "when parameter TotalSegments is present");
        }
        if (segment != null && segment >= total) {
            throw EddyException.validation("The Segment parameter is zero-based and must be less than parameter "
                    + "TotalSegments: Segment: " + segment + " is not less than TotalSegments: " + total);
        }
        LegacyReads.checkScanNotMixed(r);
        Select select = select(c.select(), c.indexName() != null, LegacyReads.selectionParameter(r), false);
        ItemOperations.Expressions ex =
                ItemOperations.expressions(r, LegacyReads.SCAN_EXPRESSIONS.toArray(String[]::new));
        Condition filter = r.has("FilterExpression")
                ? ex.condition(r.string("FilterExpression"), "FilterExpression")
                : LegacyParameters.conditions(r, "ScanFilter");
        Projection projection = projection(r, ex);
        ex.done();
        ReadPage page = engine.scan(new Scan(
                Names.table(c.table(), engine),
                c.indexName(),
                filter,
                projection,
                select,
                c.limit(),
                c.exclusiveStartKey(),
                segment == null ? null : segment.intValue(),
                total == null ? null : total.intValue(),
                Boolean.TRUE.equals(c.consistentRead()),
                c.capacity()));
        return render(page, select, c.capacity());
    }

    /** ProjectionExpression or the legacy AttributesToGet; null for neither. */
    private static Projection projection(JsonRequest r, ItemOperations.Expressions ex) {
        String text = r.string("ProjectionExpression");
        return text == null
                ? LegacyParameters.attributesToGet(r.array("AttributesToGet"))
                : ex.context().projection(text);
    }

    /** The Query or Scan response of a page. */
    public static ObjectNode render(ReadPage page, Select select, CapacityReport capacity) {
        ObjectNode out = NODES.objectNode();
        if (select != Select.COUNT) {
            // written straight into the answer's generator when the tree is written: no text per
            // item, and items read from the store go from their stored bytes
            List<Map<String, AttributeValue>> items = page.items();
            out.putRawValue("Items", new RawValue(new JsonSerializable.Base() {
                @Override
                public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
                    AttributeValueWriter.writeItems(g, items);
                }

                @Override
                public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer type)
                        throws IOException {
                    serialize(g, provider);
                }
            }));
        }
        out.put("Count", page.count());
        out.put("ScannedCount", page.scannedCount());
        if (page.lastEvaluatedKey() != null) {
            out.set("LastEvaluatedKey", AttributeValueJson.render(page.lastEvaluatedKey()));
        }
        ItemOperations.capacity(out, page.capacity(), capacity);
        return out;
    }
}
