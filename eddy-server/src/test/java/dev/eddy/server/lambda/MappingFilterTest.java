package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.server.lambda.MappingHarness.Table;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.model.Filter;

/**
 * FilterCriteria (spec 4.10) with the cases recorded from AWS: patterns address attribute values
 * through their type descriptor, numbers are strings, {@code exists}, metadata keys, OR between
 * filters. Filtered-out records are never sent and do not hold the shard back.
 */
class MappingFilterTest {
    private static final MappingHarness h = MappingHarness.shared();

    /** Writes the fixture items, maps the probe with {@code patterns}, and answers the ids sent. */
    private static List<String> delivered(String... patterns) {
        Table t = h.table();
        h.put(t, item("red", "colour", s("red"), "n", n("101")));
        h.put(t, item("blue", "colour", s("blue"), "n", n("50")));
        h.put(t, item("plain", "n", n("300")));
        h.put(t, item("red", "colour", s("red"), "n", n("102"))); // MODIFY of red
        h.ddb.deleteItem(b -> b.tableName(t.name()).key(Map.of("id", s("blue"))));
        List<Filter> filters = Arrays.stream(patterns).map(Mappings::pattern).toList();
        String uuid = h.map(t, b -> b.batchSize(100).filterCriteria(f -> f.filters(filters)));
        h.drain(uuid);
        return h.invocations(t).stream()
                .flatMap(i -> i.records().stream())
                .map(r -> r.get("eventName").asText() + ":"
                        + r.at("/dynamodb/Keys/id/S").asText())
                .toList();
    }

    @Test
    void anAttributeValueMatchesThroughItsTypeDescriptor() {
        assertThat(delivered("{\"dynamodb\":{\"NewImage\":{\"colour\":{\"S\":[\"red\"]}}}}"))
                .containsExactly("INSERT:red", "MODIFY:red");
    }

    @Test
    void withoutTheTypeDescriptorNothingMatches() {
        Table t = h.table();
        h.put(t, item("red", "colour", s("red")));
        String uuid = h.map(
                t,
                b -> b.filterCriteria(
                        f -> f.filters(Mappings.pattern("{\"dynamodb\":{\"NewImage\":{\"colour\":[\"red\"]}}}"))));
        h.drain(uuid);
        assertThat(h.invocations(t)).isEmpty();
        JsonNode shard = h.status(uuid).get("Shards").get(0);
        assertThat(shard.get("PolledEventCount").asLong()).isEqualTo(1);
        assertThat(shard.get("FilteredOutEventCount").asLong()).isEqualTo(1);
    }

    @Test
    void numbersAreStringsSoNumericDoesNotMatchThem() {
        assertThat(delivered("{\"dynamodb\":{\"NewImage\":{\"n\":{\"N\":[{\"numeric\":[\">\",100]}]}}}}"))
                .isEmpty();
        assertThat(delivered("{\"dynamodb\":{\"NewImage\":{\"n\":{\"N\":[\"101\"]}}}}"))
                .containsExactly("INSERT:red");
        // 300 written as 300: the string "300.0" is another value
        assertThat(delivered("{\"dynamodb\":{\"NewImage\":{\"n\":{\"N\":[\"300.0\"]}}}}"))
                .isEmpty();
    }

    @Test
    void theCreationTimeIsANumber() {
        assertThat(delivered("{\"dynamodb\":{\"ApproximateCreationDateTime\":[{\"numeric\":[\">\",1000000000]}]}}"))
                .hasSize(5);
    }

