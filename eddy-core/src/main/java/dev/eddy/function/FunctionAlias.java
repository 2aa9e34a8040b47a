package dev.eddy.function;

import java.util.Map;
import java.util.TreeMap;

/**
 * An alias of a function: a name that points at one version ({@code $LATEST} or a published
 * number) and, with a routing configuration, sends a share of invocations to a second version.
 *
 * @param functionName the function's name
 * @param name the alias name (never all digits)
 * @param functionVersion the version most invocations run
 * @param additionalVersionWeights at most one published version and the share (0.0 to 1.0) of
 *     invocations it receives; empty without routing
 */
public record FunctionAlias(
        String functionName,
        String name,
        String functionVersion,
        String description,
        String revisionId,
        Map<String, Double> additionalVersionWeights) {

    public FunctionAlias {
        description = description == null ? "" : description;
        additionalVersionWeights = Map.copyOf(new TreeMap<>(additionalVersionWeights));
    }

    /**
     * The version one invocation runs, given a uniform random draw in [0, 1): the additional
     * version when the draw falls below its weight, the primary version otherwise.
     */
    public String pick(double draw) {
        for (Map.Entry<String, Double> e : additionalVersionWeights.entrySet()) {
            if (draw < e.getValue()) {
                return e.getKey();
            }
        }
        return functionVersion;
    }
}
