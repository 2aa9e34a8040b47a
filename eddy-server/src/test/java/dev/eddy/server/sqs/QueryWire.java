package dev.eddy.server.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Raw SQS query-protocol requests as the AWS CLI v1, boto3 before 1.34 and the SDK for Java v1
 * send them (form-encoded {@code POST}, {@code %20} for a space, a SigV4 header), and their XML
 * answers read with the JDK's DOM and XPath.
 */
final class QueryWire implements AutoCloseable {
    static final String NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sqs/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date, Signature=0123456789abcdef";

    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    QueryWire(URI endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void close() {
        http.close();
    }

    /** {@code Action=action&Version=2012-11-05&name=value...} posted to {@code /}. */
    Answer call(String action, String... pairs) {
        return post("/", action, pairs);
    }

    /** The same, posted to a queue's URL instead of naming it in QueueUrl, as the SDK for Java v1 does. */
    Answer at(String queueUrl, String action, String... pairs) {
        return post(URI.create(queueUrl).getPath(), action, pairs);
    }

    Answer post(String path, String action, String... pairs) {
        return send(request(path, form(action, pairs))).join();
    }

    CompletableFuture<Answer> callAsync(String action, String... pairs) {
        return send(request("/", form(action, pairs)));
    }

    static String form(String action, String... pairs) {
        List<String> all = new ArrayList<>(List.of("Action", action, "Version", "2012-11-05"));
        all.addAll(List.of(pairs));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < all.size(); i += 2) {
            out.append(out.isEmpty() ? "" : "&")
                    .append(encode(all.get(i)))
                    .append('=')
                    .append(encode(all.get(i + 1)));
        }
        return out.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(endpoint.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("User-Agent", "aws-cli/1.32.0 Python/3.11.6 Linux/6.1 botocore/1.33.13")
                .header("X-Amz-Date", "20260101T000000Z")
                .header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** Any request, answered as it comes. */
    HttpResponse<String> raw(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
    }

    CompletableFuture<Answer> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(Answer::of);
    }

    /** An answer: its status, request id, body, and the body parsed (without namespace awareness). */
    record Answer(int status, String requestId, String contentType, String body, Document xml) {
        static Answer of(HttpResponse<String> r) {
            Document doc;
            try {
                doc = DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new AssertionError("not XML: " + r.body(), e);
            }
            return new Answer(
                    r.statusCode(),
                    r.headers().firstValue("x-amzn-RequestId").orElse(null),
                    r.headers().firstValue("Content-Type").orElse(null),
                    r.body(),
                    doc);
        }

        /** Checks a 200 answer in the namespace, whose metadata names the request id; returns it. */
        Answer ok(String action) {
            assertThat(status).as(body).isEqualTo(200);
            assertThat(contentType).isEqualTo("text/xml");
            assertThat(xml.getDocumentElement().getTagName()).isEqualTo(action + "Response");
            assertThat(xml.getDocumentElement().getAttribute("xmlns")).isEqualTo(NAMESPACE);
            assertThat(text("/" + action + "Response/ResponseMetadata/RequestId"))
                    .isEqualTo(requestId)
                    .isNotEmpty();
            return this;
        }

        /** Checks an ErrorResponse; returns it. */
        Answer error(int expectedStatus, String type, String code, String message) {
            assertThat(status).as(body).isEqualTo(expectedStatus);
            assertThat(contentType).isEqualTo("text/xml");
            assertThat(xml.getDocumentElement().getAttribute("xmlns")).isEqualTo(NAMESPACE);
            assertThat(text("/ErrorResponse/Error/Type")).isEqualTo(type);
            assertThat(text("/ErrorResponse/Error/Code")).isEqualTo(code);
            assertThat(text("/ErrorResponse/Error/Message")).isEqualTo(message);
            assertThat(count("/ErrorResponse/Error/Detail")).isEqualTo(1);
            assertThat(text("/ErrorResponse/RequestId")).isEqualTo(requestId).isNotEmpty();
            return this;
        }

        /** The text of the one node at {@code path}, or null when there is none. */
        String text(String path) {
            NodeList nodes = nodes(path);
            assertThat(nodes.getLength()).as(path + " in " + body).isLessThanOrEqualTo(1);
            return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
        }

        List<String> texts(String path) {
            NodeList nodes = nodes(path);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add(nodes.item(i).getTextContent());
            }
            return out;
        }

        int count(String path) {
            return nodes(path).getLength();
        }

        /** The entries at {@code path} as a map of their {@code key} child to their {@code value} child. */
        Map<String, String> pairs(String path, String key, String value) {
            NodeList nodes = nodes(path);
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Node n = nodes.item(i);
                out.put(child(n, key), child(n, value));
            }
            return out;
        }

        private static String child(Node n, String path) {
            try {
                return (String) XPathFactory.newInstance().newXPath().evaluate(path, n, XPathConstants.STRING);
            } catch (XPathExpressionException e) {
                throw new IllegalArgumentException(path, e);
            }
        }

        NodeList nodes(String path) {
            try {
                return (NodeList) XPathFactory.newInstance().newXPath().evaluate(path, xml, XPathConstants.NODESET);
            } catch (XPathExpressionException e) {
                throw new IllegalArgumentException(path, e);
            }
        }
    }
}