    @Test
    void existsNeedsTheTypeDescriptorAndExistsFalseMatchesAbsentAttributes() {
        assertThat(delivered("{\"dynamodb\":{\"NewImage\":{\"colour\":{\"S\":[{\"exists\":true}]}}}}"))
                .containsExactly("INSERT:red", "INSERT:blue", "MODIFY:red");
        // exists matches leaves only: at the descriptor level it tells records lacking the attribute
        // (a REMOVE has no NewImage at all: its colour is absent too)
        assertThat(delivered("{\"dynamodb\":{\"NewImage\":{\"colour\":{\"S\":[{\"exists\":false}]}}}}"))
                .containsExactly("INSERT:plain", "REMOVE:blue");
        // above it, the attribute is never a leaf: every record lacks one there, so all match
        assertThat(delivered("{\"dynamodb\":{\"NewImage\":{\"colour\":[{\"exists\":false}]}}}"))
                .containsExactly("INSERT:red", "INSERT:blue", "INSERT:plain", "MODIFY:red", "REMOVE:blue");
        assertThat(delivered("{\"dynamodb\":{\"NewImage\":{\"colour\":[{\"exists\":true}]}}}"))
                .isEmpty();
    }

    @Test
    void eventNameAndOrBetweenFilters() {
        assertThat(delivered("{\"eventName\":[\"REMOVE\"]}")).containsExactly("REMOVE:blue");
        assertThat(delivered("{\"eventName\":[\"MODIFY\"]}", "{\"dynamodb\":{\"Keys\":{\"id\":{\"S\":[\"plain\"]}}}}"))
                .containsExactly("INSERT:plain", "MODIFY:red");
        assertThat(delivered(
                        "{\"eventName\":[\"INSERT\"],\"dynamodb\":{\"NewImage\":{\"colour\":{\"S\":[\"blue\"]}}}}"))
                .containsExactly("INSERT:blue");
    }

    @Test
    void userIdentityTellsTimeToLiveDeletions() {
        Table t = h.table();
        h.ddb.updateTimeToLive(b -> b.tableName(t.name())
                .timeToLiveSpecification(s -> s.enabled(true).attributeName("exp")));
        long now = System.currentTimeMillis() / 1000;
        h.put(t, item("expired", "exp", n(Long.toString(now - 10))));
        h.put(t, item("kept", "exp", n(Long.toString(now + 3600))));
        h.ddb.deleteItem(b -> b.tableName(t.name()).key(Map.of("id", s("kept"))));
        assertThat(h.server.tables().ttlSweeper().sweep()).isGreaterThanOrEqualTo(1);
        String uuid = h.map(
                t,
                b -> b.filterCriteria(f -> f.filters(Mappings.pattern(
                        "{\"userIdentity\":{\"type\":[\"Service\"],\"principalId\":[\"dynamodb.amazonaws.com\"]}}"))));
        h.drain(uuid);

        List<JsonNode> sent =
                h.invocations(t).stream().flatMap(i -> i.records().stream()).toList();
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().get("eventName").asText()).isEqualTo("REMOVE");
        assertThat(sent.getFirst().at("/dynamodb/Keys/id/S").asText()).isEqualTo("expired");
    }

    @Test
    void filteredOutRecordsAdvanceTheCheckpointBetweenSentOnes() {
        Table t = h.table();
        for (int i = 0; i < 6; i++) {
            h.put(t, item("k" + i, "keep", s(i % 3 == 0 ? "yes" : "no")));
        }
        String uuid = h.map(
                t,
                b -> b.batchSize(1)
                        .filterCriteria(f -> f.filters(
                                Mappings.pattern("{\"dynamodb\":{\"NewImage\":{\"keep\":{\"S\":[\"yes\"]}}}}"))));
        h.drain(uuid);
        assertThat(h.batches(t)).containsExactly(List.of("k0"), List.of("k3"));

        h.put(t, item("k6", "keep", s("no")));
        h.drain(uuid);
        assertThat(h.batches(t)).hasSize(2);
        JsonNode status = h.status(uuid);
        assertThat(status.get("Lag").asLong()).isZero();
        assertThat(status.get("Shards").get(0).get("FilteredOutEventCount").asLong())
                .isEqualTo(5);
    }

    private static Map<String, AttributeValue> item(String id, Object... attributes) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(id));
        for (int i = 0; i < attributes.length; i += 2) {
            item.put((String) attributes[i], (AttributeValue) attributes[i + 1]);
        }
        return item;
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }
}
