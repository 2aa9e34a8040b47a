package dev.eddy.stream;

/**
 * A stream resolved by {@link StreamReader#stream(String)}: its internal number and its ARN.
 * Compare and store it freely; a stream that was removed (its retention passed after it was
 * disabled) no longer resolves, and calls with its id fail with ResourceNotFoundException.
 *
 * @param value the stream's internal number, unique within a store and never reused
 * @param arn the stream's ARN as the Streams API shows it
 */
public record StreamId(long value, String arn) {}
