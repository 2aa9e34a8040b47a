package example;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plain method handler (example.ContextInfo::describe) that reports its Context. */
public class ContextInfo {
    public Map<String, Object> describe(Map<String, Object> event, Context context) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("awsRequestId", context.getAwsRequestId());
        out.put("functionName", context.getFunctionName());
        out.put("functionVersion", context.getFunctionVersion());
        out.put("invokedFunctionArn", context.getInvokedFunctionArn());
        out.put("memoryLimitInMB", context.getMemoryLimitInMB());
        out.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
        out.put("logGroupName", context.getLogGroupName());
        out.put("logStreamName", context.getLogStreamName());
        out.put("logStreamEnv", System.getenv("AWS_LAMBDA_LOG_STREAM_NAME"));
        return out;
    }
}
