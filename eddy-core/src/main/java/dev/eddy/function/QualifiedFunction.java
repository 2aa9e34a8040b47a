package dev.eddy.function;

import dev.eddy.arn.Arn;

/**
 * A function's configuration as one qualifier shows it: {@code $LATEST}, a published version or an
 * alias (then {@code version} is the version the alias points at).
 *
 * @param version {@code $LATEST} or the version number
 * @param arn the ARN to show: unqualified when the caller named none, else with its qualifier
 */
public record QualifiedFunction(FunctionConfig config, String version, Arn.Function arn) {}
