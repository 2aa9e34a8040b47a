package dev.eddy.server.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import dev.eddy.testkit.TestTables;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;

/**
 * TagResource, UntagResource, ListTagsOfResource and CreateTable's Tags as DynamoDB validates them:
 * characters, the reserved {@code aws:} prefix, duplicate keys, 50 tags per table, index ARNs, and
 * the empty answers of TagResource and UntagResource.
 */
class TableTagsTest extends InMemoryServerTest {
    static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    static String table() {
        return ddb.createTable(TestTables.hashTable(TestNames.unique("tagged")).build())
                .tableDescription()
                .tableArn();
    }

    static void assertRejected(Consumer<TagResourceRequest.Builder> request, String message) {
        assertThatThrownBy(() -> ddb.tagResource(request)).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void keysAndValuesMayHoldLettersDigitsSpacesAndTheDocumentedSymbols() {
        String arn = table();
        ddb.tagResource(b -> b.resourceArn(arn)
                .tags(
                        tag("Ünïcode ключ 名前 _.:/=+-@ 42", "värde 値 _.:/=+-@"),
                        tag("empty", ""),
                        tag("k".repeat(128), "v".repeat(256))));
        assertThat(ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags())
                .containsExactlyInAnyOrder(
                        tag("Ünïcode ключ 名前 _.:/=+-@ 42", "värde 値 _.:/=+-@"),
                        tag("empty", ""),
                        tag("k".repeat(128), "v".repeat(256)));
        // lengths count characters, not UTF-16 units: 128 letters beyond the BMP are a valid key,
        // a symbol such as an emoji is no letter
        ddb.tagResource(b -> b.resourceArn(arn).tags(tag("\uD835\uDC9C".repeat(128), "x")));
        assertRejected(
                b -> b.resourceArn(arn).tags(tag("\uD83D\uDE00", "x")),
                "Invalid TagKey provided: \uD83D\uDE00. Tag keys may only contain Unicode letters, digits, white"
                        + " space, and _ . : / = + - @");
    }

    @Test
    void forbiddenCharactersTheAwsPrefixAndDuplicatesAreRejected() {
        String arn = table();
        assertRejected(
                b -> b.resourceArn(arn).tags(tag("semi;colon", "x")),
                "Invalid TagKey provided: semi;colon. Tag keys may only contain Unicode letters, digits, white space,"
                        + " and _ . : / = + - @");
        assertRejected(
                b -> b.resourceArn(arn).tags(tag("key", "a*b")),
                "Invalid TagValue provided for TagKey key. Tag values may only contain Unicode letters, digits,"
                        + " white space, and _ . : / = + - @");
        assertRejected(
                b -> b.resourceArn(arn).tags(tag("AWS:owner", "x")),
                "Invalid TagKey provided: AWS:owner. Tag keys starting with 'aws:' are reserved for AWS use");
        assertRejected(
                b -> b.resourceArn(arn).tags(tag("twice", "1"), tag("twice", "2")),
                "Duplicate tag keys provided: twice");
        assertRejected(
                b -> b.resourceArn(arn).tags(tag("", "x")),
                "1 validation error detected: Value '' at 'tags.1.member.key' failed to satisfy constraint: Member"
                        + " must have length greater than or equal to 1");
        assertThat(ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags()).isEmpty();
    }

    @Test
    void aTableHoldsAtMostFiftyTagsAlsoAtCreation() {
        List<Tag> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(tag("t" + i, "v"));
        }
        String arn = table();
        ddb.tagResource(b -> b.resourceArn(arn).tags(fifty));
        ddb.tagResource(b -> b.resourceArn(arn).tags(tag("t0", "replaced")));
        String limit = "One or more parameter values were invalid: The number of tags exceeds the limit of 50";
        assertRejected(b -> b.resourceArn(arn).tags(tag("fifty-first", "v")), limit);
        List<Tag> fiftyOne = new ArrayList<>(fifty);
        fiftyOne.add(tag("t50", "v"));
        String name = TestNames.unique("overtagged");
        assertThatThrownBy(() -> ddb.createTable(
                        TestTables.hashTable(name).tags(fiftyOne).build()))
                .isInstanceOfSatisfying(
                        DynamoDbException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(limit));
        assertThatThrownBy(() -> ddb.describeTable(b -> b.tableName(name)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> ddb.createTable(TestTables.hashTable(name)
                        .tags(tag("aws:cloudformation:stack-name", "s"))
                        .build()))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("reserved for AWS use");
    }

    static void assertUntagRejected(String arn, List<String> keys, String message) {
        assertThatThrownBy(() -> ddb.untagResource(b -> b.resourceArn(arn).tagKeys(keys)))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
                });
    }

    @Test
    void untagResourceChecksItsKeysAsTagResourceDoes() {
        String arn = table();
        ddb.tagResource(b -> b.resourceArn(arn).tags(tag("keep", "1"), tag("k".repeat(128), "2"), tag("gone", "3")));
        assertUntagRejected(
                arn,
                List.of("gone", "k".repeat(129)),
                "1 validation error detected: Value '[gone, " + "k".repeat(129) + "]' at 'tagKeys' failed to"
                        + " satisfy constraint: Member must satisfy constraint: [Member must have length less than"
                        + " or equal to 128]");
        assertUntagRejected(
                arn,
                List.of(""),
                "1 validation error detected: Value '[]' at 'tagKeys' failed to satisfy constraint: Member must"
                        + " satisfy constraint: [Member must have length greater than or equal to 1]");
        assertUntagRejected(
                arn,
                List.of("gone", "semi;colon"),
                "Invalid TagKey provided: semi;colon. Tag keys may only contain Unicode letters, digits, white space,"
                        + " and _ . : / = + - @");
        assertUntagRejected(
                arn,
                List.of("Aws:created-by"),
                "Invalid TagKey provided: Aws:created-by. Tag keys starting with 'aws:' are reserved for AWS use");
        // a refused request removes nothing
        assertThat(ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags()).hasSize(3);
        // 128 characters beyond the BMP are a valid key; a key given twice is harmless
        ddb.untagResource(b -> b.resourceArn(arn).tagKeys("k".repeat(128), "gone", "gone", "\uD835\uDC9C".repeat(128)));
        assertThat(ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags()).containsExactly(tag("keep", "1"));
    }

    @Test
    void anIndexArnIsNoTaggableResource() {
        String arn = table();
        String index = arn + "/index/byOwner";
        assertRejected(
                b -> b.resourceArn(index).tags(tag("a", "b")),
                "Invalid TableArn: Invalid ResourceArn provided as input " + index);
    }

    @Test
    void tagAndUntagAnswerWithAnEmptyBody() throws Exception {
        String arn = table();
        HttpClient http = HttpClient.newHttpClient();
        for (String[] call : List.of(
                new String[] {
                    "TagResource", "{\"ResourceArn\":\"" + arn + "\",\"Tags\":[{\"Key\":\"a\",\"Value\":\"b\"}]}"
                },
                new String[] {"UntagResource", "{\"ResourceArn\":\"" + arn + "\",\"TagKeys\":[\"a\"]}"})) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(endpoint())
                            .header("X-Amz-Target", "DynamoDB_20120810." + call[0])
                            .header("Content-Type", "application/x-amz-json-1.0")
                            .header(
                                    "Authorization",
                                    "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request,"
                                            + " SignedHeaders=host;x-amz-date, Signature=abc")
                            .POST(HttpRequest.BodyPublishers.ofString(call[1]))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(call[0]).isEqualTo(200);
            assertThat(answer.body()).as(call[0]).isEmpty();
            assertThat(answer.headers().firstValue("x-amz-crc32")).as(call[0]).hasValue("0");
        }
        assertThat(ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags()).isEmpty();
    }
}
