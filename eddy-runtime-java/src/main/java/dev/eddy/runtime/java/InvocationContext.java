package dev.eddy.runtime.java;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.eddy.function.EnvironmentSpec;
import dev.eddy.function.Invocation;
import dev.eddy.function.LogSink;
import java.nio.charset.StandardCharsets;

/** The {@link Context} of one invocation; its logger writes into the invocation's log. */
final class InvocationContext implements Context {
    private final EnvironmentSpec spec;
    private final Invocation invocation;
    private final LambdaLogger logger;

    InvocationContext(EnvironmentSpec spec, Invocation invocation, LogSink log) {
        this.spec = spec;
        this.invocation = invocation;
        this.logger = new SinkLogger(log);
    }

    @Override
    public String getAwsRequestId() {
        return invocation.requestId();
    }

    @Override
    public String getLogGroupName() {
        return spec.logGroupName();
    }

    @Override
    public String getLogStreamName() {
        return spec.logStreamName();
    }

    @Override
    public String getFunctionName() {
        return spec.functionName();
    }

    @Override
    public String getFunctionVersion() {
        return spec.version();
    }

    @Override
    public String getInvokedFunctionArn() {
        return invocation.invokedFunctionArn();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        // measured on the service's clock, like the timeout itself
        return (int) Math.min(Integer.MAX_VALUE, invocation.remainingTime().toMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return spec.memorySize();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    /** Writes messages as given (no added newline), like the AWS runtime's text-format logger. */
    record SinkLogger(LogSink sink) implements LambdaLogger {
        @Override
        public void log(String message) {
            byte[] b = String.valueOf(message).getBytes(StandardCharsets.UTF_8);
            sink.write(b, 0, b.length);
        }

        @Override
        public void log(byte[] message) {
            sink.write(message, 0, message.length);
        }

        @Override
        public void log(String message, LogLevel level) {
            log(message);
        }

        @Override
        public void log(byte[] message, LogLevel level) {
            log(message);
        }
    }
}
