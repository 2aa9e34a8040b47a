package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Published versions: PublishVersion, ListVersionsByFunction, qualified reads, invokes and deletes. */
class VersionsTest extends InMemoryServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LambdaClient lambda;

    @BeforeAll
    static void start() {
        lambda = Lambdas.client(server);
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    static InvokeResponse invoke(LambdaClient lambda, String fn, String qualifier, String payload) {
        return lambda.invoke(b -> {
            b.functionName(fn).payload(SdkBytes.fromUtf8String(payload));
            if (qualifier != null) {
                b.qualifier(qualifier);
            }
        });
    }

    static JsonNode json(InvokeResponse r) throws IOException {
        return JSON.readTree(r.payload().asUtf8String());
    }

    /** The handlers JAR with one more entry: other code (another CodeSha256), same classes. */
    static SdkBytes otherJar() {
        try (ZipInputStream in = new ZipInputStream(
                        new ByteArrayInputStream(Lambdas.jar("handlers").asByteArray()));
                ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            try (ZipOutputStream out = new ZipOutputStream(bytes)) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
                out.putNextEntry(new ZipEntry("release.txt"));
                out.write("2".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            return SdkBytes.fromByteArray(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aVersionKeepsItsCodeAndConfigurationWhenLatestChanges() throws Exception {
        String fn = TestNames.unique("ver");
        GetFunctionConfigurationResponse first =
                Lambdas.deploy(lambda, fn, "handlers", "example.ContextInfo::describe");

        PublishVersionResponse v1 =
                lambda.publishVersion(b -> b.functionName(fn).description("first"));
        assertThat(v1.version()).isEqualTo("1");
        assertThat(v1.functionArn()).endsWith(":function:" + fn + ":1");
        assertThat(v1.description()).isEqualTo("first");
        assertThat(v1.codeSha256()).isEqualTo(first.codeSha256());

        lambda.updateFunctionCode(b -> b.functionName(fn).zipFile(otherJar()));
        Lambdas.awaitActive(lambda, fn);
        lambda.updateFunctionConfiguration(b -> b.functionName(fn).handler("example.Echo"));
        GetFunctionConfigurationResponse latest = Lambdas.awaitActive(lambda, fn);
        assertThat(latest.codeSha256()).isNotEqualTo(first.codeSha256());

        InvokeResponse old = invoke(lambda, fn, "1", "{}");
        assertThat(old.executedVersion()).isEqualTo("1");
        assertThat(old.functionError()).isNull();
        JsonNode context = json(old);
        assertThat(context.get("functionVersion").asText()).isEqualTo("1");
        assertThat(context.get("invokedFunctionArn").asText()).endsWith(":function:" + fn + ":1");

        InvokeResponse now = invoke(lambda, fn, null, "{\"echo\":true}");
        assertThat(now.executedVersion()).isEqualTo("$LATEST");
        assertThat(json(now).get("echo").asBoolean()).isTrue();

        // name:qualifier is the same as the Qualifier parameter
        assertThat(invoke(lambda, fn + ":1", null, "{}").executedVersion()).isEqualTo("1");

        GetFunctionConfigurationResponse c1 =
                lambda.getFunctionConfiguration(b -> b.functionName(fn).qualifier("1"));
        assertThat(c1.version()).isEqualTo("1");
        assertThat(c1.functionArn()).endsWith(":" + fn + ":1");
        assertThat(c1.handler()).isEqualTo("example.ContextInfo::describe");
        assertThat(c1.codeSha256()).isEqualTo(first.codeSha256());
        assertThat(c1.description()).isEqualTo("first");
        GetFunctionResponse f1 = lambda.getFunction(b -> b.functionName(fn + ":1"));
        assertThat(f1.configuration().version()).isEqualTo("1");
        assertThat(f1.code().location()).endsWith("/code?Qualifier=1");
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName(fn).qualifier("$LATEST"))
                        .functionArn())
                .endsWith(":" + fn + ":$LATEST");
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName(fn)).functionArn())
                .endsWith(":function:" + fn);
    }

    @Test
    void publishingWithoutChangeAnswersTheSameVersionAndChangesGetNewNumbers() {
        String fn = TestNames.unique("ver");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");
        PublishVersionResponse v1 = lambda.publishVersion(b -> b.functionName(fn));
        PublishVersionResponse again =
                lambda.publishVersion(b -> b.functionName(fn).description("ignored"));
        assertThat(again.version()).isEqualTo("1");
        assertThat(again.revisionId()).isEqualTo(v1.revisionId());
        assertThat(again.description()).isEqualTo(v1.description());

        lambda.updateFunctionConfiguration(b -> b.functionName(fn).timeout(7));
        Lambdas.awaitActive(lambda, fn);
        assertThat(lambda.publishVersion(b -> b.functionName(fn)).version()).isEqualTo("2");
        lambda.deleteFunction(b -> b.functionName(fn).qualifier("2"));
        lambda.updateFunctionConfiguration(b -> b.functionName(fn).timeout(8));
        Lambdas.awaitActive(lambda, fn);
        // numbers are never reused, even after the newest version was deleted
        PublishVersionResponse v3 = lambda.publishVersion(b -> b.functionName(fn));
        assertThat(v3.version()).isEqualTo("3");
        assertThat(v3.timeout()).isEqualTo(8);
    }

    @Test
    void publishChecksCodeSha256AndRevisionId() {
        String fn = TestNames.unique("ver");
        GetFunctionConfigurationResponse c = Lambdas.deploy(lambda, fn, "handlers", "example.Echo");
        assertThatThrownBy(() -> lambda.publishVersion(b -> b.functionName(fn).codeSha256("abc")))
                .isInstanceOfSatisfying(
                        InvalidParameterValueException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("CodeSHA256 (abc) is different from current CodeSHA256 in $LATEST ("
                                        + c.codeSha256() + "). Please try again with the CodeSHA256 in $LATEST."));
        assertThatThrownBy(() -> lambda.publishVersion(b -> b.functionName(fn).revisionId("nope")))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining("The Revision Id provided does not match the latest Revision Id.");
        PublishVersionResponse v = lambda.publishVersion(
                b -> b.functionName(fn).codeSha256(c.codeSha256()).revisionId(c.revisionId()));
        assertThat(v.version()).isEqualTo("1");
        assertThat(v.revisionId()).isNotEqualTo(c.revisionId());
        assertThatThrownBy(() -> lambda.publishVersion(b -> b.functionName(fn + ":1")))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.publishVersion(b -> b.functionName(TestNames.unique("missing"))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void listVersionsGivesLatestFirstThenAscendingPages() {
        String fn = TestNames.unique("ver");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");
        for (int t = 4; t <= 6; t++) {
            int timeout = t;
            lambda.updateFunctionConfiguration(b -> b.functionName(fn).timeout(timeout));
            Lambdas.awaitActive(lambda, fn);
            lambda.publishVersion(b -> b.functionName(fn));
        }
        ListVersionsByFunctionResponse all = lambda.listVersionsByFunction(b -> b.functionName(fn));
        assertThat(all.versions()).extracting(FunctionConfiguration::version).containsExactly("$LATEST", "1", "2", "3");
        assertThat(all.versions().get(0).functionArn()).endsWith(":" + fn + ":$LATEST");
        assertThat(all.versions().get(2).timeout()).isEqualTo(5);
        assertThat(all.nextMarker()).isNull();

        List<String> paged = new java.util.ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            ListVersionsByFunctionResponse page = lambda.listVersionsByFunction(
                    b -> b.functionName(fn).maxItems(2).marker(m));
            assertThat(page.versions()).hasSizeLessThanOrEqualTo(2);
            page.versions().forEach(v -> paged.add(v.version()));
            marker = page.nextMarker();
        } while (marker != null);
        assertThat(paged).containsExactly("$LATEST", "1", "2", "3");
    }

    @Test
    void deletingAVersionLeavesTheOthersAndDeletingTheFunctionTakesAll() {
        String fn = TestNames.unique("ver");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");
        lambda.publishVersion(b -> b.functionName(fn));
        lambda.updateFunctionConfiguration(b -> b.functionName(fn).timeout(9));
        Lambdas.awaitActive(lambda, fn);
        lambda.publishVersion(b -> b.functionName(fn));
        assertThat(invoke(lambda, fn, "1", "{}").executedVersion()).isEqualTo("1");

        lambda.deleteFunction(b -> b.functionName(fn).qualifier("1"));
        assertThatThrownBy(() -> invoke(lambda, fn, "1", "{}"))
                .isInstanceOfSatisfying(
                        ResourceNotFoundException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Function not found: arn:aws:lambda:us-east-1:000000000000:function:" + fn
                                        + ":1"));
        assertThatThrownBy(() -> lambda.deleteFunction(b -> b.functionName(fn).qualifier("1")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.deleteFunction(b -> b.functionName(fn).qualifier("$LATEST")))
                .isInstanceOfSatisfying(
                        InvalidParameterValueException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("$LATEST version cannot be deleted without deleting the function."));
        assertThat(invoke(lambda, fn, "2", "{}").executedVersion()).isEqualTo("2");
        assertThat(lambda.listVersionsByFunction(b -> b.functionName(fn)).versions())
                .extracting(FunctionConfiguration::version)
                .containsExactly("$LATEST", "2");

        lambda.deleteFunction(b -> b.functionName(fn));
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");
        assertThat(lambda.listVersionsByFunction(b -> b.functionName(fn)).versions())
                .extracting(FunctionConfiguration::version)
                .containsExactly("$LATEST");
        assertThatThrownBy(() -> invoke(lambda, fn, "2", "{}")).isInstanceOf(ResourceNotFoundException.class);
        assertThat(lambda.publishVersion(b -> b.functionName(fn)).version()).isEqualTo("1");
    }

    @Test
    void unknownQualifiersAreNotFound() {
        String fn = TestNames.unique("ver");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");
        assertThatThrownBy(() ->
                        lambda.getFunctionConfiguration(b -> b.functionName(fn).qualifier("5")))
                .isInstanceOfSatisfying(
                        ResourceNotFoundException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).endsWith(":function:" + fn + ":5"));
        assertThatThrownBy(() -> invoke(lambda, fn, "nosuchalias", "{}")).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> invoke(lambda, fn + ":1", "2", "{}"))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("The derived qualifier from the function name does not match");
    }
}
