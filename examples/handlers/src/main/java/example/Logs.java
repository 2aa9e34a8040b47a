package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Writes the input's "text" to System.out, System.err and the LambdaLogger; returns the request id. */
public class Logs implements RequestHandler<Map<String, String>, String> {
    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        String text = event.get("text");
        System.out.println("out " + text);
        System.err.println("err " + text);
        context.getLogger().log("logger " + text + "\n");
        if (event.containsKey("pauseMillis")) {
            try {
                Thread.sleep(Long.parseLong(event.get("pauseMillis")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.println("out again " + text);
        }
        return context.getAwsRequestId();
    }
}
