package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * An SQS handler with partial batch responses: every message whose body is {@code fail} is
 * reported as a batch item failure; it logs each message with its queue (the last part of its
 * {@code eventSourceARN}) and receive count.
 */
public class QueueBatch implements RequestHandler<SQSEvent, SQSBatchResponse> {
    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            String arn = m.getEventSourceArn();
            String queue = arn.substring(arn.lastIndexOf(':') + 1);
            context.getLogger()
                    .log(m.getMessageId() + " from " + queue + " receive count "
                            + m.getAttributes().get("ApproximateReceiveCount") + "\n");
            if ("fail".equals(m.getBody())) {
                failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
