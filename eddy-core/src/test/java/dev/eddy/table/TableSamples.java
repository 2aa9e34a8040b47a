package dev.eddy.table;

import dev.eddy.item.AttributeValue.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Representative table descriptions, one for each kind of thing a description holds. */
final class TableSamples {
    private static final long CREATED = 1_700_000_000_123L;
    private static final String LABEL = "2023-11-14T22:13:20.123";

    private TableSamples() {}

    /** The samples by file name, in a fixed order. */
    static Map<String, TableMeta> all() {
        Map<String, TableMeta> all = new LinkedHashMap<>();
        all.put("hash-only", hashOnly());
        all.put("hash-range-provisioned", hashRangeProvisioned());
        all.put("indexes", indexes());
        for (String view : List.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES")) {
            all.put("stream-" + view.toLowerCase().replace('_', '-'), stream(view));
        }
        all.put("stream-disabled", streamDisabled());
        all.put("ttl-enabled", ttl(true));
        all.put("ttl-disabled", ttl(false));
        return all;
    }

    private static TableMeta.Builder base(String name, long id) {
        return TableMeta.builder()
                .name(name)
                .id(id)
                .uuid("6f1c2b9e-0d4a-4c55-9a57-" + String.format("%012d", id))
                .key(new KeySchema("id", Type.S, null, null))
                .attributeDefinitions(Map.of("id", Type.S))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .createdMillis(CREATED + id)
                .payPerRequestSinceMillis(CREATED + id)
                .tableClass("STANDARD");
    }

    static TableMeta hashOnly() {
        return base("hash_only", 1).build();
    }

    static TableMeta hashRangeProvisioned() {
        return base("Hash.Range-Provisioned", 2)
                .key(new KeySchema("pk", Type.S, "sk", Type.N))
                .attributeDefinitions(Map.of("pk", Type.S, "sk", Type.N))
                .billingMode(BillingMode.PROVISIONED)
                .readCapacity(5)
                .writeCapacity(10)
                .payPerRequestSinceMillis(0)
                .deletionProtection(true)
                .tableClass("STANDARD_INFREQUENT_ACCESS")
                .tags(Map.of("env", "prod", "owner", "na\u00efve \"team\" \\ \u2713 \ud83d\ude00", "empty", ""))
                .build();
    }

    static TableMeta indexes() {
        KeySchema byStatus = new KeySchema("status", Type.S, "at", Type.N);
        KeySchema byBlob = new KeySchema("blob", Type.B, null, null);
        KeySchema local = new KeySchema("pk", Type.S, "at", Type.N);
        return base("indexes", 3)
                .key(new KeySchema("pk", Type.S, "sk", Type.B))
                .attributeDefinitions(
                        Map.of("pk", Type.S, "sk", Type.B, "status", Type.S, "at", Type.N, "blob", Type.B))
                .billingMode(BillingMode.PROVISIONED)
                .readCapacity(7)
                .writeCapacity(8)
                .payPerRequestSinceMillis(0)
                .globalIndexes(List.of(
                        new IndexDefinition("all", true, byStatus, "ALL", null, 3, 4, IndexStatus.ACTIVE, false),
                        new IndexDefinition("keys", true, byBlob, "KEYS_ONLY", null, 1, 2, IndexStatus.CREATING, true),
                        new IndexDefinition(
                                "include",
                                true,
                                byStatus,
                                "INCLUDE",
                                List.of("a", "b"),
                                5,
                                6,
                                IndexStatus.UPDATING,
                                false)))
                .localIndexes(List.of(
                        new IndexDefinition("local_all", false, local, "ALL", null, 0, 0, IndexStatus.ACTIVE, false),
                        new IndexDefinition(
                                "local_keys", false, local, "KEYS_ONLY", null, 0, 0, IndexStatus.ACTIVE, false),
                        new IndexDefinition(
                                "local_include",
                                false,
                                local,
                                "INCLUDE",
                                List.of("c"),
                                0,
                                0,
                                IndexStatus.ACTIVE,
                                false)))
                .build();
    }

    /** A table with multi-attribute GSI keys: stored in format 2. */
    static TableMeta multiAttribute() {
        KeySchema byTenant = new KeySchema(
                List.of(new KeySchema.Attribute("tenant", Type.S), new KeySchema.Attribute("region", Type.N)),
                List.of(
                        new KeySchema.Attribute("year", Type.N),
                        new KeySchema.Attribute("month", Type.N),
                        new KeySchema.Attribute("blob", Type.B)));
        KeySchema byTwoHashes = new KeySchema(
                List.of(new KeySchema.Attribute("tenant", Type.S), new KeySchema.Attribute("blob", Type.B)), List.of());
        return base("multi", 9)
                .key(new KeySchema("pk", Type.S, "sk", Type.N))
                .attributeDefinitions(Map.of(
                        "pk", Type.S, "sk", Type.N, "tenant", Type.S, "region", Type.N, "year", Type.N, "month", Type.N,
                        "blob", Type.B))
                .globalIndexes(List.of(
                        new IndexDefinition("tenant", true, byTenant, "ALL", null, 0, 0, IndexStatus.ACTIVE, false),
                        new IndexDefinition(
                                "pair", true, byTwoHashes, "KEYS_ONLY", null, 0, 0, IndexStatus.CREATING, true),
                        new IndexDefinition(
                                "single",
                                true,
                                new KeySchema("year", Type.N, "pk", Type.S),
                                "INCLUDE",
                                List.of("x"),
                                0,
                                0,
                                IndexStatus.ACTIVE,
                                false)))
                .localIndexes(List.of(new IndexDefinition(
                        "local",
                        false,
                        new KeySchema("pk", Type.S, "year", Type.N),
                        "ALL",
                        null,
                        0,
                        0,
                        IndexStatus.ACTIVE,
                        false)))
                .build();
    }

    static TableMeta stream(String viewType) {
        return base("stream_" + viewType, 10 + viewType.length())
                .streamEnabled(true)
                .streamViewType(StreamViewType.valueOf(viewType))
                .latestStreamLabel(LABEL)
                .build();
    }

    static TableMeta streamDisabled() {
        return base("stream_disabled", 30)
                .streamEnabled(false)
                .latestStreamLabel(LABEL)
                .build();
    }

    static TableMeta ttl(boolean enabled) {
        return base(enabled ? "ttl_on" : "ttl_off", enabled ? 40 : 41)
                .ttlAttribute("expiresAt")
                .ttlEnabled(enabled)
                .ttlChangedMillis(CREATED + 5000)
                .build();
    }
}
