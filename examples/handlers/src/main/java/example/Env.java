package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Returns the environment variables named in the input as System.getenv(name) sees them, plus
 * "count": how many variables System.getenv() holds and "invocations": a static counter.
 */
public class Env implements RequestHandler<List<String>, Map<String, Object>> {
    private static int invocations;

    @Override
    public Map<String, Object> handleRequest(List<String> names, Context context) {
        invocations++;
        Map<String, Object> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, System.getenv(n));
        }
        out.put("count", System.getenv().size());
        out.put("invocations", invocations);
        return out;
    }
}
