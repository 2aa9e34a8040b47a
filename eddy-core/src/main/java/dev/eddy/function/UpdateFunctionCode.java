package dev.eddy.function;

import java.util.List;

/** A validated UpdateFunctionCode request. */
public record UpdateFunctionCode(byte[] zipFile, List<String> architectures, boolean dryRun, String revisionId) {}
