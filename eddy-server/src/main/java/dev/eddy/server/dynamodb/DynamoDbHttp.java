package dev.eddy.server.dynamodb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.server.http.JsonOperation;
import dev.eddy.server.http.JsonService;
import dev.eddy.server.http.RequestIds;
import dev.eddy.server.http.RequestReader;
import dev.eddy.table.TableEngine;
import java.util.HashMap;
import java.util.Map;

/**
 * The DynamoDB JSON 1.0 service (target prefix {@code DynamoDB_20120810}): its operations, and the
 * DynamoDB parts of its answers (52-character request ids, {@code x-amz-crc32}, the details of
 * its errors). The front door dispatches to it and renders its errors.
 */
public final class DynamoDbHttp implements JsonService {
    private final Map<String, JsonOperation> operations = new HashMap<>();
    private final TableOperations tables;

    public DynamoDbHttp(TableEngine engine) {
        this.tables = new TableOperations(engine);
        ItemOperations items = new ItemOperations(engine);
        operations.put("CreateTable", tables::createTable);
        operations.put("DescribeTable", tables::describeTable);
        operations.put("ListTables", tables::listTables);
        operations.put("UpdateTable", tables::updateTable);
        operations.put("DeleteTable", tables::deleteTable);
        operations.put("TagResource", tables::tagResource);
        operations.put("UntagResource", tables::untagResource);
        operations.put("ListTagsOfResource", tables::listTagsOfResource);
        operations.put("DescribeLimits", tables::describeLimits);
        operations.put("PutItem", items(items::putItem));
        operations.put("GetItem", items(items::getItem));
        operations.put("UpdateItem", items(items::updateItem));
        operations.put("DeleteItem", items(items::deleteItem));
        QueryOperations reads = new QueryOperations(engine);
        operations.put("Query", items(reads::query));
        operations.put("Scan", items(reads::scan));
        TimeToLiveOperations ttl = new TimeToLiveOperations(engine);
        operations.put("UpdateTimeToLive", ttl::updateTimeToLive);
        operations.put("DescribeTimeToLive", ttl::describeTimeToLive);
        ContinuousBackupsOperations backups = new ContinuousBackupsOperations(engine);
        operations.put("DescribeContinuousBackups", backups::describeContinuousBackups);
        operations.put("UpdateContinuousBackups", backups::updateContinuousBackups);
        BatchOperations batches = new BatchOperations(engine);
        operations.put("BatchGetItem", items(batches::batchGetItem));
        operations.put("BatchWriteItem", items(batches::batchWriteItem));
        TransactionOperations transactions = new TransactionOperations(engine);
        operations.put("TransactWriteItems", items(transactions::transactWriteItems));
        operations.put("TransactGetItems", items(transactions::transactGetItems));
        PartiqlOperations partiql = new PartiqlOperations(engine);
        operations.put("ExecuteStatement", partiql::executeStatement);
        operations.put("BatchExecuteStatement", partiql::batchExecuteStatement);
        operations.put("ExecuteTransaction", partiql::executeTransaction);
        operations.put("DescribeEndpoints", r -> tables.describeEndpoints(r, r.authority()));
    }

    /**
     * An item operation: DynamoDB answers a missing table there with the bare {@code Requested
     * resource not found}, where the table operations name the table.
     */
    private static JsonOperation items(JsonOperation op) {
        return r -> {
            try {
                return op.apply(r);
            } catch (EddyException e) {
                if (e.code() == ErrorCode.RESOURCE_NOT_FOUND && e.getMessage().startsWith(TABLE_NOT_FOUND)) {
                    EddyException bare = EddyException.resourceNotFound("Requested resource not found");
                    throw e.tableName().map(bare::withTable).orElse(bare);
                }
                throw e;
            }
        };
    }

    private static final String TABLE_NOT_FOUND = "Requested resource not found: Table: ";

    @Override
    public String targetPrefix() {
        return "DynamoDB_20120810";
    }

    @Override
    public JsonOperation operation(String name) {
        return operations.get(name);
    }

    /** PutItem, GetItem, UpdateItem and DeleteItem read their item or key without a tree first. */
    @Override
    public RequestReader reader(String name) {
        return switch (name) {
            case "PutItem" -> ItemRequestReader.PUT_ITEM;
            case "GetItem", "UpdateItem", "DeleteItem" -> ItemRequestReader.BY_KEY;
            default -> null;
        };
    }

    @Override
    public String newRequestId() {
        return RequestIds.dynamoDbStyle();
    }

    @Override
    public boolean sendsCrc32() {
        return true;
    }

    /** The details of DynamoDB's errors: the old item, the cancellation reasons. */
    @Override
    public void addErrorMembers(EddyException e, ObjectNode body) {
        DynamoDbErrors.addMembers(e, body);
    }
}
