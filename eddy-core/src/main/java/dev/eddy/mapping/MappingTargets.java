package dev.eddy.mapping;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.function.FunctionRef;
import dev.eddy.function.FunctionRegistry;
import dev.eddy.stream.StreamId;
import dev.eddy.stream.StreamReader;

/**
 * Resolves what a mapping request names: the stream (through the {@link StreamReader}), the
 * function (through the {@link FunctionRegistry}) and the on-failure queue (through the
 * {@link DestinationCheck}), with Lambda's messages for what does not exist. Thread-safe.
 */
final class MappingTargets {
    private final Account account;
    private final StreamReader streams;
    private final FunctionRegistry functions;
    private final DestinationCheck destinations;

    MappingTargets(Account account, StreamReader streams, FunctionRegistry functions, DestinationCheck destinations) {
        this.account = account;
        this.streams = streams;
        this.functions = functions;
        this.destinations = destinations;
    }

    /** The stream's canonical ARN; InvalidParameterValueException "Stream not found: ..." when unknown. */
    String stream(String eventSourceArn) {
        if (Arn.parse(eventSourceArn, Arn.Stream.class).isEmpty()) {
            throw MappingValidation.invalid("Unrecognized event source.");
        }
        StreamId id;
        try {
            id = streams.stream(eventSourceArn);
        } catch (EddyException e) {
            throw MappingValidation.invalid("Stream not found: " + eventSourceArn);
        }
        return id.arn();
    }

    /**
     * The ARN of the function {@code functionName} names (a name, {@code name:qualifier}, a partial
     * or a full ARN): unqualified for a bare name, qualified as given otherwise. The qualifier must
     * name {@code $LATEST}, a published version or an alias of the function.
     */
    Arn.Function function(String functionName) {
        FunctionRef ref = FunctionRef.parse(functionName, null);
        if (ref == null) {
            throw new EddyException(
                    ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value '" + functionName
                            + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular "
                            + "expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?"
                            + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
        }
        boolean here = (ref.region() == null || ref.region().equals(account.region()))
                && (ref.account() == null || ref.account().equals(account.id()));
        if (!here || !functions.exists(ref.name(), ref.qualifier())) {
            throw MappingValidation.invalid("Function does not exist");
        }
        return account.function(ref.name()).withQualifier(ref.qualifier());
    }

    /** Checks DestinationConfig: no OnSuccess; an OnFailure SQS queue that exists. */
    void checkDestinations(MappingRequest r) {
        if (r.onSuccessDestination() != null) {
            throw MappingValidation.invalid(
                    "Unsupported DestinationConfig parameter for given event source mapping type.");
        }
        String destination = r.onFailureDestination();
        if (destination == null || destination.isEmpty()) {
            return;
        }
        Arn.Queue queue = MappingValidation.onFailureQueue(destination);
        if (!account.owns(queue) || !destinations.queueExists(queue)) {
            throw MappingValidation.invalid("The destination ARN " + destination + " is invalid.");
        }
    }
}
