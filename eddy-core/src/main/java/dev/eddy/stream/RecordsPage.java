package dev.eddy.stream;

import java.util.List;

/** A GetRecords answer: records and the next iterator (null once a closed shard is exhausted). */
public record RecordsPage(List<ChangeRecord> records, String nextShardIterator) {}
