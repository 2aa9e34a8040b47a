package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.ListEventSourceMappingsResponse;

/** ListEventSourceMappings: the EventSourceArn and FunctionName filters, Marker and MaxItems. */
class EventSourceMappingListTest extends InMemoryServerTest {
    static LambdaClient lambda;
    static String f1;
    static String f2;
    static String s1;
    static String s2;

    @BeforeAll
    static void setUp() {
        lambda = Lambdas.client(server);
        f1 = TestNames.unique("lista");
        f2 = TestNames.unique("listb");
        Lambdas.deploy(lambda, f1, "handlers", "example.Echo");
        Lambdas.deploy(lambda, f2, "handlers", "example.Echo");
        s1 = Mappings.streamedTable(ddb);
        s2 = Mappings.streamedTable(ddb);
        for (String s : List.of(s1, s2)) {
            for (String f : List.of(f1, f2)) {
                lambda.createEventSourceMapping(
                        b -> b.eventSourceArn(s).functionName(f).startingPosition("LATEST"));
            }
        }
    }

    @AfterAll
    static void close() {
        lambda.close();
    }

    @Test
    void filtersByStreamAndByFunction() {
        assertThat(lambda.listEventSourceMappings(b -> b.eventSourceArn(s1)).eventSourceMappings())
                .hasSize(2)
                .allSatisfy(m -> assertThat(m.eventSourceArn()).isEqualTo(s1));
        assertThat(lambda.listEventSourceMappings(b -> b.functionName(f2)).eventSourceMappings())
                .hasSize(2)
                .allSatisfy(m -> assertThat(m.functionArn()).endsWith(":function:" + f2));
        assertThat(lambda.listEventSourceMappings(
                                b -> b.functionName("arn:aws:lambda:us-east-1:000000000000:function:" + f2))
                        .eventSourceMappings())
                .hasSize(2);
        assertThat(lambda.listEventSourceMappings(b -> b.eventSourceArn(s2).functionName(f1))
                        .eventSourceMappings())
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.eventSourceArn()).isEqualTo(s2);
                    assertThat(m.functionArn()).endsWith(":function:" + f1);
                });
        assertThat(lambda.listEventSourceMappings(b -> b.functionName("nosuchfunction"))
                        .eventSourceMappings())
                .isEmpty();
    }

    @Test
    void pagesFollowTheMarker() {
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String m = marker;
            ListEventSourceMappingsResponse page = lambda.listEventSourceMappings(
                    b -> b.functionName(f1).maxItems(1).marker(m));
            assertThat(page.eventSourceMappings()).hasSize(1);
            page.eventSourceMappings().stream()
                    .map(EventSourceMappingConfiguration::uuid)
                    .forEach(seen::add);
            marker = page.nextMarker();
            pages++;
        } while (marker != null && pages < 10);
        assertThat(pages).isEqualTo(2);
        assertThat(seen).doesNotHaveDuplicates().hasSize(2);
        assertThat(lambda.listEventSourceMappings(b -> b.functionName(f1).maxItems(2))
                        .nextMarker())
                .isNull();
    }

    @Test
    void maxItemsIsChecked() {
        assertThatThrownBy(() -> lambda.listEventSourceMappings(b -> b.maxItems(0)))
                .hasMessageStartingWith("1 validation error detected: Value '0' at 'maxItems' failed to satisfy "
                        + "constraint: Member must have value greater than or equal to 1");
    }
}
