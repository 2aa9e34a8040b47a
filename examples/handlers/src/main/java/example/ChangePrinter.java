package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints each record of a DynamoDB stream batch on one line: the change, the key, the old and the
 * new image (the demo's handler).
 */
public class ChangePrinter implements RequestHandler<DynamodbEvent, Void> {
    @Override
    public Void handleRequest(DynamodbEvent event, Context context) {
        context.getLogger().log("batch of " + event.getRecords().size() + " record(s)\n");
        for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
            var d = r.getDynamodb();
            context.getLogger()
                    .log(r.getEventName() + " " + plain(d.getKeys()) + "  old " + plain(d.getOldImage()) + "  new "
                            + plain(d.getNewImage()) + "  seq " + d.getSequenceNumber() + "\n");
        }
        return null;
    }

    private static String plain(Map<String, AttributeValue> image) {
        if (image == null) {
            return "-";
        }
        Map<String, String> out = new TreeMap<>();
        image.forEach((k, v) -> out.put(k, v.getS() != null ? v.getS() : v.getN() != null ? v.getN() : v.toString()));
        return out.toString();
    }
}
