package example.jackson;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.PackageVersion;
import java.util.LinkedHashMap;
import java.util.Map;

/** Uses the Jackson it bundles (not Eddy's) and reports its version. */
public class VersionHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        try {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("jacksonVersion", PackageVersion.VERSION.toString());
            out.put("json", MAPPER.writeValueAsString(input));
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
