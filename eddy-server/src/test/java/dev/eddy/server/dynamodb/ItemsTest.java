package dev.eddy.server.dynamodb;

import static dev.eddy.server.dynamodb.TablesTest.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Single-item reads and writes without expressions: values, keys, limits, return values, capacity. */
class ItemsTest extends InMemoryServerTest {
    static String hashTable;
    static String rangeTable;

    @BeforeAll
    static void start() {
        hashTable = TestNames.unique("items");
        ddb.createTable(TablesTest.hashTable(hashTable).build());
        rangeTable = TestNames.unique("ranged");
        ddb.createTable(b -> b.tableName(rangeTable)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName("pk")
                                .attributeType(ScalarAttributeType.N)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName("sk")
                                .attributeType(ScalarAttributeType.B)
                                .build())
                .keySchema(
                        KeySchemaElement.builder()
                                .attributeName("pk")
                                .keyType(KeyType.HASH)
                                .build(),
                        KeySchemaElement.builder()
                                .attributeName("sk")
                                .keyType(KeyType.RANGE)
                                .build()));
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    @Test
    void everyTypeRoundTrips() {
        Map<String, AttributeValue> item = Map.ofEntries(
                Map.entry("id", AttributeValue.fromS("all-types")),
                Map.entry("s", AttributeValue.fromS("")),
                Map.entry("n", AttributeValue.fromN("-0012.3400")),
                Map.entry("big", AttributeValue.fromN("9.9999999999999999999999999999999999999E+125")),
                Map.entry("tiny", AttributeValue.fromN("-1E-130")),
                Map.entry("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 255}))),
                Map.entry("empty", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[0]))),
                Map.entry("t", AttributeValue.fromBool(true)),
                Map.entry("nul", AttributeValue.fromNul(true)),
                Map.entry("l", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromN("1")))),
                Map.entry(
                        "m",
                        AttributeValue.fromM(
                                Map.of("inner", AttributeValue.fromM(Map.of("deep", AttributeValue.fromBool(false)))))),
                Map.entry("ss", AttributeValue.fromSs(List.of("a", "b"))),
                Map.entry("ns", AttributeValue.fromNs(List.of("1", "2.50"))),
                Map.entry("bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x")))));
        ddb.putItem(b -> b.tableName(hashTable).item(item));
        Map<String, AttributeValue> got = ddb.getItem(
                        b -> b.tableName(hashTable).key(key("all-types")).consistentRead(true))
                .item();
        assertThat(got).hasSize(item.size());
        assertThat(got.get("n").n()).isEqualTo("-12.34");
        assertThat(got.get("big").n()).isEqualTo("99999999999999999999999999999999999999" + "0".repeat(88));
        assertThat(got.get("tiny").n()).isEqualTo("-0." + "0".repeat(129) + "1");
        assertThat(got.get("s").s()).isEmpty();
        assertThat(got.get("b").b().asByteArray()).containsExactly(0, 1, 255);
        assertThat(got.get("empty").b().asByteArray()).isEmpty();
        assertThat(got.get("nul").nul()).isTrue();
        assertThat(got.get("l").l()).containsExactly(AttributeValue.fromS("x"), AttributeValue.fromN("1"));
        assertThat(got.get("m").m().get("inner").m().get("deep").bool()).isFalse();
        assertThat(got.get("ss").ss()).containsExactly("a", "b");
        assertThat(got.get("ns").ns()).containsExactly("1", "2.5");
        assertThat(got.get("bs").bs()).containsExactly(SdkBytes.fromUtf8String("x"));
    }

    @Test
    void putReplacesAndReturnsOldItem() {
        ddb.putItem(b ->
                b.tableName(hashTable).item(Map.of("id", AttributeValue.fromS("r"), "v", AttributeValue.fromN("1"))));
        PutItemResponse second = ddb.putItem(b -> b.tableName(hashTable)
                .item(Map.of("id", AttributeValue.fromS("r"), "w", AttributeValue.fromN("2")))
                .returnValues(ReturnValue.ALL_OLD));
        assertThat(second.attributes())
                .isEqualTo(Map.of("id", AttributeValue.fromS("r"), "v", AttributeValue.fromN("1")));
        assertThat(ddb.getItem(b -> b.tableName(hashTable).key(key("r"))).item())
                .isEqualTo(Map.of("id", AttributeValue.fromS("r"), "w", AttributeValue.fromN("2")));
        PutItemResponse fresh =
                ddb.putItem(b -> b.tableName(hashTable).item(key("fresh")).returnValues(ReturnValue.ALL_OLD));
        assertThat(fresh.hasAttributes()).isFalse();
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(hashTable).item(key("x")).returnValues(ReturnValue.ALL_NEW)),
                "ReturnValues can only be ALL_OLD or NONE");
    }

    @Test
    void deleteReturnsOldItem() {
        ddb.putItem(b ->
                b.tableName(hashTable).item(Map.of("id", AttributeValue.fromS("d"), "v", AttributeValue.fromS("x"))));
        assertThat(ddb.deleteItem(b -> b.tableName(hashTable).key(key("d")).returnValues(ReturnValue.ALL_OLD))
                        .attributes())
                .containsEntry("v", AttributeValue.fromS("x"));
        assertThat(ddb.getItem(b -> b.tableName(hashTable).key(key("d"))).hasItem())
                .isFalse();
        assertThat(ddb.deleteItem(b -> b.tableName(hashTable).key(key("d")).returnValues(ReturnValue.ALL_OLD))
                        .hasAttributes())
                .isFalse();
    }

    @Test
    void compositeKeysWithNumberAndBinary() {
        Map<String, AttributeValue> k1 = Map.of(
                "pk", AttributeValue.fromN("1.0"), "sk", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 0
                })));
        ddb.putItem(b -> b.tableName(rangeTable)
                .item(Map.of(
                        "pk",
                        AttributeValue.fromN("1"),
                        "sk",
                        AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 0})),
                        "v",
                        AttributeValue.fromS("one"))));
        assertThat(ddb.getItem(b -> b.tableName(rangeTable).key(k1))
                        .item()
                        .get("v")
                        .s())
                .isEqualTo("one");
        Map<String, AttributeValue> k2 = Map.of(
                "pk", AttributeValue.fromN("1"), "sk", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1})));
        assertThat(ddb.getItem(b -> b.tableName(rangeTable).key(k2)).hasItem()).isFalse();
    }

    @Test
    void keyValidation() {
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(hashTable).item(Map.of("x", AttributeValue.fromS("1")))),
                "One or more parameter values were invalid: Missing the key id in the item");
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(hashTable).item(Map.of("id", AttributeValue.fromN("1")))),
                "One or more parameter values were invalid: Type mismatch for key id expected: S actual: N");
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(hashTable).item(Map.of("id", AttributeValue.fromS("")))),
                "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain "
                        + "an empty string value. Key: id");
        assertValidation(
                () -> ddb.getItem(b -> b.tableName(hashTable).key(Map.of("id", AttributeValue.fromN("1")))),
                "The provided key element does not match the schema");
        assertValidation(
                () -> ddb.getItem(b -> b.tableName(hashTable)
                        .key(Map.of("id", AttributeValue.fromS("1"), "extra", AttributeValue.fromS("1")))),
                "The provided key element does not match the schema");
        assertValidation(
                () -> ddb.deleteItem(b -> b.tableName(rangeTable).key(Map.of("pk", AttributeValue.fromN("1")))),
                "The provided key element does not match the schema");
        String longKey = "k".repeat(2049);
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(hashTable).item(key(longKey))),
                "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit "
                        + "of2048 bytes");
        ddb.putItem(b -> b.tableName(hashTable).item(key("k".repeat(2048))));
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(rangeTable)
                        .item(Map.of(
                                "pk",
                                AttributeValue.fromN("1"),
                                "sk",
                                AttributeValue.fromB(SdkBytes.fromByteArray(new byte[1025]))))),
                "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size "
                        + "limit of 1024 bytes");
    }

    @Test
    void itemSizeLimit() {
        // 400 KB exactly: "id"(2) + "b"(1) + "blob"(4) + the string
        int blob = 400 * 1024 - 2 - 1 - 4;
        Map<String, AttributeValue> ok =
                Map.of("id", AttributeValue.fromS("b"), "blob", AttributeValue.fromS("x".repeat(blob)));
        ddb.putItem(b -> b.tableName(hashTable).item(ok));
        Map<String, AttributeValue> tooBig =
                Map.of("id", AttributeValue.fromS("b"), "blob", AttributeValue.fromS("x".repeat(blob + 4)));
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(hashTable).item(tooBig)),
                "Item size has exceeded the maximum allowed size");
    }

    @Test
    void numberLimits() {
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(hashTable)
                        .item(Map.of("id", AttributeValue.fromS("n"), "v", AttributeValue.fromN("1E+126")))),
                "Number overflow. Attempting to store a number with magnitude larger than supported range");
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(hashTable)
                        .item(Map.of("id", AttributeValue.fromS("n"), "v", AttributeValue.fromN("1E-131")))),
                "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        assertValidation(
                () -> ddb.putItem(b -> b.tableName(hashTable)
                        .item(Map.of(
                                "id",
                                AttributeValue.fromS("n"),
                                "v",
                                AttributeValue.fromN("1.23456789012345678901234567890123456789")))),
                "Attempting to store more than 38 significant digits in a Number");
    }

    @Test
    void consumedCapacity() {
        ConsumedCapacity total = ddb.putItem(b -> b.tableName(hashTable)
                        .item(Map.of("id", AttributeValue.fromS("c"), "v", AttributeValue.fromS("x".repeat(1500))))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity();
        assertThat(total.tableName()).isEqualTo(hashTable);
        assertThat(total.capacityUnits()).isEqualTo(2.0);
        assertThat(total.table()).isNull();
        ConsumedCapacity indexes = ddb.getItem(b ->
                        b.tableName(hashTable).key(key("c")).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
                .consumedCapacity();
        assertThat(indexes.capacityUnits()).isEqualTo(0.5);
        assertThat(indexes.table().capacityUnits()).isEqualTo(0.5);
        assertThat(ddb.getItem(b -> b.tableName(hashTable)
                                .key(key("c"))
                                .consistentRead(true)
                                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                        .consumedCapacity()
                        .capacityUnits())
                .isEqualTo(1.0);
        assertThat(ddb.getItem(b -> b.tableName(hashTable).key(key("c"))).consumedCapacity())
                .isNull();
    }

    @Test
    void missingTable() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ddb.getItem(b -> b.tableName("no-such-table").key(key("x"))))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertThat(((ResourceNotFoundException) e)
                                .awsErrorDetails()
                                .errorMessage())
                        .isEqualTo("Requested resource not found"));
    }
}
