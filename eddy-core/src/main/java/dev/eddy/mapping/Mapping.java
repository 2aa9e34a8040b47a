package dev.eddy.mapping;

import dev.eddy.stream.StartingPosition;
import java.util.Map;

/**
 * An event source mapping as stored and as GetEventSourceMapping shows it.
 *
 * @param uuid the mapping's id, 8-4-4-4-12 lowercase hex
 * @param eventSourceArn the stream's ARN
 * @param functionArn the function's ARN, qualified when the caller named a qualifier
 * @param startingPosition where processing starts (create only)
 * @param state the current state; transitional ones settle in the background
 * @param stateTransitionReason why the state last changed ("User action")
 * @param lastProcessingResult free text: "No records processed", "OK", "PROBLEM: ..."
 * @param lastModifiedMillis when the settings or the state last changed, epoch milliseconds
 * @param tags the tags given at creation
 */
public record Mapping(
        String uuid,
        String eventSourceArn,
        String functionArn,
        StartingPosition startingPosition,
        MappingSettings settings,
        MappingState state,
        String stateTransitionReason,
        String lastProcessingResult,
        long lastModifiedMillis,
        Map<String, String> tags) {

    /** The reason Lambda gives for changes a user asked for. */
    public static final String USER_ACTION = "User action";

    /** The processing result of a mapping that has not processed anything yet. */
    public static final String NO_RECORDS_PROCESSED = "No records processed";

    public Mapping {
        tags = Map.copyOf(tags);
    }

    /** This mapping in {@code newState} since {@code millis}. */
    public Mapping withState(MappingState newState, long millis) {
        return new Mapping(
                uuid,
                eventSourceArn,
                functionArn,
                startingPosition,
                settings,
                newState,
                stateTransitionReason,
                lastProcessingResult,
                millis,
                tags);
    }

    /** This mapping with new settings and function, in {@code newState} since {@code millis}. */
    Mapping updated(String newFunctionArn, MappingSettings newSettings, MappingState newState, long millis) {
        return new Mapping(
                uuid,
                eventSourceArn,
                newFunctionArn,
                startingPosition,
                newSettings,
                newState,
                USER_ACTION,
                lastProcessingResult,
                millis,
                tags);
    }

    /** This mapping with {@code result} as its LastProcessingResult (LastModified unchanged). */
    public Mapping withResult(String result) {
        return new Mapping(
                uuid,
                eventSourceArn,
                functionArn,
                startingPosition,
                settings,
                state,
                stateTransitionReason,
                result,
                lastModifiedMillis,
                tags);
    }
}
