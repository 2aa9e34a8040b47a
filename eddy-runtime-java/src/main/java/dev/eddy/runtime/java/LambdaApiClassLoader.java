package dev.eddy.runtime.java;

/**
 * The parent of every handler class loader: the JDK (platform class loader) plus the Lambda core
 * interfaces ({@code com.amazonaws.services.lambda.runtime} and its {@code logging} package),
 * which come from Eddy's own loader so that a handler's {@code RequestHandler} is the type Eddy
 * calls. Nothing else of Eddy (Jackson, Helidon, the AWS SDK) is visible to handler code.
 */
final class LambdaApiClassLoader extends ClassLoader {
    private static final String CORE = "com.amazonaws.services.lambda.runtime.";
    private static final String LOGGING = CORE + "logging.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader eddy;

    LambdaApiClassLoader(ClassLoader eddy) {
        super("eddy-lambda-api", ClassLoader.getPlatformClassLoader());
        this.eddy = eddy;
    }

    /** Whether {@code name} is one of the shared Lambda interface classes. */
    static boolean isShared(String name) {
        if (name.startsWith(LOGGING)) {
            return name.indexOf('.', LOGGING.length()) < 0;
        }
        return name.startsWith(CORE) && name.indexOf('.', CORE.length()) < 0;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) {
            return eddy.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
