package dev.eddy.mapping.run;

import dev.eddy.error.EddyException;
import dev.eddy.mapping.Mapping;
import dev.eddy.mapping.MappingEngine;
import dev.eddy.mapping.MappingState;
import dev.eddy.stream.ShardIteratorType;
import dev.eddy.stream.StreamReader;
import dev.eddy.stream.StreamShard;
import java.util.ArrayList;
import java.util.List;

/**
 * What "drained" means at one moment: for every enabled mapping (or one), every shard of its stream
 * and the last sequence number visible in it then. The mapping has drained once it has processed
 * each shard through that number.
 */
final class Drain {

    /** How far a mapping has processed a shard. */
    @FunctionalInterface
    interface Through {
        long of(String uuid, StreamShard shard);
    }

    private record Target(String uuid, StreamShard shard, long sequence) {}

    private final List<Target> targets;

    private Drain(List<Target> targets) {
        this.targets = targets;
    }

    static Drain of(MappingEngine mappings, StreamReader streams, String uuid) {
        List<Target> targets = new ArrayList<>();
        for (Mapping m : mappings.all()) {
            boolean active = m.settings().enabled() && m.state() != MappingState.DELETING;
            if (!active || (uuid != null && !uuid.equals(m.uuid()))) {
                continue;
            }
            List<StreamShard> lineage;
            try {
                lineage = streams.lineage(streams.stream(m.eventSourceArn()));
            } catch (EddyException e) {
                continue; // the stream is no longer kept: nothing to wait for
            }
            for (StreamShard s : lineage) {
                long t = target(streams, s);
                if (t >= s.start()) {
                    targets.add(new Target(m.uuid(), s, t));
                }
            }
        }
        return new Drain(targets);
    }

    boolean done(Through through) {
        for (Target t : targets) {
            if (through.of(t.uuid(), t.shard()) < t.sequence()) {
                return false;
            }
        }
        return true;
    }

    /** The last sequence number visible in the shard now (its end once closed), or -1 when gone. */
    static long target(StreamReader streams, StreamShard s) {
        if (s.closed()) {
            return s.end();
        }
        try {
            return streams.position(s.shard(), ShardIteratorType.LATEST).after();
        } catch (EddyException e) {
            return -1;
        }
    }
}
