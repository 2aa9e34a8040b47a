package dev.eddy.server.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.enhanced.dynamodb.model.CreateTableEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.EnhancedGlobalSecondaryIndex;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/** The DynamoDB Enhanced Client against Eddy: table creation from a bean, put, query on a GSI. */
class EnhancedClientTest extends InMemoryServerTest {
    static DynamoDbEnhancedClient enhanced;

    @BeforeAll
    static void start() {
        enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).build();
    }

    /** An order of a customer, queryable by status through a GSI. */
    @DynamoDbBean
    public static class Order {
        private String customer;
        private String orderId;
        private String status;
        private Integer total;

        @DynamoDbPartitionKey
        public String getCustomer() {
            return customer;
        }

        public void setCustomer(String customer) {
            this.customer = customer;
        }

        @DynamoDbSortKey
        public String getOrderId() {
            return orderId;
        }

        public void setOrderId(String orderId) {
            this.orderId = orderId;
        }

        @DynamoDbSecondaryPartitionKey(indexNames = "byStatus")
        public String getStatus() {
            return status;
        }

        public void setStatus(String status) {
            this.status = status;
        }

        @DynamoDbSecondarySortKey(indexNames = "byStatus")
        public Integer getTotal() {
            return total;
        }

        public void setTotal(Integer total) {
            this.total = total;
        }

        static Order of(String customer, String id, String status, int total) {
            Order o = new Order();
            o.customer = customer;
            o.orderId = id;
            o.status = status;
            o.total = total;
            return o;
        }
    }

    @Test
    void createPutGetAndQueryAGlobalIndex() {
        String name = TestNames.unique("enhanced");
        DynamoDbTable<Order> orders = enhanced.table(name, TableSchema.fromBean(Order.class));
        orders.createTable(CreateTableEnhancedRequest.builder()
                .globalSecondaryIndices(EnhancedGlobalSecondaryIndex.builder()
                        .indexName("byStatus")
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .build())
                .build());
        orders.putItem(Order.of("ann", "o1", "open", 30));
        orders.putItem(Order.of("ann", "o2", "shipped", 10));
        orders.putItem(Order.of("bob", "o3", "open", 20));
        orders.putItem(Order.of("bob", "o4", "open", 5));

        Order got = orders.getItem(
                Key.builder().partitionValue("ann").sortValue("o2").build());
        assertThat(got.getStatus()).isEqualTo("shipped");

        DynamoDbIndex<Order> byStatus = orders.index("byStatus");
        List<String> open = byStatus.query(QueryConditional.keyEqualTo(k -> k.partitionValue("open"))).stream()
                .flatMap(page -> page.items().stream())
                .map(Order::getOrderId)
                .toList();
        assertThat(open).containsExactly("o4", "o3", "o1");
        List<Integer> big =
                byStatus
                        .query(QueryConditional.sortGreaterThan(
                                k -> k.partitionValue("open").sortValue(10)))
                        .stream()
                        .flatMap(page -> page.items().stream())
                        .map(Order::getTotal)
                        .toList();
        assertThat(big).containsExactly(20, 30);
        List<String> annOrders =
                orders.query(QueryConditional.keyEqualTo(k -> k.partitionValue("ann"))).items().stream()
                        .map(Order::getOrderId)
                        .toList();
        assertThat(annOrders).containsExactly("o1", "o2");
    }
}
