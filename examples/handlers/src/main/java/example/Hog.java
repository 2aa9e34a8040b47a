package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Holds on to {@code megabytes} MB of heap (default 1) and answers the memory limit it was told. */
public class Hog implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static int invocations;

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        invocations++;
        int megabytes = event.get("megabytes") instanceof Number n ? n.intValue() : 1;
        List<byte[]> held = new ArrayList<>();
        for (int i = 0; i < megabytes; i++) {
            held.add(new byte[1 << 20]);
        }
        return Map.of(
                "held",
                held.size(),
                "memoryLimitInMB",
                context.getMemoryLimitInMB(),
                "maxHeapMB",
                Runtime.getRuntime().maxMemory() >> 20,
                "invocations",
                invocations);
    }
}
