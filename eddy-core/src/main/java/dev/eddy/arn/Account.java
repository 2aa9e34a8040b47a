package dev.eddy.arn;

import java.util.Optional;

/**
 * The account and region a node serves, named once: every ARN the node mints takes both from here.
 *
 * @param region the region the node claims to be, such as {@code us-east-1}
 * @param id the twelve-digit account id
 */
public record Account(String region, String id) {

    /** The account local tools expect when none is configured. */
    public static final Account DEFAULT = new Account("us-east-1", "000000000000");

    public Account {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("region is required");
        }
        // what an ARN's region field may hold; anything else would make the node's ARNs unparseable
        if (!region.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException(
                    "region must be lower-case letters, digits and hyphens, such as " + "us-east-1: " + region);
        }
        if (id == null || !id.matches("\\d{12}")) {
            throw new IllegalArgumentException("account id must be 12 digits: " + id);
        }
    }

    public Arn.Table table(String name) {
        return new Arn.Table(region, id, name);
    }

    public Arn.Stream stream(String table, String label) {
        return new Arn.Stream(region, id, table, label);
    }

    /** The unqualified ARN of function {@code name}. */
    public Arn.Function function(String name) {
        return new Arn.Function(region, id, name, null);
    }

    public Arn.Queue queue(String name) {
        return new Arn.Queue(region, id, name);
    }

    public Arn.EventSourceMapping eventSourceMapping(String uuid) {
        return new Arn.EventSourceMapping(region, id, uuid);
    }

    /** Whether {@code arn} names a resource of this account and region. */
    public boolean owns(Arn arn) {
        return arn.region().equals(region) && arn.account().equals(id);
    }

    /**
     * {@code text} read as an ARN of {@code type} naming a resource of this account and region,
     * written exactly as Eddy renders it (so in the {@code aws} partition); empty for anything
     * else: malformed, of another kind, partition, region or account.
     */
    public <A extends Arn> Optional<A> parseOwn(String text, Class<A> type) {
        return Arn.parse(text, type).filter(a -> owns(a) && a.toString().equals(text));
    }
}
