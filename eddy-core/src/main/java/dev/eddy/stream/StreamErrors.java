package dev.eddy.stream;

import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import java.util.Optional;

/** The Streams API's answers for stream ARNs and for streams and shards that are not there. */
final class StreamErrors {
    private StreamErrors() {}

    /** A stream ARN as clients write them, in the {@code aws} partition; empty for anything else. */
    static Optional<Arn.Stream> streamArn(String text) {
        return Arn.parse(text, Arn.Stream.class).filter(a -> a.toString().equals(text));
    }

    /** {@code e} with the stream it concerns, when {@code arn} names one. */
    static EddyException concerning(EddyException e, String arn) {
        return Arn.parse(arn, Arn.Stream.class).map(e::withStream).orElse(e);
    }

    static EddyException streamNotFound(String arn) {
        return concerning(
                EddyException.resourceNotFound("Requested resource not found: Stream: " + arn + " not found"), arn);
    }

    static EddyException shardNotFound(String arn, String shardId) {
        return concerning(
                        EddyException.resourceNotFound("Requested resource not found: Shard: " + shardId
                                + " in Stream: " + arn + " not found"),
                        arn)
                .withShard(shardId);
    }
}
