package dev.eddy.queue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Task handles as AWS shapes them: the base64 of {@code {"taskId":"<uuid>","sourceArn":"<arn>"}}.
 * Stateless.
 */
final class MoveTaskHandle {
    private static final JsonFactory JSON = new JsonFactory();

    /** A decoded handle: the task's id and the ARN text of its source (not checked further). */
    record Parts(String taskId, String sourceArn) {}

    private MoveTaskHandle() {}

    static String render(String taskId, Arn.Queue source) {
        // a UUID and an ARN need no escaping
        String doc = "{\"taskId\":\"" + taskId + "\",\"sourceArn\":\"" + source + "\"}";
        return Base64.getEncoder().encodeToString(doc.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws EddyException InvalidParameterValue when {@code handle} is not of that shape */
    static Parts parse(String handle) {
        try (JsonParser p = JSON.createParser(Base64.getDecoder().decode(handle))) {
            Map<String, String> members = new HashMap<>();
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    members.put(name, p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : null);
                    p.skipChildren();
                }
                if (members.get("taskId") != null && members.get("sourceArn") != null) {
                    return new Parts(members.get("taskId"), members.get("sourceArn"));
                }
            }
        } catch (IllegalArgumentException | IOException e) {
            // not base64, or not JSON: reported below like any other handle of the wrong shape
        }
        throw new EddyException(ErrorCode.SQS_INVALID_PARAMETER_VALUE, "Value for parameter TaskHandle is invalid.");
    }
}
