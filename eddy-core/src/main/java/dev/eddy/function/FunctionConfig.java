package dev.eddy.function;

import java.util.List;
import java.util.Map;

/**
 * The stored configuration of one function ({@code $LATEST}); what GetFunctionConfiguration
 * returns, minus the parts an adapter derives (ARN, log group).
 *
 * @param lastModified ISO-8601 as Lambda writes it, e.g. {@code 2019-11-21T19:32:12.000+0000}
 * @param reservedConcurrency null when none is set
 * @param deadLetterTarget the ARN of the dead-letter queue of asynchronous invocations
 *     ({@code DeadLetterConfig.TargetArn}), null when none is set
 * @param layers the layer versions, in the order they are applied
 */
public record FunctionConfig(
        String name,
        String runtime,
        String role,
        String handler,
        String description,
        int timeout,
        int memorySize,
        Map<String, String> environment,
        String codeSha256,
        long codeSize,
        String lastModified,
        String revisionId,
        State state,
        String stateReason,
        String stateReasonCode,
        LastUpdateStatus lastUpdateStatus,
        String lastUpdateStatusReason,
        String lastUpdateStatusReasonCode,
        List<String> architectures,
        int ephemeralStorageSize,
        Map<String, String> tags,
        Integer reservedConcurrency,
        String deadLetterTarget,
        List<FunctionLayer> layers) {

    public static final String LATEST = "$LATEST";

    public FunctionConfig {
        layers = layers == null ? List.of() : List.copyOf(layers);
        environment = Map.copyOf(environment);
        architectures = List.copyOf(architectures);
        tags = Map.copyOf(tags);
        description = description == null ? "" : description;
    }

    /** A configuration without layers. */
    public FunctionConfig(
            String name,
            String runtime,
            String role,
            String handler,
            String description,
            int timeout,
            int memorySize,
            Map<String, String> environment,
            String codeSha256,
            long codeSize,
            String lastModified,
            String revisionId,
            State state,
            String stateReason,
            String stateReasonCode,
            LastUpdateStatus lastUpdateStatus,
            String lastUpdateStatusReason,
            String lastUpdateStatusReasonCode,
            List<String> architectures,
            int ephemeralStorageSize,
            Map<String, String> tags,
            Integer reservedConcurrency,
            String deadLetterTarget) {
        this(
                name,
                runtime,
                role,
                handler,
                description,
                timeout,
                memorySize,
                environment,
                codeSha256,
                codeSize,
                lastModified,
                revisionId,
                state,
                stateReason,
                stateReasonCode,
                lastUpdateStatus,
                lastUpdateStatusReason,
                lastUpdateStatusReasonCode,
                architectures,
                ephemeralStorageSize,
                tags,
                reservedConcurrency,
                deadLetterTarget,
                List.of());
    }

    /** Function {@code State} values Eddy uses. */
    public enum State {
        Pending,
        Active,
        Inactive,
        Failed
    }

    /** {@code LastUpdateStatus} values. */
    public enum LastUpdateStatus {
        Successful,
        Failed,
        InProgress
    }

    FunctionConfig withState(State s, String reason, String reasonCode) {
        return new FunctionConfig(
                name,
                runtime,
                role,
                handler,
                description,
                timeout,
                memorySize,
                environment,
                codeSha256,
                codeSize,
                lastModified,
                revisionId,
                s,
                reason,
                reasonCode,
                lastUpdateStatus,
                lastUpdateStatusReason,
                lastUpdateStatusReasonCode,
                architectures,
                ephemeralStorageSize,
                tags,
                reservedConcurrency,
                deadLetterTarget,
                layers);
    }

    FunctionConfig withUpdateStatus(LastUpdateStatus s, String reason, String reasonCode) {
        return new FunctionConfig(
                name,
                runtime,
                role,
                handler,
                description,
                timeout,
                memorySize,
                environment,
                codeSha256,
                codeSize,
                lastModified,
                revisionId,
                state,
                stateReason,
                stateReasonCode,
                s,
                reason,
                reasonCode,
                architectures,
                ephemeralStorageSize,
                tags,
                reservedConcurrency,
                deadLetterTarget,
                layers);
    }

    FunctionConfig withReservedConcurrency(Integer n, String newRevisionId) {
        return new FunctionConfig(
                name,
                runtime,
                role,
                handler,
                description,
                timeout,
                memorySize,
                environment,
                codeSha256,
                codeSize,
                lastModified,
                newRevisionId,
                state,
                stateReason,
                stateReasonCode,
                lastUpdateStatus,
                lastUpdateStatusReason,
                lastUpdateStatusReasonCode,
                architectures,
                ephemeralStorageSize,
                tags,
                n,
                deadLetterTarget,
                layers);
    }

    FunctionConfig withCode(String sha, long size, List<String> archs, String modified, String rev) {
        return new FunctionConfig(
                name,
                runtime,
                role,
                handler,
                description,
                timeout,
                memorySize,
                environment,
                sha,
                size,
                modified,
                rev,
                state,
                stateReason,
                stateReasonCode,
                lastUpdateStatus,
                lastUpdateStatusReason,
                lastUpdateStatusReasonCode,
                archs,
                ephemeralStorageSize,
                tags,
                reservedConcurrency,
                deadLetterTarget,
                layers);
    }

    /** @param newLayers the resolved {@code Layers} of the update, null to keep them */
    FunctionConfig withSettings(
            UpdateFunctionConfiguration u, String modified, String rev, List<FunctionLayer> newLayers) {
        return new FunctionConfig(
                name,
                u.runtime() != null ? u.runtime() : runtime,
                u.role() != null ? u.role() : role,
                u.handler() != null ? u.handler() : handler,
                u.description() != null ? u.description() : description,
                u.timeout() != null ? u.timeout() : timeout,
                u.memorySize() != null ? u.memorySize() : memorySize,
                u.environment() != null ? u.environment() : environment,
                codeSha256,
                codeSize,
                modified,
                rev,
                state,
                stateReason,
                stateReasonCode,
                lastUpdateStatus,
                lastUpdateStatusReason,
                lastUpdateStatusReasonCode,
                architectures,
                u.ephemeralStorageSize() != null ? u.ephemeralStorageSize() : ephemeralStorageSize,
                tags,
                reservedConcurrency,
                u.deadLetterTarget() == null
                        ? deadLetterTarget
                        : (u.deadLetterTarget().isEmpty() ? null : u.deadLetterTarget()),
                newLayers == null ? layers : newLayers);
    }

    /**
     * The frozen copy {@code PublishVersion} stores: this configuration with the version's
     * description and revision, Active, without the function-wide reserved concurrency.
     */
    FunctionConfig asPublished(String versionDescription, String rev) {
        return new FunctionConfig(
                name,
                runtime,
                role,
                handler,
                versionDescription,
                timeout,
                memorySize,
                environment,
                codeSha256,
                codeSize,
                lastModified,
                rev,
                State.Active,
                null,
                null,
                LastUpdateStatus.Successful,
                null,
                null,
                architectures,
                ephemeralStorageSize,
                tags,
                null,
                deadLetterTarget,
                layers);
    }

    /**
     * Whether a version published from {@code other} would run the same as one published from this:
     * same code and same frozen settings (description, revision, dates and states aside).
     */
    boolean sameDeployment(FunctionConfig other) {
        return java.util.Objects.equals(runtime, other.runtime)
                && role.equals(other.role)
                && java.util.Objects.equals(handler, other.handler)
                && timeout == other.timeout
                && memorySize == other.memorySize
                && environment.equals(other.environment)
                && codeSha256.equals(other.codeSha256)
                && architectures.equals(other.architectures)
                && ephemeralStorageSize == other.ephemeralStorageSize
                && java.util.Objects.equals(deadLetterTarget, other.deadLetterTarget)
                && layers.equals(other.layers);
    }
}
