package dev.eddy.mapping.target;

import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.event.ruler.Machine;

/**
 * A mapping's FilterCriteria (spec 4.10), matched by AWS's own event pattern library against the
 * record as the function would receive it (the Lambda-shaped record: {@code eventName},
 * {@code dynamodb} with type descriptors, {@code userIdentity}, ...). A record passes when any
 * filter matches (OR between filters); a mapping without filters passes everything.
 *
 * <p>One instance per shard processor: not shared between threads.
 */
public final class RecordFilter {
    private final Machine machine;

    private RecordFilter(Machine machine) {
        this.machine = machine;
    }

    /**
     * The filter of {@code patterns} (null or empty: pass everything). The patterns were checked
     * when the mapping was created or updated.
     */
    public static RecordFilter of(List<String> patterns) {
        if (patterns == null || patterns.isEmpty()) {
            return new RecordFilter(null);
        }
        Machine m = Machine.builder().build();
        try {
            for (int i = 0; i < patterns.size(); i++) {
                m.addRule("filter-" + i, patterns.get(i));
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("a stored filter pattern does not compile", e);
        }
        return new RecordFilter(m);
    }

    /** Whether the record (its Lambda-event JSON, UTF-8) passes. */
    public boolean passes(byte[] recordJson) {
        if (machine == null) {
            return true;
        }
        try {
            return !machine.rulesForJSONEvent(new String(recordJson, StandardCharsets.UTF_8))
                    .isEmpty();
        } catch (Exception e) {
            // the record is JSON we wrote; a failure to read it matches nothing
            return false;
        }
    }
}
