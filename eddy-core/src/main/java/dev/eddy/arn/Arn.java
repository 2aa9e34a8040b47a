package dev.eddy.arn;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Amazon Resource Name of one of the resources Eddy serves, parsed and rendered here and nowhere
 * else. {@link #toString()} renders the ARN as AWS writes it; {@link #parse} reads any of them.
 *
 * <p>Only the {@code aws} partition is produced; parsing accepts the other partitions' prefixes
 * ({@code aws-cn}, {@code aws-us-gov}) so that a client's ARN is recognised for what it names, and
 * the caller then compares region and account with its own.
 */
public sealed interface Arn permits Arn.Table, Arn.Stream, Arn.Function, Arn.Queue, Arn.EventSourceMapping {

    /** The region the ARN names. */
    String region();

    /** The twelve-digit account id the ARN names. */
    String account();

    /** The ARN as AWS renders it. */
    @Override
    String toString();

    /** A DynamoDB table: {@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME}. */
    record Table(String region, String account, String table) implements Arn {
        /** The ARN of the table's stream labelled {@code label}. */
        public Stream stream(String label) {
            return new Stream(region, account, table, label);
        }

        @Override
        public String toString() {
            return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + table;
        }
    }

    /**
     * A table's stream: {@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL}, the label
     * being the stream's creation time {@code yyyy-MM-ddTHH:mm:ss.SSS}.
     */
    record Stream(String region, String account, String table, String label) implements Arn {
        /** The ARN of the stream's table. */
        public Table tableArn() {
            return new Table(region, account, table);
        }

        @Override
        public String toString() {
            return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + table + "/stream/" + label;
        }
    }

    /**
     * A Lambda function, unqualified ({@code qualifier} null) or qualified by a version or alias:
     * {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}.
     */
    record Function(String region, String account, String name, String qualifier) implements Arn {
        /** The same function without qualifier. */
        public Function unqualified() {
            return qualifier == null ? this : new Function(region, account, name, null);
        }

        /** The same function with {@code newQualifier} (null: none). */
        public Function withQualifier(String newQualifier) {
            return new Function(region, account, name, newQualifier);
        }

        @Override
        public String toString() {
            return "arn:aws:lambda:" + region + ":" + account + ":function:" + name
                    + (qualifier == null ? "" : ":" + qualifier);
        }
    }

    /** An SQS queue: {@code arn:aws:sqs:REGION:ACCOUNT:NAME}. */
    record Queue(String region, String account, String name) implements Arn {
        @Override
        public String toString() {
            return "arn:aws:sqs:" + region + ":" + account + ":" + name;
        }
    }

    /** A Lambda event source mapping: {@code arn:aws:lambda:REGION:ACCOUNT:event-source-mapping:UUID}. */
    record EventSourceMapping(String region, String account, String uuid) implements Arn {
        @Override
        public String toString() {
            return "arn:aws:lambda:" + region + ":" + account + ":event-source-mapping:" + uuid;
        }
    }

    /**
     * Reads an ARN of a resource kind Eddy knows; empty for anything else, including a malformed
     * ARN or a resource part with characters its service does not allow.
     */
    static Optional<Arn> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = Forms.GENERAL.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String service = m.group(1);
        String region = m.group(2);
        String account = m.group(3);
        String resource = m.group(4);
        return switch (service) {
            case "dynamodb" -> dynamodb(region, account, resource);
            case "lambda" -> lambda(region, account, resource);
            case "sqs" ->
                Forms.QUEUE_NAME.matcher(resource).matches()
                        ? Optional.of(new Queue(region, account, resource))
                        : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** {@link #parse} when the ARN must name a resource of {@code type}; empty otherwise. */
    static <A extends Arn> Optional<A> parse(String text, Class<A> type) {
        return parse(text).filter(type::isInstance).map(type::cast);
    }

    private static Optional<Arn> dynamodb(String region, String account, String resource) {
        Matcher stream = Forms.STREAM.matcher(resource);
        if (stream.matches()) {
            return Optional.of(new Stream(region, account, stream.group(1), stream.group(2)));
        }
        Matcher table = Forms.TABLE.matcher(resource);
        return table.matches() ? Optional.of(new Table(region, account, table.group(1))) : Optional.empty();
    }

    private static Optional<Arn> lambda(String region, String account, String resource) {
        Matcher function = Forms.FUNCTION.matcher(resource);
        if (function.matches()) {
            return Optional.of(new Function(region, account, function.group(1), function.group(2)));
        }
        Matcher mapping = Forms.MAPPING.matcher(resource);
        return mapping.matches()
                ? Optional.of(new EventSourceMapping(region, account, mapping.group(1)))
                : Optional.empty();
    }

    /** The shapes of the ARNs, from the services' API models. */
    final class Forms {
        static final Pattern GENERAL =
                Pattern.compile("arn:aws(?:-cn|-us-gov|-iso|-iso-b)?:([a-z0-9-]+):([a-z0-9-]+):(\\d{12}):(.+)");
        static final Pattern TABLE = Pattern.compile("table/([a-zA-Z0-9_.-]{3,255})");
        static final Pattern STREAM = Pattern.compile(
                "table/([a-zA-Z0-9_.-]{3,255})/stream/(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3})");
        static final Pattern FUNCTION =
                Pattern.compile("function:([a-zA-Z0-9-_]{1,64})(?::(\\$LATEST|[a-zA-Z0-9-_]{1,128}))?");
        static final Pattern MAPPING =
                Pattern.compile("event-source-mapping:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
        static final Pattern QUEUE_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,80}(?:\\.fifo)?");

        private Forms() {}
    }
}
