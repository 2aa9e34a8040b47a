package dev.eddy.server.lambda;

import dev.eddy.testkit.Gen;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The writes of the seed scenario: random inserts, overwrites, updates and deletes of items keyed
 * by {@code pk} (S) and {@code sk} (N), with attributes of every DynamoDB type, drawn from a seeded
 * random source so that a seed replays the same writes. Also the canonical form used to compare
 * two tables: items by key, sets sorted (DynamoDB's sets have no order).
 */
final class SeedWrites {
    private static final List<String> NAMES = List.of("a", "b", "c", "d", "e");
    private static final Gen<String> TEXT =
            Gen.oneOf(Gen.strings("abcxyz019 _-", 0, 12), Gen.strings(Gen.codePoints(), 1, 6));
    private static final Gen<String> NUMBER = Gen.oneOf(
            Gen.longs().map(String::valueOf),
            Gen.longs(-1_000_000, 1_000_000).map(l -> l + "." + Math.abs(l % 997)),
            Gen.of("0", "1E+5", "-2.50", "0.000123", "99999999999999999999999999999999999999"));
    private static final Gen<AttributeValue> SCALAR = Gen.oneOf(
            TEXT.map(AttributeValue::fromS),
            NUMBER.map(AttributeValue::fromN),
            Gen.byteArrays(Gen.bytes(), 16).map(b -> AttributeValue.fromB(SdkBytes.fromByteArray(b))),
            Gen.of(true, false).map(AttributeValue::fromBool),
            Gen.constant(AttributeValue.fromNul(true)),
            Gen.strings("pqrs", 1, 4).list(1, 4).map(l -> AttributeValue.fromSs(distinct(l))),
            Gen.ints(-50, 50)
                    .list(1, 4)
                    .map(l -> AttributeValue.fromNs(
                            distinct(l.stream().map(String::valueOf).toList()))));
    private static final Gen<AttributeValue> VALUE = Gen.frequency(
            Gen.weight(6, SCALAR),
            Gen.weight(1, SCALAR.list(0, 3).map(AttributeValue::fromL)),
            Gen.weight(1, SCALAR.list(0, 3).map(l -> {
                Map<String, AttributeValue> m = new LinkedHashMap<>();
                for (int i = 0; i < l.size(); i++) {
                    m.put("m" + i, l.get(i));
                }
                return AttributeValue.fromM(m);
            })));

    private final DynamoDbClient ddb;
    private final String table;
    private final String prefix;
    private final int partitions;

    /** Writes to {@code table}, on keys {@code prefix + 0..partitions-1} by sk 0..2. */
    SeedWrites(DynamoDbClient ddb, String table, String prefix, int partitions) {
        this.ddb = ddb;
        this.table = table;
        this.prefix = prefix;
        this.partitions = partitions;
    }

    /** Makes {@code count} random writes, one after the other. */
    void run(SplittableRandom random, int count) {
        for (int i = 0; i < count; i++) {
            Map<String, AttributeValue> key = Map.of(
                    "pk", AttributeValue.fromS(prefix + random.nextInt(partitions)),
                    "sk", AttributeValue.fromN(String.valueOf(random.nextInt(3))));
            int op = random.nextInt(100);
            if (op < 40) {
                Map<String, AttributeValue> item = new HashMap<>(key);
                for (String name : NAMES) {
                    if (random.nextBoolean()) {
                        item.put(name, VALUE.next(random));
                    }
                }
                ddb.putItem(b -> b.tableName(table).item(item));
            } else if (op < 80) {
                update(random, key);
            } else {
                ddb.deleteItem(b -> b.tableName(table).key(key));
            }
        }
    }

    /** SET of one attribute, REMOVE of another, or ADD to a counter (which may create the item). */
    private void update(SplittableRandom random, Map<String, AttributeValue> key) {
        String set = NAMES.get(random.nextInt(NAMES.size()));
        String remove = NAMES.get(random.nextInt(NAMES.size()));
        switch (random.nextInt(3)) {
            case 0 -> {
                AttributeValue v = VALUE.next(random);
                ddb.updateItem(b -> b.tableName(table)
                        .key(key)
                        .updateExpression("SET #s = :v")
                        .expressionAttributeNames(Map.of("#s", set))
                        .expressionAttributeValues(Map.of(":v", v)));
            }
            case 1 ->
                ddb.updateItem(b -> b.tableName(table)
                        .key(key)
                        .updateExpression("REMOVE #r")
                        .expressionAttributeNames(Map.of("#r", remove)));
            default -> {
                String n = String.valueOf(random.nextInt(-5, 6));
                ddb.updateItem(b -> b.tableName(table)
                        .key(key)
                        .updateExpression("ADD #c :n")
                        .expressionAttributeNames(Map.of("#c", "counter"))
                        .expressionAttributeValues(Map.of(":n", AttributeValue.fromN(n))));
            }
        }
    }

    private static List<String> distinct(List<String> values) {
        return values.stream().distinct().toList();
    }

    /** Every item of {@code table} in canonical form, by its key ({@code pk/sk}). */
    static Map<String, Map<String, AttributeValue>> contents(DynamoDbClient ddb, String table) {
        Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
        ddb.scanPaginator(b -> b.tableName(table)).items().forEach(item -> {
            Map<String, AttributeValue> canonical = new TreeMap<>();
            item.forEach((name, value) -> canonical.put(name, canonical(value)));
            out.put(item.get("pk").s() + "/" + item.get("sk").n(), canonical);
        });
        return out;
    }

    /** The value with its sets sorted, recursively. */
    static AttributeValue canonical(AttributeValue v) {
        return switch (v.type()) {
            case SS -> AttributeValue.fromSs(v.ss().stream().sorted().toList());
            case NS -> AttributeValue.fromNs(v.ns().stream().sorted().toList());
            case BS ->
                AttributeValue.fromBs(v.bs().stream()
                        .sorted(Comparator.comparing(b -> HexFormat.of().formatHex(b.asByteArray())))
                        .toList());
            case L ->
                AttributeValue.fromL(v.l().stream().map(SeedWrites::canonical).toList());
            case M ->
                AttributeValue.fromM(v.m().entrySet().stream()
                        .collect(Collectors.toMap(
                                Map.Entry::getKey, e -> canonical(e.getValue()), (x, y) -> x, TreeMap::new)));
            default -> v;
        };
    }

    /** The keys on which two tables' contents differ, each with both sides (at most {@code max}). */
    static List<String> differences(
            Map<String, Map<String, AttributeValue>> expected,
            Map<String, Map<String, AttributeValue>> actual,
            int max) {
        List<String> out = new ArrayList<>();
        TreeMap<String, Boolean> keys = new TreeMap<>();
        expected.keySet().forEach(k -> keys.put(k, true));
        actual.keySet().forEach(k -> keys.put(k, true));
        for (String k : keys.keySet()) {
            Map<String, AttributeValue> e = expected.get(k);
            Map<String, AttributeValue> a = actual.get(k);
            if (e == null || !e.equals(a)) {
                out.add(k + ": expected " + e + " but was " + a);
                if (out.size() >= max) {
                    break;
                }
            }
        }
        return out;
    }
}
