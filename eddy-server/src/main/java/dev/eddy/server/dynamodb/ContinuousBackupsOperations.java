package dev.eddy.server.dynamodb;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.server.http.JsonRequest;
import dev.eddy.table.ContinuousBackups;
import dev.eddy.table.TableEngine;

/** DescribeContinuousBackups and UpdateContinuousBackups: parse, validate, call the engine, render. */
final class ContinuousBackupsOperations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long DAY_MILLIS = 86_400_000L;

    private final TableEngine engine;

    ContinuousBackupsOperations(TableEngine engine) {
        this.engine = engine;
    }

    ObjectNode describeContinuousBackups(JsonRequest r) {
        String table = r.string("TableName");
        Names.checkTable(r, "tableName", table, true);
        r.check();
        return render(engine.continuousBackups().describe(Names.table(table, engine)));
    }

    ObjectNode updateContinuousBackups(JsonRequest r) {
        String table = r.string("TableName");
        Names.checkTable(r, "tableName", table, true);
        ObjectNode spec = r.object("PointInTimeRecoverySpecification");
        r.required("pointInTimeRecoverySpecification", spec);
        Boolean enabled = spec == null ? null : JsonRequest.bool(spec, "PointInTimeRecoveryEnabled");
        Long days = spec == null ? null : JsonRequest.number(spec, "RecoveryPeriodInDays");
        if (spec != null) {
            r.required("pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled", enabled);
            r.range("pointInTimeRecoverySpecification.recoveryPeriodInDays", days, 1, 35);
        }
        r.check();
        ContinuousBackups.Setting s = engine.continuousBackups()
                .update(Names.table(table, engine), enabled, days == null ? null : days.intValue());
        return render(s);
    }

    private ObjectNode render(ContinuousBackups.Setting s) {
        ObjectNode out = NODES.objectNode();
        ObjectNode d = out.putObject("ContinuousBackupsDescription").put("ContinuousBackupsStatus", "ENABLED");
        ObjectNode pitr = d.putObject("PointInTimeRecoveryDescription");
        if (!s.enabled()) {
            pitr.put("PointInTimeRecoveryStatus", "DISABLED");
            return out;
        }
        long now = engine.continuousBackups().now();
        long earliest = Math.max(s.enabledMillis(), now - s.recoveryPeriodDays() * DAY_MILLIS);
        pitr.put("PointInTimeRecoveryStatus", "ENABLED")
                .put("RecoveryPeriodInDays", s.recoveryPeriodDays())
                .put("EarliestRestorableDateTime", earliest / 1000.0)
                .put("LatestRestorableDateTime", now / 1000.0);
        return out;
    }
}
