package dev.eddy.table;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.item.AttributeValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * UpdateTable's GlobalSecondaryIndexUpdates applied to a table description, with DynamoDB's rules:
 * one index created or deleted at a time, a created index starts CREATING (and is then backfilled),
 * attribute definitions follow the indexes that use them.
 */
final class GlobalIndexUpdates {
    private static final String INVALID = "One or more parameter values were invalid: ";

    /** The new description, and which indexes were created and deleted. */
    record Result(TableMeta table, List<String> created, List<String> deleted) {}

    private GlobalIndexUpdates() {}

    static Result apply(
            TableMeta t, Map<String, AttributeValue.Type> requestDefinitions, List<GlobalIndexUpdate> updates) {
        long onlineChanges = updates.stream()
                .filter(u -> u.action() != GlobalIndexUpdate.Action.UPDATE)
                .count();
        boolean building = t.globalIndexes().stream().anyMatch(i -> i.status() != IndexStatus.ACTIVE);
        if (onlineChanges > 1 || onlineChanges == 1 && building) {
            throw new EddyException(
                    ErrorCode.LIMIT_EXCEEDED,
                    "Subscriber limit exceeded: Only 1 online index can "
                            + "be created or deleted simultaneously per table");
        }
        Set<String> touched = new HashSet<>();
        for (GlobalIndexUpdate u : updates) {
            if (!touched.add(u.spec().name())) {
                throw EddyException.validation(INVALID + "Only one global secondary index update per index is "
                        + "allowed simultaneously. Index: " + u.spec().name());
            }
        }
        boolean provisioned = t.billingMode() == BillingMode.PROVISIONED;
        Map<String, AttributeValue.Type> defs = new HashMap<>();
        if (requestDefinitions != null) {
            defs.putAll(requestDefinitions);
        }
        // an attribute the table or an index already uses keeps its type: DynamoDB accepts a request
        // that redeclares it with another type and ignores that type, rather than retyping live keys
        defs.putAll(t.attributeDefinitions());
        List<IndexDefinition> globals = new ArrayList<>(t.globalIndexes());
        List<String> created = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (GlobalIndexUpdate u : updates) {
            String name = u.spec().name();
            int at = indexOf(globals, name);
            switch (u.action()) {
                case CREATE -> {
                    if (at >= 0
                            || t.localIndexes().stream().anyMatch(i -> i.name().equals(name))) {
                        throw EddyException.validation("Attempting to create an index which already exists");
                    }
                    if (globals.size() >= 20) {
                        throw EddyException.validation(
                                INVALID + "GlobalSecondaryIndex count exceeds the per-table " + "limit of 20");
                    }
                    IndexDefinition d =
                            TableValidation.index(u.spec(), true, t.key(), defs, new HashSet<>(), provisioned);
                    globals.add(new IndexDefinition(
                            d.name(),
                            true,
                            d.key(),
                            d.projectionType(),
                            d.nonKeyAttributes(),
                            d.readCapacity(),
                            d.writeCapacity(),
                            IndexStatus.CREATING,
                            true));
                    created.add(name);
                }
                case DELETE -> {
                    if (at < 0) {
                        throw EddyException.resourceNotFound(
                                "Requested resource not found: Index: " + name + " not found");
                    }
                    globals.remove(at);
                    deleted.add(name);
                }
                case UPDATE -> {
                    if (at < 0) {
                        throw EddyException.resourceNotFound(
                                "Requested resource not found: Index: " + name + " not found");
                    }
                    IndexDefinition i = globals.get(at);
                    if (u.spec().readCapacity() != null && !provisioned) {
                        throw EddyException.validation(INVALID + "ProvisionedThroughput should not be specified for "
                                + "index: " + name + " when BillingMode is PAY_PER_REQUEST");
                    }
                    globals.set(
                            at,
                            new IndexDefinition(
                                    i.name(),
                                    true,
                                    i.key(),
                                    i.projectionType(),
                                    i.nonKeyAttributes(),
                                    u.spec().readCapacity() == null
                                            ? i.readCapacity()
                                            : u.spec().readCapacity(),
                                    u.spec().writeCapacity() == null
                                            ? i.writeCapacity()
                                            : u.spec().writeCapacity(),
                                    i.status(),
                                    i.backfilling()));
                }
            }
        }
        TableMeta updated = t.toBuilder()
                .globalIndexes(globals)
                .attributeDefinitions(used(t, globals, defs))
                .build();
        return new Result(updated, created, deleted);
    }

    private static int indexOf(List<IndexDefinition> list, String name) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The definitions of the attributes some key still uses. */
    private static Map<String, AttributeValue.Type> used(
            TableMeta t, List<IndexDefinition> globals, Map<String, AttributeValue.Type> defs) {
        Set<String> names = new LinkedHashSet<>(t.key().names());
        t.localIndexes().forEach(i -> names.addAll(i.key().names()));
        globals.forEach(i -> names.addAll(i.key().names()));
        Map<String, AttributeValue.Type> out = new HashMap<>();
        for (String n : names) {
            out.put(n, defs.get(n));
        }
        return out;
    }
}
