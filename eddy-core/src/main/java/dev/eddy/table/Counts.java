package dev.eddy.table;

import dev.eddy.item.ItemCodec;
import dev.eddy.item.Items;
import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** An item count and a size in bytes, moved by committed writes (table and index statistics). */
final class Counts {
    private static final int PAGE = 1000;

    final AtomicLong items = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();

    /** Counts the items stored in {@code range} (a table's items or an index's entries) from a snapshot. */
    static Counts of(Store store, KeyRange range) {
        Counts c = new Counts();
        try (ReadView view = store.snapshot()) {
            byte[] from = range.begin();
            while (true) {
                List<KeyValue> page = view.scan(new KeyRange(from, range.end()), PAGE, false);
                for (KeyValue kv : page) {
                    c.items.incrementAndGet();
                    c.bytes.addAndGet(Items.size(ItemCodec.decode(kv.value())));
                }
                if (page.size() < PAGE) {
                    return c;
                }
                byte[] last = page.getLast().key();
                from = Arrays.copyOf(last, last.length + 1);
            }
        }
    }
}
