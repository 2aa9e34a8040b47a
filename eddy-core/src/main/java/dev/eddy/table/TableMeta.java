package dev.eddy.table;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import dev.eddy.item.AttributeValue;
import java.util.List;
import java.util.Map;

/**
 * Everything Eddy keeps about a table, stored durably at META ("table", name) by the table
 * package's versioned codec. A new component needs a new stored format there (which keeps reading
 * the older ones, so a description written by an older version still opens).
 *
 * @param id internal number of the table's key space; a table created again after a delete gets
 *     a new one, so no item of the old table can reappear
 * @param uuid DynamoDB's TableId
 * @param billingMode how capacity is paid for (never null for a table Eddy created)
 * @param streamEnabled whether the table's stream specification is enabled
 * @param streamViewType what the stream's records hold when enabled; null when disabled
 * @param latestStreamLabel label of the table's most recent stream, or null when it never had one
 * @param ttlAttribute the TTL attribute name, or null when TTL was never enabled
 * @param ttlEnabled whether expired items are being deleted
 * @param ttlChangedMillis when TTL was last enabled or disabled
 */
public record TableMeta(
        String name,
        long id,
        String uuid,
        KeySchema key,
        Map<String, AttributeValue.Type> attributeDefinitions,
        BillingMode billingMode,
        long readCapacity,
        long writeCapacity,
        List<IndexDefinition> globalIndexes,
        List<IndexDefinition> localIndexes,
        boolean streamEnabled,
        StreamViewType streamViewType,
        String latestStreamLabel,
        Map<String, String> tags,
        long createdMillis,
        long payPerRequestSinceMillis,
        boolean deletionProtection,
        String tableClass,
        String ttlAttribute,
        boolean ttlEnabled,
        long ttlChangedMillis) {

    public TableMeta {
        attributeDefinitions = Map.copyOf(attributeDefinitions);
        globalIndexes = List.copyOf(globalIndexes);
        localIndexes = List.copyOf(localIndexes);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** The table's ARN in {@code account}. */
    public Arn.Table arn(Account account) {
        return account.table(name);
    }

    /** A builder holding this description's values, to change some of them. */
    public Builder toBuilder() {
        return Builder.from(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    TableMeta withTags(Map<String, String> newTags) {
        return toBuilder().tags(newTags).build();
    }

    /** Builds descriptions; unset fields are zero, false or null. */
    public static final class Builder {
        private String name;
        private long id;
        private String uuid;
        private KeySchema key;
        private Map<String, AttributeValue.Type> attributeDefinitions;
        private BillingMode billingMode;
        private long readCapacity;
        private long writeCapacity;
        private List<IndexDefinition> globalIndexes;
        private List<IndexDefinition> localIndexes;
        private boolean streamEnabled;
        private StreamViewType streamViewType;
        private String latestStreamLabel;
        private Map<String, String> tags;
        private long createdMillis;
        private long payPerRequestSinceMillis;
        private boolean deletionProtection;
        private String tableClass;
        private String ttlAttribute;
        private boolean ttlEnabled;
        private long ttlChangedMillis;

        private Builder() {
            attributeDefinitions = Map.of();
            globalIndexes = List.of();
            localIndexes = List.of();
            tags = Map.of();
        }

        static Builder from(TableMeta t) {
            Builder b = new Builder();
            b.name = t.name;
            b.id = t.id;
            b.uuid = t.uuid;
            b.key = t.key;
            b.attributeDefinitions = t.attributeDefinitions;
            b.billingMode = t.billingMode;
            b.readCapacity = t.readCapacity;
            b.writeCapacity = t.writeCapacity;
            b.globalIndexes = t.globalIndexes;
            b.localIndexes = t.localIndexes;
            b.streamEnabled = t.streamEnabled;
            b.streamViewType = t.streamViewType;
            b.latestStreamLabel = t.latestStreamLabel;
            b.tags = t.tags;
            b.createdMillis = t.createdMillis;
            b.payPerRequestSinceMillis = t.payPerRequestSinceMillis;
            b.deletionProtection = t.deletionProtection;
            b.tableClass = t.tableClass;
            b.ttlAttribute = t.ttlAttribute;
            b.ttlEnabled = t.ttlEnabled;
            b.ttlChangedMillis = t.ttlChangedMillis;
            return b;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder id(long id) {
            this.id = id;
            return this;
        }

        public Builder uuid(String uuid) {
            this.uuid = uuid;
            return this;
        }

        public Builder key(KeySchema key) {
            this.key = key;
            return this;
        }

        public Builder attributeDefinitions(Map<String, AttributeValue.Type> attributeDefinitions) {
            this.attributeDefinitions = attributeDefinitions;
            return this;
        }

        public Builder billingMode(BillingMode billingMode) {
            this.billingMode = billingMode;
            return this;
        }

        public Builder readCapacity(long readCapacity) {
            this.readCapacity = readCapacity;
            return this;
        }

        public Builder writeCapacity(long writeCapacity) {
            this.writeCapacity = writeCapacity;
            return this;
        }

        public Builder globalIndexes(List<IndexDefinition> globalIndexes) {
            this.globalIndexes = globalIndexes;
            return this;
        }

        public Builder localIndexes(List<IndexDefinition> localIndexes) {
            this.localIndexes = localIndexes;
            return this;
        }

        public Builder streamEnabled(boolean streamEnabled) {
            this.streamEnabled = streamEnabled;
            return this;
        }

        public Builder streamViewType(StreamViewType streamViewType) {
            this.streamViewType = streamViewType;
            return this;
        }

        public Builder latestStreamLabel(String latestStreamLabel) {
            this.latestStreamLabel = latestStreamLabel;
            return this;
        }

        public Builder tags(Map<String, String> tags) {
            this.tags = tags;
            return this;
        }

        public Builder createdMillis(long createdMillis) {
            this.createdMillis = createdMillis;
            return this;
        }

        public Builder payPerRequestSinceMillis(long payPerRequestSinceMillis) {
            this.payPerRequestSinceMillis = payPerRequestSinceMillis;
            return this;
        }

        public Builder deletionProtection(boolean deletionProtection) {
            this.deletionProtection = deletionProtection;
            return this;
        }

        public Builder tableClass(String tableClass) {
            this.tableClass = tableClass;
            return this;
        }

        public Builder ttlAttribute(String ttlAttribute) {
            this.ttlAttribute = ttlAttribute;
            return this;
        }

        public Builder ttlEnabled(boolean ttlEnabled) {
            this.ttlEnabled = ttlEnabled;
            return this;
        }

        public Builder ttlChangedMillis(long ttlChangedMillis) {
            this.ttlChangedMillis = ttlChangedMillis;
            return this;
        }

        public TableMeta build() {
            return new TableMeta(
                    name,
                    id,
                    uuid,
                    key,
                    attributeDefinitions,
                    billingMode,
                    readCapacity,
                    writeCapacity,
                    globalIndexes,
                    localIndexes,
                    streamEnabled,
                    streamViewType,
                    latestStreamLabel,
                    tags,
                    createdMillis,
                    payPerRequestSinceMillis,
                    deletionProtection,
                    tableClass,
                    ttlAttribute,
                    ttlEnabled,
                    ttlChangedMillis);
        }
    }
}
