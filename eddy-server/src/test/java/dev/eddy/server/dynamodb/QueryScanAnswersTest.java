package dev.eddy.server.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Query and Scan answers carry items exactly as GetItem answers them, for every attribute type and
 * for strings JSON must escape: through a table, a local index that fetches from the table, a
 * filter and a projection.
 */
class QueryScanAnswersTest extends InMemoryServerTest {
    static final String AWKWARD = "q\"b\\s/\n\t\r\b\f\u0000\u001f\u007f \u00e9 \u2713 \ud83d\ude00 \u2028";

    static String table;
    static List<Map<String, AttributeValue>> items = new ArrayList<>();

    @BeforeAll
    static void start() {
        table = TestNames.unique("answers");
        ddb.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        definition("pk", ScalarAttributeType.S),
                        definition("sk", ScalarAttributeType.N),
                        definition("score", ScalarAttributeType.N))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .localSecondaryIndexes(LocalSecondaryIndex.builder()
                        .indexName("byScore")
                        .keySchema(key("pk", KeyType.HASH), key("score", KeyType.RANGE))
                        .projection(Projection.builder()
                                .projectionType(ProjectionType.KEYS_ONLY)
                                .build())
                        .build()));
        byte[] every = new byte[256];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i;
        }
        String[] numbers = {"0", "-1", "12345678901234567890123456789012345678", "-0.000123", "1E+100", "9.5", "1E-130"
        };
        for (int i = 0; i < numbers.length; i++) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", AttributeValue.fromS("p"));
            item.put("sk", AttributeValue.fromN(Integer.toString(i)));
            item.put("score", AttributeValue.fromN(numbers[i]));
            item.put(AWKWARD + i, AttributeValue.fromS(AWKWARD.repeat(i + 1)));
            item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(every)));
            item.put("ss", AttributeValue.fromSs(List.of(AWKWARD, "a", "")));
            item.put("ns", AttributeValue.fromNs(List.of(numbers[i], "42")));
            item.put("bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"), SdkBytes.fromByteArray(every))));
            item.put("bool", AttributeValue.fromBool(i % 2 == 0));
            item.put("null", AttributeValue.fromNul(true));
            item.put(
                    "l",
                    AttributeValue.fromL(List.of(
                            AttributeValue.fromN(numbers[i]),
                            AttributeValue.fromM(Map.of(AWKWARD, AttributeValue.fromS(AWKWARD))),
                            AttributeValue.fromL(List.of()))));
            item.put("m", AttributeValue.fromM(Map.of("even", AttributeValue.fromBool(i % 2 == 0))));
            ddb.putItem(b -> b.tableName(table).item(item));
        }
        for (int i = 0; i < numbers.length; i++) {
            String sk = Integer.toString(i);
            items.add(ddb.getItem(b -> b.tableName(table)
                            .key(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromN(sk))))
                    .item());
        }
    }

    static AttributeDefinition definition(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(type)
                .build();
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    @Test
    void queryAndScanAnswerTheItemsGetItemAnswers() {
        QueryResponse q = ddb.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("p"))));
        assertThat(q.items()).containsExactlyElementsOf(items);
        ScanResponse s = ddb.scan(b -> b.tableName(table));
        assertThat(s.items()).containsExactlyElementsOf(items);
        assertThat(s.count()).isEqualTo(items.size());
    }

    @Test
    void aLocalIndexFetchesTheWholeItemsInItsOrder() {
        QueryResponse q = ddb.query(b -> b.tableName(table)
                .indexName("byScore")
                .select(Select.ALL_ATTRIBUTES)
                .keyConditionExpression("pk = :p and score > :min")
                .expressionAttributeValues(
                        Map.of(":p", AttributeValue.fromS("p"), ":min", AttributeValue.fromN("-0.5"))));
        // scores in order: -0.000123, 0, 1E-130, 9.5, 1234... (38 digits), 1E+100
        assertThat(q.items())
                .containsExactly(items.get(3), items.get(0), items.get(6), items.get(5), items.get(2), items.get(4));
    }

    @Test
    void filtersAndProjectionsSeeTheSameValues() {
        ScanResponse s = ddb.scan(b -> b.tableName(table)
                .filterExpression("m.even = :t AND contains(ss, :awkward)")
                .projectionExpression("sk, l[1], b")
                .expressionAttributeValues(
                        Map.of(":t", AttributeValue.fromBool(true), ":awkward", AttributeValue.fromS(AWKWARD))));
        assertThat(s.scannedCount()).isEqualTo(items.size());
        assertThat(s.items()).hasSize(4);
        for (Map<String, AttributeValue> item : s.items()) {
            Map<String, AttributeValue> full =
                    items.get(Integer.parseInt(item.get("sk").n()));
            assertThat(item)
                    .containsOnlyKeys("sk", "l", "b")
                    .containsEntry("b", full.get("b"))
                    .containsEntry(
                            "l", AttributeValue.fromL(List.of(full.get("l").l().get(1))));
        }
    }
}
