package dev.eddy.server;

import dev.eddy.function.EnvironmentSpec;
import dev.eddy.function.ExecutionEnvironment;
import dev.eddy.function.FunctionRuntime;
import dev.eddy.function.LogSink;
import java.util.List;

/**
 * Runs a {@code java*} function in Eddy's JVM or in a JVM of its own: the function's environment
 * variable {@code EDDY_JAVA_RUNTIME} ({@code jvm} or {@code process}) decides, else the server's
 * default ({@code eddy serve --java-runtime}). Both runtimes prepare every package, so the choice is
 * made per execution environment and a configuration change takes effect at the next cold start.
 *
 * <p>Thread-safe as its two runtimes are. Closing it closes both.
 */
final class JavaRuntimeChoice implements FunctionRuntime {
    /** The function variable that chooses. */
    static final String VARIABLE = "EDDY_JAVA_RUNTIME";

    private final FunctionRuntime inJvm;
    private final FunctionRuntime process;
    private final boolean processByDefault;

    JavaRuntimeChoice(FunctionRuntime inJvm, FunctionRuntime process, boolean processByDefault) {
        this.inJvm = inJvm;
        this.process = process;
        this.processByDefault = processByDefault;
    }

    /** The code as each runtime prepared it. */
    private record Both(PreparedCode inJvm, PreparedCode process) implements PreparedCode {
        @Override
        public String codeSha256() {
            return inJvm.codeSha256();
        }

        @Override
        public String taskRoot() {
            return inJvm.taskRoot();
        }
    }

    @Override
    public boolean supports(String runtime) {
        return inJvm.supports(runtime);
    }

    @Override
    public PreparedCode prepare(String codeSha256, byte[] zip) throws CodeLoadException {
        return new Both(inJvm.prepare(codeSha256, zip), process.prepare(codeSha256, zip));
    }

    /** Layers reach the in-JVM class path, and the process runtime's class path through its {@code /opt}. */
    @Override
    public PreparedCode prepare(String codeSha256, byte[] zip, List<Layer> layers) throws CodeLoadException {
        return new Both(inJvm.prepare(codeSha256, zip, layers), process.prepare(codeSha256, zip, layers));
    }

    @Override
    public ExecutionEnvironment start(EnvironmentSpec spec, LogSink initLog) throws InitException {
        Both code = (Both) spec.code();
        String chosen = spec.environment().get(VARIABLE);
        boolean useProcess = chosen == null ? processByDefault : chosen.equalsIgnoreCase("process");
        FunctionRuntime runtime = useProcess ? process : inJvm;
        PreparedCode own = useProcess ? code.process() : code.inJvm();
        return runtime.start(
                new EnvironmentSpec(
                        spec.functionName(),
                        spec.functionArn(),
                        spec.version(),
                        spec.runtime(),
                        spec.handler(),
                        spec.memorySize(),
                        spec.timeoutSeconds(),
                        spec.logGroupName(),
                        spec.logStreamName(),
                        spec.environment(),
                        own),
                initLog);
    }

    @Override
    public void close() {
        inJvm.close();
        process.close();
    }
}
