package dev.eddy.queue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A queue's {@code Policy} attribute as far as AddPermission and RemovePermission need it: the
 * document's members other than {@code Statement} kept as they were written, and its statements,
 * each as its JSON text and its {@code Sid}. Eddy stores policies and shows them back; it does not
 * enforce them.
 *
 * @param members the top-level members but {@code Statement}, in order, as JSON texts
 * @param statements the statements, in order
 */
record QueuePolicy(Map<String, String> members, List<Statement> statements) {
    private static final JsonFactory JSON = new JsonFactory();

    /** One statement: its JSON text and its {@code Sid} (null when it has none). */
    record Statement(String json, String sid) {}

    QueuePolicy {
        members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
        statements = List.copyOf(statements);
    }

    /** A new policy for the queue {@code queueArn}, as AWS starts one. */
    static QueuePolicy empty(String queueArn) {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("Version", quoted("2012-10-17"));
        members.put("Id", quoted(queueArn + "/SQSDefaultPolicy"));
        return new QueuePolicy(members, List.of());
    }

    /** Reads a policy document; empty when {@code text} is not a JSON object. */
    static Optional<QueuePolicy> parse(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            Map<String, String> members = new LinkedHashMap<>();
            List<Statement> statements = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("Statement") && p.currentToken() == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        statements.add(statement(p));
                    }
                } else if (name.equals("Statement") && p.currentToken() == JsonToken.START_OBJECT) {
                    statements.add(statement(p));
                } else {
                    members.put(name, copy(p));
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(new QueuePolicy(members, statements));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    Optional<Statement> statement(String sid) {
        return statements.stream().filter(s -> sid.equals(s.sid())).findFirst();
    }

    QueuePolicy with(Statement s) {
        List<Statement> more = new ArrayList<>(statements);
        more.add(s);
        return new QueuePolicy(members, more);
    }

    QueuePolicy without(String sid) {
        return new QueuePolicy(
                members, statements.stream().filter(s -> !sid.equals(s.sid())).toList());
    }

    /** The document: its members, then {@code Statement} as a list. */
    String render() {
        StringBuilder out = new StringBuilder("{");
        members.forEach((name, json) ->
                out.append(quoted(name)).append(':').append(json).append(','));
        out.append("\"Statement\":[");
        for (int i = 0; i < statements.size(); i++) {
            out.append(i == 0 ? "" : ",").append(statements.get(i).json());
        }
        return out.append("]}").toString();
    }

    /** The statement AddPermission writes: one principal or action as a string, several as a list. */
    static Statement allow(String sid, List<String> principals, List<String> actions, String resource) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("Sid", sid);
            g.writeStringField("Effect", "Allow");
            g.writeObjectFieldStart("Principal");
            g.writeFieldName("AWS");
            oneOrList(g, principals);
            g.writeEndObject();
            g.writeFieldName("Action");
            oneOrList(g, actions);
            g.writeStringField("Resource", resource);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return new Statement(text.toString(), sid);
    }

    private static void oneOrList(JsonGenerator g, List<String> values) throws IOException {
        if (values.size() == 1) {
            g.writeString(values.getFirst());
            return;
        }
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static Statement statement(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return new Statement(copy(p), null);
        }
        String json = copy(p);
        String sid = null;
        try (JsonParser inner = JSON.createParser(json)) {
            inner.nextToken();
            while (inner.nextToken() == JsonToken.FIELD_NAME) {
                String name = inner.currentName();
                JsonToken value = inner.nextToken();
                if (name.equals("Sid") && value == JsonToken.VALUE_STRING) {
                    sid = inner.getText();
                }
                inner.skipChildren();
            }
        }
        return new Statement(json, sid);
    }

    /** The JSON text of the value at the parser's current token. */
    private static String copy(JsonParser p) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.copyCurrentStructure(p);
        }
        return text.toString();
    }

    private static String quoted(String s) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
