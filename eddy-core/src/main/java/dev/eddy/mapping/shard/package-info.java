/**
 * The pure core of an event source mapping: one {@link dev.eddy.mapping.shard.ShardProcessor} per
 * mapping and shard decides what to read, which batch to invoke on which lane, when to retry,
 * bisect, give up, send to the on-failure destination and checkpoint. It holds no threads, touches
 * no store and parses no JSON; the mapping engine executes its {@link dev.eddy.mapping.shard.Step}s
 * and feeds the results back. Time is always passed in, so every rule is testable with a manual
 * clock.
 */
package dev.eddy.mapping.shard;
