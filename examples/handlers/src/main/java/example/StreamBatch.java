package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A DynamoDB stream handler with partial batch responses: every record whose new image has
 * {@code fail = true} is reported as a batch item failure; it logs what it saw.
 */
public class StreamBatch implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
            Map<String, AttributeValue> image = r.getDynamodb().getNewImage();
            context.getLogger()
                    .log(r.getEventName() + " " + r.getDynamodb().getKeys() + " "
                            + r.getDynamodb().getApproximateCreationDateTime().getTime() + "\n");
            AttributeValue fail = image == null ? null : image.get("fail");
            if (fail != null && Boolean.TRUE.equals(fail.getBOOL())) {
                failures.add(new StreamsEventResponse.BatchItemFailure(
                        r.getDynamodb().getSequenceNumber()));
            }
        }
        return new StreamsEventResponse(failures);
    }
}
