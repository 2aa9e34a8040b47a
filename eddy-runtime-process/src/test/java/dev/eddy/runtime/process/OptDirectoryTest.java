package dev.eddy.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.function.FunctionRuntime;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The variables that point a process function at its layers' directory instead of /opt. */
class OptDirectoryTest {
    private static final Path OPT = Path.of("/data/process-code/opt-1");

    private static Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        env.put("LD_LIBRARY_PATH", "/lib64:/usr/lib64:/var/task/lib:/opt/lib");
        env.put("LAMBDA_RUNTIME_DIR", "/rt");
        env.put("LAMBDA_TASK_ROOT", "/task");
        return env;
    }

    @Test
    void nodeGetsTheVersionFolderTheSharedFolderTheRuntimeAndTheTaskRoot() {
        Map<String, String> env = env();
        OptDirectory.apply(OPT, "nodejs22.x", env);
        assertThat(env.get("NODE_PATH"))
                .isEqualTo("/data/process-code/opt-1/nodejs/node22/node_modules:"
                        + "/data/process-code/opt-1/nodejs/node_modules:/rt:/task");
        assertThat(env.get("PATH")).isEqualTo("/usr/local/bin:/usr/bin/:/bin:/data/process-code/opt-1/bin");
        assertThat(env.get("LD_LIBRARY_PATH"))
                .isEqualTo("/lib64:/usr/lib64:/var/task/lib:/data/process-code/opt-1/lib");
        assertThat(env).doesNotContainKey("PYTHONPATH");
    }

    @Test
    void pythonGetsSitePackagesOfItsRuntimeVersionBeforeThePythonFolder() {
        Map<String, String> env = env();
        OptDirectory.apply(OPT, "python3.13", env);
        assertThat(env.get("PYTHONPATH"))
                .isEqualTo("/data/process-code/opt-1/python/lib/python3.13/site-packages:"
                        + "/data/process-code/opt-1/python");
        assertThat(env).doesNotContainKey("NODE_PATH");
    }

    @Test
    void variablesTheFunctionSetsItselfAreKept() {
        Map<String, String> env = env();
        env.put("PATH", "/mine/bin");
        env.put("PYTHONPATH", "/mine/py");
        OptDirectory.apply(OPT, "python3.12", env);
        assertThat(env.get("PATH")).isEqualTo("/mine/bin");
        assertThat(env.get("PYTHONPATH")).isEqualTo("/mine/py");
    }

    @Test
    void theDirectoryNameDependsOnTheLayersAndTheirOrder() {
        FunctionRuntime.Layer a = new FunctionRuntime.Layer("arn:a:1", "sha-a", new byte[0]);
        FunctionRuntime.Layer b = new FunctionRuntime.Layer("arn:b:1", "sha-b", new byte[0]);
        assertThat(OptDirectory.name(List.of(a, b))).isEqualTo(OptDirectory.name(List.of(a, b)));
        assertThat(OptDirectory.name(List.of(a, b))).isNotEqualTo(OptDirectory.name(List.of(b, a)));
        assertThat(OptDirectory.name(List.of(a))).matches("opt-[0-9a-f]{32}");
    }
}
