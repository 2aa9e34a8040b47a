package dev.eddy.server.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.error.EddyException;
import dev.eddy.item.AttributeValue;
import dev.eddy.json.AttributeValueWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * ExecuteStatement's NextToken: an opaque string that carries where the next page of a SELECT
 * starts (its LastEvaluatedKey, as JSON, base64url-encoded). A token that does not decode is a
 * ValidationException; one that decodes to a key the statement cannot start from is rejected by
 * Query or Scan like any invalid ExclusiveStartKey.
 */
final class NextTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String INVALID = "The provided NextToken is invalid";

    private NextTokens() {}

    static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        byte[] json = AttributeValueWriter.toJson(lastEvaluatedKey).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }

    /** The start key a token carries; null for no token. */
    static Map<String, AttributeValue> decode(String token) {
        if (token == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(token));
            if (!(node instanceof ObjectNode object) || object.isEmpty()) {
                throw EddyException.validation(INVALID);
            }
            return AttributeValueJson.item(object);
        } catch (IllegalArgumentException | java.io.IOException | EddyException e) {
            throw EddyException.validation(INVALID);
        }
    }
}
