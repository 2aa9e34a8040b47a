package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Does nothing with its event and returns nothing: the handler of the mapping benchmarks, so that
 * they measure Eddy's reading, batching, invoking and checkpointing rather than the handler's
 * parsing. A {@link RequestStreamHandler}, so no serializer reads the event either.
 */
public class StreamNoOp implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) {
        // nothing: an empty response is a successful batch
    }
}
