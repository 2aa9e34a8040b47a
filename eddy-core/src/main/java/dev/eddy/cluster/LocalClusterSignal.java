package dev.eddy.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The {@link ClusterSignal} of a single node: notices go to this process's subscribers only, on the
 * publishing thread.
 */
public final class LocalClusterSignal implements ClusterSignal {
    static final int MAX_PAYLOAD = 4_000;

    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();

    @Override
    public void publish(String topic, String payload) {
        if (payload.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a notice's payload is limited to " + MAX_PAYLOAD + " characters");
        }
        List<Consumer<String>> subscribers = listeners.get(topic);
        if (subscribers != null) {
            subscribers.forEach(listener -> listener.accept(payload));
        }
    }

    @Override
    public Subscription subscribe(String topic, Consumer<String> listener) {
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> {
            List<Consumer<String>> subscribers = listeners.get(topic);
            if (subscribers != null) {
                subscribers.remove(listener);
            }
        };
    }
}
