package dev.eddy.stream;

/** A stream as ListStreams shows it. */
public record StreamSummary(String streamArn, String tableName, String streamLabel) {}
