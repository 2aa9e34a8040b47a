package dev.eddy.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Child-first loading, per-loader statics, and the rewritten getenv / exit calls. */
class HandlerClassLoaderTest {
    private static final URL TEST_CLASSES =
            HandlerClassLoaderTest.class.getProtectionDomain().getCodeSource().getLocation();

    private static HandlerClassLoader loader(Map<String, String> env) throws Exception {
        HandlerClassLoader l = new HandlerClassLoader(
                new URL[] {TEST_CLASSES}, new LambdaApiClassLoader(HandlerClassLoaderTest.class.getClassLoader()));
        l.loadClass(SystemCallRewriter.SHIM.replace('/', '.')).getField("env").set(null, env);
        return l;
    }

    private static Object call(ClassLoader l, String method, Object... args) throws Exception {
        Class<?> c = l.loadClass("fixture.UsesProcess");
        for (Method m : c.getMethods()) {
            if (m.getName().equals(method)) {
                try {
                    return m.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
                }
            }
        }
        throw new NoSuchMethodException(method);
    }

    @Test
    void getenvSeesTheEnvironmentsVariablesOnly() throws Exception {
        try (HandlerClassLoader a = loader(Map.of("COLOR", "red"));
                HandlerClassLoader b = loader(Map.of("COLOR", "blue", "X", "1"))) {
            assertThat(call(a, "one", "COLOR")).isEqualTo("red");
            assertThat(call(b, "one", "COLOR")).isEqualTo("blue");
            assertThat(call(a, "one", "PATH")).isNull();
            assertThat(call(b, "all")).isEqualTo(Map.of("COLOR", "blue", "X", "1"));
            assertThat(call(a, "viaReference", "COLOR")).isEqualTo("red");
            assertThat(call(b, "viaSupplier")).isEqualTo(Map.of("COLOR", "blue", "X", "1"));
        }
    }

    @Test
    void classesAndTheirStaticsBelongToOneLoader() throws Exception {
        try (HandlerClassLoader a = loader(Map.of());
                HandlerClassLoader b = loader(Map.of())) {
            Class<?> ca = a.loadClass("fixture.UsesProcess");
            Class<?> cb = b.loadClass("fixture.UsesProcess");
            assertThat(ca).isNotSameAs(cb).isNotSameAs(fixture.UsesProcess.class);
            assertThat(ca.getClassLoader()).isSameAs(a);
            assertThat(ca.getField("loads").getInt(null)).isEqualTo(1);
            // the shared Lambda interfaces and the JDK come from the parent
            assertThat(a.loadClass("com.amazonaws.services.lambda.runtime.RequestHandler"))
                    .isSameAs(com.amazonaws.services.lambda.runtime.RequestHandler.class);
            assertThat(a.loadClass("java.lang.String")).isSameAs(String.class);
            // Eddy's own libraries are invisible
            assertThatThrownBy(() -> a.loadClass("org.objectweb.asm.ClassReader"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() ->
                            a.loadClass("com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory"))
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void exitCallsEndTheEnvironmentInsteadOfTheJvm() throws Exception {
        try (HandlerClassLoader a = loader(Map.of())) {
            assertThatThrownBy(() -> call(a, "exit"))
                    .isInstanceOf(RuntimeException.class)
                    .cause()
                    .hasMessage("Runtime exited with error: exit status 4");
            assertThatThrownBy(() -> call(a, "runtimeExit"))
                    .cause()
                    .hasMessage("Runtime exited with error: exit status 5");
        }
    }
}
