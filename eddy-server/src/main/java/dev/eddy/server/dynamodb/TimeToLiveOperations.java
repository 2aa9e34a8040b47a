package dev.eddy.server.dynamodb;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.server.http.JsonRequest;
import dev.eddy.table.TableEngine;

/** UpdateTimeToLive and DescribeTimeToLive: parse, validate, call the engine, render. */
final class TimeToLiveOperations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final TableEngine engine;

    TimeToLiveOperations(TableEngine engine) {
        this.engine = engine;
    }

    ObjectNode updateTimeToLive(JsonRequest r) {
        String table = r.string("TableName");
        Names.checkTable(r, "tableName", table, true);
        ObjectNode spec = r.object("TimeToLiveSpecification");
        r.required("timeToLiveSpecification", spec);
        Boolean enabled = spec == null ? null : JsonRequest.bool(spec, "Enabled");
        String attribute = spec == null ? null : JsonRequest.string(spec, "AttributeName");
        if (spec != null) {
            r.required("timeToLiveSpecification.enabled", enabled);
            r.required("timeToLiveSpecification.attributeName", attribute);
            r.length("timeToLiveSpecification.attributeName", attribute, 1, 255);
        }
        r.check();
        engine.updateTimeToLive(Names.table(table, engine), enabled, attribute);
        ObjectNode out = NODES.objectNode();
        out.putObject("TimeToLiveSpecification").put("Enabled", enabled).put("AttributeName", attribute);
        return out;
    }

    ObjectNode describeTimeToLive(JsonRequest r) {
        String table = r.string("TableName");
        Names.checkTable(r, "tableName", table, true);
        r.check();
        TableEngine.TimeToLive ttl = engine.describeTimeToLive(Names.table(table, engine));
        ObjectNode out = NODES.objectNode();
        ObjectNode d = out.putObject("TimeToLiveDescription").put("TimeToLiveStatus", ttl.status());
        if (ttl.attributeName() != null) {
            d.put("AttributeName", ttl.attributeName());
        }
        return out;
    }
}
