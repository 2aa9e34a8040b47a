package dev.eddy.table;

import dev.eddy.error.EddyException;
import dev.eddy.item.AttributeValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The CreateTable rules that relate fields to each other, with DynamoDB's messages. */
final class TableValidation {
    private static final String INVALID = "One or more parameter values were invalid: ";

    private TableValidation() {}

    /** At most this many HASH, and this many RANGE, attributes in a global secondary index's key. */
    static final int MAX_INDEX_KEY_ATTRIBUTES = 4;

    /** A table's or local secondary index's key: one HASH and an optional RANGE element. */
    static KeySchema keySchema(
            List<CreateTable.KeyElement> elements, Map<String, AttributeValue.Type> defs, String what) {
        if (elements.isEmpty() || elements.size() > 2) {
            throw EddyException.validation("1 validation error detected: Value '" + elements
                    + "' at 'keySchema' failed to satisfy constraint: Member must have length "
                    + (elements.isEmpty() ? "greater than or equal to 1" : "less than or equal to 2"));
        }
        CreateTable.KeyElement hash = elements.get(0);
        if (!"HASH".equals(hash.keyType())) {
            throw EddyException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        CreateTable.KeyElement range = elements.size() == 2 ? elements.get(1) : null;
        if (range != null) {
            if (!"RANGE".equals(range.keyType())) {
                throw EddyException.validation(
                        "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
            }
            if (range.name().equals(hash.name())) {
                throw EddyException.validation(
                        "Both the Hash Key and the Range Key element in the KeySchema have the same name");
            }
        }
        checkDefined(elements, defs);
        return new KeySchema(
                hash.name(),
                defs.get(hash.name()),
                range == null ? null : range.name(),
                range == null ? null : defs.get(range.name()));
    }

    /**
     * A global secondary index's key: one to four HASH elements, then up to four RANGE elements,
     * each attribute once. Two elements keep the single-attribute rules and messages.
     */
    static KeySchema globalKeySchema(List<CreateTable.KeyElement> elements, Map<String, AttributeValue.Type> defs) {
        if (elements.isEmpty()
                || elements.size() == 2 && "RANGE".equals(elements.get(1).keyType())
                || elements.size() == 1) {
            return keySchema(elements, defs, "index");
        }
        if (!"HASH".equals(elements.getFirst().keyType())) {
            throw EddyException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        List<KeySchema.Attribute> hash = new ArrayList<>();
        List<KeySchema.Attribute> range = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CreateTable.KeyElement e : elements) {
            boolean isHash = "HASH".equals(e.keyType());
            if (isHash && !range.isEmpty()) {
                throw EddyException.validation("Invalid KeySchema: Every HASH KeySchemaElement must come before "
                        + "every RANGE KeySchemaElement");
            }
            if (!seen.add(e.name())) {
                throw EddyException.validation(
                        "Invalid KeySchema: More than one KeySchemaElement has the same name: " + e.name());
            }
            (isHash ? hash : range).add(new KeySchema.Attribute(e.name(), defs.get(e.name())));
        }
        if (hash.size() > MAX_INDEX_KEY_ATTRIBUTES || range.size() > MAX_INDEX_KEY_ATTRIBUTES) {
            throw EddyException.validation("Invalid KeySchema: A global secondary index key can have at most "
                    + MAX_INDEX_KEY_ATTRIBUTES + " " + (hash.size() > MAX_INDEX_KEY_ATTRIBUTES ? "HASH" : "RANGE")
                    + " KeySchemaElements");
        }
        checkDefined(elements, defs);
        return new KeySchema(hash, range);
    }

    private static void checkDefined(List<CreateTable.KeyElement> elements, Map<String, AttributeValue.Type> defs) {
        List<String> names = elements.stream().map(CreateTable.KeyElement::name).toList();
        for (String n : names) {
            if (!defs.containsKey(n)) {
                throw EddyException.validation(INVALID + "Some index key attributes are not defined in "
                        + "AttributeDefinitions. Keys: " + names + ", AttributeDefinitions: " + defs.keySet());
            }
        }
    }

    static void attributeDefinitionsUsed(CreateTable req, KeySchema table, List<IndexDefinition> indexes) {
        Set<String> used = new HashSet<>(table.names());
        indexes.forEach(i -> used.addAll(i.key().names()));
        if (!used.equals(req.attributeDefinitions().keySet())) {
            throw EddyException.validation(INVALID + "Number of attributes in KeySchema does not exactly match "
                    + "number of attributes defined in AttributeDefinitions");
        }
    }

    static List<IndexDefinition> indexes(CreateTable req, KeySchema table, boolean provisioned) {
        List<IndexDefinition> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        if (req.localIndexes().size() > 5) {
            throw EddyException.validation(INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of 5");
        }
        if (req.globalIndexes().size() > 20) {
            throw EddyException.validation(INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of 20");
        }
        for (CreateTable.IndexSpec spec : req.localIndexes()) {
            if (!table.hasRange()) {
                throw EddyException.validation(INVALID + "Table KeySchema does not have a range key, "
                        + "which is required when specifying a LocalSecondaryIndex");
            }
            out.add(index(spec, false, table, req.attributeDefinitions(), names, provisioned));
        }
        for (CreateTable.IndexSpec spec : req.globalIndexes()) {
            out.add(index(spec, true, table, req.attributeDefinitions(), names, provisioned));
        }
        return out;
    }

    static IndexDefinition index(
            CreateTable.IndexSpec spec,
            boolean global,
            KeySchema table,
            Map<String, AttributeValue.Type> defs,
            Set<String> names,
            boolean provisioned) {
        if (!names.add(spec.name())) {
            throw EddyException.validation(INVALID + "Duplicate index name: " + spec.name());
        }
        KeySchema key = global ? globalKeySchema(spec.keySchema(), defs) : keySchema(spec.keySchema(), defs, "index");
        if (!global) {
            if (!key.hasRange()) {
                throw EddyException.validation(
                        INVALID + "Index KeySchema does not have a range key for index: " + spec.name());
            }
            if (!key.hashName().equals(table.hashName())) {
                throw EddyException.validation(INVALID + "Index KeySchema does not have the same leading hash key "
                        + "as table KeySchema for index: " + spec.name() + ". index hash key: " + key.hashName()
                        + ", table hash key: " + table.hashName());
            }
        }
        String projection = spec.projectionType() == null ? "ALL" : spec.projectionType();
        List<String> nonKey = spec.nonKeyAttributes();
        if ("INCLUDE".equals(projection)) {
            if (nonKey == null || nonKey.isEmpty()) {
                throw EddyException.validation(
                        INVALID + "ProjectionType is INCLUDE, but NonKeyAttributes is not " + "specified");
            }
            if (nonKey.size() > 100) {
                throw EddyException.validation(INVALID + "Number of NonKeyAttributes exceeds the limit of 100");
            }
        } else if (nonKey != null) {
            throw EddyException.validation(
                    INVALID + "ProjectionType is " + projection + ", but NonKeyAttributes is specified");
        }
        long rcu = 0;
        long wcu = 0;
        if (global) {
            if (provisioned && (spec.readCapacity() == null || spec.writeCapacity() == null)) {
                throw EddyException.validation(
                        INVALID + "ProvisionedThroughput is not specified for index: " + spec.name());
            }
            if (!provisioned && spec.readCapacity() != null) {
                throw EddyException.validation(INVALID + "ProvisionedThroughput should not be specified for index: "
                        + spec.name() + " when BillingMode is PAY_PER_REQUEST");
            }
            rcu = spec.readCapacity() == null ? 0 : spec.readCapacity();
            wcu = spec.writeCapacity() == null ? 0 : spec.writeCapacity();
        }
        return new IndexDefinition(spec.name(), global, key, projection, nonKey, rcu, wcu, IndexStatus.ACTIVE, false);
    }

    /** StreamSpecification rules; {@code creating} picks CreateTable's wording over UpdateTable's. */
    static void stream(Boolean enabled, StreamViewType viewType, boolean creating) {
        if (enabled == null) {
            return;
        }
        if (enabled && viewType == null) {
            throw EddyException.validation(INVALID
                    + (creating
                            ? "Table is being created with a stream enabled, UpdateViewType is required"
                            : "If stream is being enabled then UpdateViewType is required"));
        }
        if (!enabled && viewType != null) {
            throw EddyException.validation(INVALID
                    + (creating
                            ? "Table is being created with a stream disabled, UpdateViewType should not be specified"
                            : "If stream is being disabled, then UpdateViewType must not be specified"));
        }
    }
}
