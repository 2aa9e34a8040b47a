package dev.eddy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalClusterSignalTest {

    @Test
    void deliversToSubscribersOfTheTopicUntilClosed() {
        LocalClusterSignal signal = new LocalClusterSignal();
        List<String> tables = new ArrayList<>();
        List<String> functions = new ArrayList<>();
        ClusterSignal.Subscription sub = signal.subscribe("table", tables::add);
        signal.subscribe("function", functions::add);

        signal.publish("table", "orders");
        signal.publish("function", "f1");
        sub.close();
        sub.close();
        signal.publish("table", "ignored");

        assertThat(tables).containsExactly("orders");
        assertThat(functions).containsExactly("f1");
    }

    @Test
    void refusesLongPayloads() {
        LocalClusterSignal signal = new LocalClusterSignal();
        assertThatThrownBy(() -> signal.publish("t", "x".repeat(4_001))).isInstanceOf(IllegalArgumentException.class);
    }
}
