package dev.eddy.runtime.java;

import dev.eddy.function.FunctionRuntime;
import java.net.URL;
import java.util.List;

/**
 * A deployment package unpacked into {@code taskRoot}, with its class path: the task root, then
 * {@code classes/} when present, then {@code lib/*.jar} in lexical order.
 */
record JavaCode(String codeSha256, String taskRoot, List<URL> classPath) implements FunctionRuntime.PreparedCode {
    JavaCode {
        classPath = List.copyOf(classPath);
    }
}
