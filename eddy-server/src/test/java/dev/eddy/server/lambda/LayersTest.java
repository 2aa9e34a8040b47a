package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LayerVersionsListItem;
import software.amazon.awssdk.services.lambda.model.LayersListItem;
import software.amazon.awssdk.services.lambda.model.PublishLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Layers: publishing, reading, listing and deleting layer versions. */
class LayersTest extends InMemoryServerTest {
    private static final String LAYER_ARN = "arn:aws:lambda:us-east-1:000000000000:layer:";
    private static LambdaClient lambda;

    @BeforeAll
    static void start() {
        lambda = Lambdas.client(server);
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    static byte[] zip(String path, String text) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            try (ZipOutputStream out = new ZipOutputStream(bytes)) {
                out.putNextEntry(new ZipEntry(path));
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PublishLayerVersionResponse publish(String layer, byte[] zip, Runtime... runtimes) {
        return lambda.publishLayerVersion(b -> b.layerName(layer)
                .description("d")
                .content(c -> c.zipFile(SdkBytes.fromByteArray(zip)))
                .compatibleRuntimes(runtimes)
                .compatibleArchitectures(Architecture.X86_64)
                .licenseInfo("MIT"));
    }

    @Test
    void aPublishedLayerVersionHasLambdasShapeAndItsContentCanBeDownloaded() throws Exception {
        String layer = TestNames.unique("layer");
        byte[] zip = zip("python/util.py", "X = 1\n");
        PublishLayerVersionResponse v1 = publish(layer, zip, Runtime.PYTHON3_12);
        assertThat(v1.version()).isEqualTo(1L);
        assertThat(v1.layerArn()).isEqualTo(LAYER_ARN + layer);
        assertThat(v1.layerVersionArn()).isEqualTo(LAYER_ARN + layer + ":1");
        assertThat(v1.description()).isEqualTo("d");
        assertThat(v1.licenseInfo()).isEqualTo("MIT");
        assertThat(v1.compatibleRuntimes()).containsExactly(Runtime.PYTHON3_12);
        assertThat(v1.compatibleArchitectures()).containsExactly(Architecture.X86_64);
        assertThat(v1.createdDate()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
        assertThat(v1.content().codeSize()).isEqualTo(zip.length);
        assertThat(v1.content().codeSha256())
                .isEqualTo(Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(zip)));

        HttpResponse<byte[]> download = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(v1.content().location()))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(zip);

        GetLayerVersionResponse got =
                lambda.getLayerVersion(b -> b.layerName(layer).versionNumber(1L));
        assertThat(got.layerVersionArn()).isEqualTo(v1.layerVersionArn());
        assertThat(got.content().codeSha256()).isEqualTo(v1.content().codeSha256());
        assertThat(lambda.getLayerVersionByArn(b -> b.arn(v1.layerVersionArn())).version())
                .isEqualTo(1L);
        assertThat(lambda.getLayerVersion(b -> b.layerName(LAYER_ARN + layer).versionNumber(1L))
                        .version())
                .isEqualTo(1L);
    }

    @Test
    void versionsCountUpAreListedNewestFirstAndAreNeverReused() {
        String layer = TestNames.unique("layer");
        publish(layer, zip("a.txt", "1"), Runtime.JAVA21);
        publish(layer, zip("a.txt", "2"), Runtime.PYTHON3_12);
        lambda.deleteLayerVersion(b -> b.layerName(layer).versionNumber(2L));
        lambda.deleteLayerVersion(b -> b.layerName(layer).versionNumber(2L)); // absent: still 204
        assertThat(publish(layer, zip("a.txt", "3"), Runtime.JAVA21).version()).isEqualTo(3L);

        assertThat(lambda.listLayerVersions(b -> b.layerName(layer)).layerVersions())
                .extracting(LayerVersionsListItem::version)
                .containsExactly(3L, 1L);
        assertThat(lambda.listLayerVersions(b -> b.layerName(layer).maxItems(1)).nextMarker())
                .isNotNull();
        String marker =
                lambda.listLayerVersions(b -> b.layerName(layer).maxItems(1)).nextMarker();
        assertThat(lambda.listLayerVersions(b -> b.layerName(layer).maxItems(1).marker(marker))
                        .layerVersions())
                .extracting(LayerVersionsListItem::version)
                .containsExactly(1L);
        assertThat(lambda.listLayerVersions(b -> b.layerName(TestNames.unique("none")))
                        .layerVersions())
                .isEmpty();

        assertThat(lambda.listLayers().layers())
                .filteredOn(l -> l.layerName().equals(layer))
                .singleElement()
                .satisfies(l -> {
                    assertThat(l.layerArn()).isEqualTo(LAYER_ARN + layer);
                    assertThat(l.latestMatchingVersion().version()).isEqualTo(3L);
                });
        assertThat(lambda.listLayers(b -> b.compatibleRuntime(Runtime.PYTHON3_12))
                        .layers())
                .extracting(LayersListItem::layerName)
                .doesNotContain(layer);
    }

    @Test
    void missingVersionsAndBadNumbersAnswerLambdasErrors() {
        String layer = TestNames.unique("layer");
        assertThatThrownBy(() -> lambda.getLayerVersion(b -> b.layerName(layer).versionNumber(1L)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("The resource you requested does not exist.");
        assertThatThrownBy(() -> lambda.getLayerVersion(b -> b.layerName(layer).versionNumber(0L)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Layer Version Cannot be less than 1");
        assertThatThrownBy(() -> lambda.getLayerVersionByArn(b -> b.arn(LAYER_ARN + layer + ":4")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.publishLayerVersion(
                        b -> b.layerName(layer).content(c -> c.zipFile(SdkBytes.fromUtf8String("not a zip")))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.publishLayerVersion(
                        b -> b.layerName(layer).content(c -> c.s3Bucket("b").s3Key("k"))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("ZipFile");
    }

    static byte[] zipOf(String path, byte[] content) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            try (ZipOutputStream out = new ZipOutputStream(bytes)) {
                out.putNextEntry(new ZipEntry(path));
                out.write(content);
                out.closeEntry();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aJavaLayerPutsItsJarsOnTheClassPathEvenAfterTheLayerVersionWasDeleted() throws Exception {
        String layer = TestNames.unique("javalib");
        // the handler class exists only in the layer: the function's own package has no classes
        byte[] layerZip = zipOf("java/lib/handlers.jar", Lambdas.jar("handlers").asByteArray());
        PublishLayerVersionResponse v = publish(layer, layerZip, Runtime.JAVA21);
        String fn = TestNames.unique("layered");
        lambda.createFunction(b -> b.functionName(fn)
                .runtime(Runtime.JAVA21)
                .role(Lambdas.ROLE)
                .handler("example.Echo")
                .layers(v.layerVersionArn())
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("readme.txt", "code lives in the layer")))));
        var config = Lambdas.awaitActive(lambda, fn);
        assertThat(config.layers()).singleElement().satisfies(l -> {
            assertThat(l.arn()).isEqualTo(v.layerVersionArn());
            assertThat(l.codeSize()).isEqualTo(layerZip.length);
        });
        assertThat(VersionsTest.invoke(lambda, fn, null, "{\"via\":\"layer\"}")
                        .payload()
                        .asUtf8String())
                .isEqualTo("{\"via\":\"layer\"}");

        lambda.deleteLayerVersion(b -> b.layerName(layer).versionNumber(1L));
        lambda.updateFunctionConfiguration(b -> b.functionName(fn).timeout(4));
        Lambdas.awaitActive(lambda, fn);
        var after = VersionsTest.invoke(lambda, fn, null, "{\"still\":1}");
        assertThat(after.functionError()).isNull();
        assertThat(after.payload().asUtf8String()).isEqualTo("{\"still\":1}");

        // the layer list is replaced: without it the handler class is gone
        lambda.updateFunctionConfiguration(b -> b.functionName(fn).layers(java.util.List.of()));
        assertThat(Lambdas.awaitActive(lambda, fn).layers()).isEmpty();
        assertThat(VersionsTest.invoke(lambda, fn, null, "{}").functionError()).isEqualTo("Unhandled");
    }

    @Test
    void functionLayersAreValidatedAsLambdaDoes() {
        String layer = TestNames.unique("lyr");
        String v1 = publish(layer, zip("a.txt", "1"), Runtime.JAVA21).layerVersionArn();
        String v2 = publish(layer, zip("a.txt", "2"), Runtime.JAVA21).layerVersionArn();
        String fn = TestNames.unique("lyrfn");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(
                        b -> b.functionName(fn).layers(v1, v1, v1, v1, v1, v1)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Cannot reference more than 5 layers.");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(
                        b -> b.functionName(fn).layers(v1, v2)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Two different versions of the same layer are not allowed to be referenced in "
                        + "the same function. " + v1 + " and " + v2 + " are versions of the same layer.");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(
                        b -> b.functionName(fn).layers(LAYER_ARN + layer + ":9")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Layer version " + LAYER_ARN + layer + ":9 does not exist.");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(
                        b -> b.functionName(fn).layers("arn:aws:lambda:eu-west-1:000000000000:layer:" + layer + ":1")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Layers are expected to be in region us-east-1.");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(
                        b -> b.functionName(fn).layers(LAYER_ARN + layer)))
                .isInstanceOfSatisfying(
                        software.amazon.awssdk.services.lambda.model.LambdaException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        lambda.updateFunctionConfiguration(b -> b.functionName(fn).layers(v2));
        assertThat(Lambdas.awaitActive(lambda, fn).layers())
                .extracting(l -> l.arn())
                .containsExactly(v2);
    }
}
