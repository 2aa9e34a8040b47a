package dev.eddy.server.lambda.process;

import static dev.eddy.server.lambda.process.ProcessFunctions.zip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.testkit.TestNames;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;

/**
 * Versions and aliases of process functions, published with {@code Publish: true} on
 * CreateFunction and UpdateFunctionCode: each version runs its own code.
 */
class ProcessVersionsTest extends ProcessServerTest {
    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";

    private static SdkBytes code(String answer) {
        return zip(Map.of(
                "app.py",
                "def handler(event, context):\n    return {'code': '" + answer
                        + "', 'version': context.function_version, 'arn': context.invoked_function_arn}\n"));
    }

    private static String invoke(String fn, String qualifier) {
        InvokeResponse r = lambda.invoke(b -> b.functionName(fn).qualifier(qualifier));
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        assertThat(r.executedVersion()).isNotNull();
        return r.executedVersion() + " " + r.payload().asUtf8String();
    }

    @Test
    void publishTrueOnCreateAndUpdateCodePublishesVersionsThatKeepTheirCode() {
        String fn = TestNames.unique("published");
        CreateFunctionResponse created = lambda.createFunction(b -> b.functionName(fn)
                .runtime("python3.12")
                .role(ProcessFunctions.ROLE)
                .handler("app.handler")
                .publish(true)
                .code(c -> c.zipFile(code("one"))));
        // Lambda answers Version 1 with the unqualified ARN
        assertThat(created.version()).isEqualTo("1");
        assertThat(created.functionArn()).isEqualTo(ARN + fn);
        ProcessFunctions.awaitActive(lambda, fn);

        // one package, sent twice: a zip built twice may differ in its entries' times
        SdkBytes two = code("two");
        UpdateFunctionCodeResponse updated =
                lambda.updateFunctionCode(b -> b.functionName(fn).zipFile(two).publish(true));
        assertThat(updated.version()).isEqualTo("2");
        ProcessFunctions.awaitActive(lambda, fn);
        // nothing changed since version 2: no version 3
        assertThat(lambda.updateFunctionCode(
                                b -> b.functionName(fn).zipFile(two).publish(true))
                        .version())
                .isEqualTo("2");
        ProcessFunctions.awaitActive(lambda, fn);
        // without Publish, $LATEST only
        assertThat(lambda.updateFunctionCode(b -> b.functionName(fn).zipFile(code("three")))
                        .version())
                .isEqualTo("$LATEST");
        ProcessFunctions.awaitActive(lambda, fn);

        assertThat(lambda.listVersionsByFunction(b -> b.functionName(fn)).versions())
                .extracting(FunctionConfiguration::version)
                .containsExactly("$LATEST", "1", "2");
        assertThat(invoke(fn, "1")).startsWith("1 ").contains("\"code\": \"one\"", "\"version\": \"1\"");
        assertThat(invoke(fn, "2")).startsWith("2 ").contains("\"code\": \"two\"");
        assertThat(invoke(fn, "$LATEST")).startsWith("$LATEST ").contains("\"code\": \"three\"");

        // an alias runs the version it points at, and the runtime sees the alias ARN
        lambda.createAlias(b -> b.functionName(fn).name("live").functionVersion("1"));
        assertThat(invoke(fn, "live")).startsWith("1 ").contains("\"code\": \"one\"", ARN + fn + ":live");
        lambda.updateAlias(b -> b.functionName(fn).name("live").functionVersion("2"));
        assertThat(invoke(fn, "live")).startsWith("2 ").contains("\"code\": \"two\"");
    }
}
