package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.error.ErrorDetail;
import dev.eddy.item.AttributeValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lambda's error bodies for every error detail, byte for byte. */
class LambdaErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String body(EddyException e) throws Exception {
        return JSON.writeValueAsString(LambdaErrors.body(e));
    }

    @Test
    void aThrottleNamesItsReason() throws Exception {
        EddyException e = new EddyException(
                ErrorCode.LAMBDA_TOO_MANY_REQUESTS,
                "Rate Exceeded.",
                new ErrorDetail.Throttle("ReservedFunctionConcurrentInvocationLimitExceeded"));
        assertThat(body(e))
                .isEqualTo("{\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\","
                        + "\"Type\":\"User\",\"message\":\"Rate Exceeded.\"}");
    }

    @Test
    void aThrottleWithoutAReasonSaysSo() throws Exception {
        assertThat(body(new EddyException(ErrorCode.LAMBDA_TOO_MANY_REQUESTS, "Rate Exceeded.")))
                .isEqualTo("{\"Reason\":\"null\",\"Type\":\"User\",\"message\":\"Rate Exceeded.\"}");
        assertThat(body(new EddyException(
                        ErrorCode.LAMBDA_TOO_MANY_REQUESTS,
                        "Rate Exceeded.",
                        new ErrorDetail.OldItem(Map.of("id", new AttributeValue.S("1"))))))
                .isEqualTo("{\"Reason\":\"null\",\"Type\":\"User\",\"message\":\"Rate Exceeded.\"}");
    }

    @Test
    void otherErrorsShowNoDetail() throws Exception {
        EddyException notFound = new EddyException(
                ErrorCode.LAMBDA_RESOURCE_NOT_FOUND, "Function not found: x", new ErrorDetail.Throttle("ignored"));
        assertThat(body(notFound)).isEqualTo("{\"Type\":\"User\",\"Message\":\"Function not found: x\"}");
        assertThat(body(new EddyException(ErrorCode.LAMBDA_VALIDATION, "bad"))).isEqualTo("{\"message\":\"bad\"}");
        assertThat(body(new EddyException(ErrorCode.LAMBDA_SERVICE, "oops")))
                .isEqualTo("{\"Type\":\"Service\",\"Message\":\"oops\"}");
        assertThat(body(new EddyException(ErrorCode.LAMBDA_RESOURCE_CONFLICT, "busy")))
                .isEqualTo("{\"Type\":\"User\",\"message\":\"busy\"}");
    }
}
