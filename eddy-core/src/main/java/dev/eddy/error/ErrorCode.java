package dev.eddy.error;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every error Eddy returns, with the type string and HTTP status of the AWS service that defines it,
 * and the services whose answers use it. Each wire adapter renders an {@link EddyException} from
 * these in one place.
 *
 * <p>DynamoDB Streams answers with DynamoDB's type strings: the framework errors (validation,
 * serialization, authentication, unknown operation) and the ResourceNotFound, LimitExceeded and
 * InternalServerError of its own model are spelled as DynamoDB spells them, so one code serves
 * both. A service spoken in the query protocol as well (SQS) may spell a code differently there
 * ({@link #queryCode()}).
 */
public enum ErrorCode {
    // DynamoDB and DynamoDB Streams (JSON 1.0)
    VALIDATION("com.amazon.coral.validate#ValidationException", 400, Service.DYNAMODB, Service.STREAMS),
    SERIALIZATION("com.amazon.coral.service#SerializationException", 400, Service.DYNAMODB, Service.STREAMS),
    REQUEST_ENTITY_TOO_LARGE(
            "com.amazon.coral.service#RequestEntityTooLargeException", 413, Service.DYNAMODB, Service.STREAMS),
    UNKNOWN_OPERATION("com.amazon.coral.service#UnknownOperationException", 400, Service.DYNAMODB, Service.STREAMS),
    MISSING_AUTHENTICATION_TOKEN(
            "com.amazon.coral.service#MissingAuthenticationTokenException", 400, Service.DYNAMODB, Service.STREAMS),
    INCOMPLETE_SIGNATURE(
            "com.amazon.coral.service#IncompleteSignatureException", 400, Service.DYNAMODB, Service.STREAMS),
    INVALID_SIGNATURE("com.amazon.coral.service#InvalidSignatureException", 400, Service.DYNAMODB, Service.STREAMS),
    UNRECOGNIZED_CLIENT("com.amazon.coral.service#UnrecognizedClientException", 400, Service.DYNAMODB, Service.STREAMS),
    RESOURCE_NOT_FOUND(
            "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", 400, Service.DYNAMODB, Service.STREAMS),
    RESOURCE_IN_USE("com.amazonaws.dynamodb.v20120810#ResourceInUseException", 400, Service.DYNAMODB),
    CONDITIONAL_CHECK_FAILED("com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", 400, Service.DYNAMODB),
    TRANSACTION_CANCELED("com.amazonaws.dynamodb.v20120810#TransactionCanceledException", 400, Service.DYNAMODB),
    TRANSACTION_CONFLICT("com.amazonaws.dynamodb.v20120810#TransactionConflictException", 400, Service.DYNAMODB),
    TRANSACTION_IN_PROGRESS("com.amazonaws.dynamodb.v20120810#TransactionInProgressException", 400, Service.DYNAMODB),
    IDEMPOTENT_PARAMETER_MISMATCH(
            "com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException", 400, Service.DYNAMODB),
    DUPLICATE_ITEM("com.amazonaws.dynamodb.v20120810#DuplicateItemException", 400, Service.DYNAMODB),
    LIMIT_EXCEEDED("com.amazonaws.dynamodb.v20120810#LimitExceededException", 400, Service.DYNAMODB, Service.STREAMS),
    ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED(
            "com.amazonaws.dynamodb.v20120810#ItemCollectionSizeLimitExceededException", 400, Service.DYNAMODB),
    EXPIRED_ITERATOR("com.amazonaws.dynamodb.v20120810#ExpiredIteratorException", 400, Service.STREAMS),
    TRIMMED_DATA_ACCESS("com.amazonaws.dynamodb.v20120810#TrimmedDataAccessException", 400, Service.STREAMS),
    INTERNAL_SERVER_ERROR(
            "com.amazonaws.dynamodb.v20120810#InternalServerError", 500, Service.DYNAMODB, Service.STREAMS),

    // Lambda (REST-JSON): the type goes into X-Amzn-ErrorType
    LAMBDA_VALIDATION("ValidationException", 400, Service.LAMBDA),
    LAMBDA_INVALID_PARAMETER_VALUE("InvalidParameterValueException", 400, Service.LAMBDA),
    LAMBDA_INVALID_REQUEST_CONTENT("InvalidRequestContentException", 400, Service.LAMBDA),
    LAMBDA_RESOURCE_IN_USE("ResourceInUseException", 400, Service.LAMBDA),
    LAMBDA_RESOURCE_NOT_FOUND("ResourceNotFoundException", 404, Service.LAMBDA),
    LAMBDA_RESOURCE_CONFLICT("ResourceConflictException", 409, Service.LAMBDA),
    LAMBDA_PRECONDITION_FAILED("PreconditionFailedException", 412, Service.LAMBDA),
    LAMBDA_REQUEST_TOO_LARGE("RequestTooLargeException", 413, Service.LAMBDA),
    LAMBDA_REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLargeException", 413, Service.LAMBDA),
    LAMBDA_UNSUPPORTED_MEDIA_TYPE("UnsupportedMediaTypeException", 415, Service.LAMBDA),
    LAMBDA_TOO_MANY_REQUESTS("TooManyRequestsException", 429, Service.LAMBDA),
    LAMBDA_SERVICE("ServiceException", 500, Service.LAMBDA),
    LAMBDA_CODE_STORAGE_EXCEEDED("CodeStorageExceededException", 400, Service.LAMBDA),
    LAMBDA_MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 403, Service.LAMBDA),
    LAMBDA_INCOMPLETE_SIGNATURE("IncompleteSignatureException", 403, Service.LAMBDA),
    LAMBDA_INVALID_SIGNATURE("InvalidSignatureException", 403, Service.LAMBDA),
    LAMBDA_UNRECOGNIZED_CLIENT("UnrecognizedClientException", 403, Service.LAMBDA),
    LAMBDA_INVALID_ZIP_FILE("InvalidZipFileException", 502, Service.LAMBDA),
    LAMBDA_INVALID_RUNTIME("InvalidRuntimeException", 502, Service.LAMBDA),
    LAMBDA_RESOURCE_NOT_READY("ResourceNotReadyException", 502, Service.LAMBDA),

    // SQS (JSON 1.0 and query): the query protocol's code goes into x-amzn-query-error and <Code>
    SQS_QUEUE_DOES_NOT_EXIST(
            "com.amazonaws.sqs#QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", 400, Service.SQS),
    SQS_QUEUE_NAME_EXISTS("com.amazonaws.sqs#QueueNameExists", "QueueAlreadyExists", 400, Service.SQS),
    SQS_QUEUE_DELETED_RECENTLY(
            "com.amazonaws.sqs#QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently", 400, Service.SQS),
    SQS_PURGE_QUEUE_IN_PROGRESS(
            "com.amazonaws.sqs#PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", 403, Service.SQS),
    SQS_EMPTY_BATCH_REQUEST(
            "com.amazonaws.sqs#EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest", 400, Service.SQS),
    SQS_TOO_MANY_ENTRIES_IN_BATCH_REQUEST(
            "com.amazonaws.sqs#TooManyEntriesInBatchRequest",
            "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
            400,
            Service.SQS),
    SQS_BATCH_ENTRY_IDS_NOT_DISTINCT(
            "com.amazonaws.sqs#BatchEntryIdsNotDistinct",
            "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
            400,
            Service.SQS),
    SQS_BATCH_REQUEST_TOO_LONG(
            "com.amazonaws.sqs#BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong", 400, Service.SQS),
    SQS_INVALID_BATCH_ENTRY_ID(
            "com.amazonaws.sqs#InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId", 400, Service.SQS),
    SQS_MESSAGE_NOT_INFLIGHT(
            "com.amazonaws.sqs#MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight", 400, Service.SQS),
    SQS_UNSUPPORTED_OPERATION(
            "com.amazonaws.sqs#UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", 400, Service.SQS),
    SQS_RECEIPT_HANDLE_IS_INVALID("com.amazonaws.sqs#ReceiptHandleIsInvalid", 404, Service.SQS),
    SQS_RESOURCE_NOT_FOUND("com.amazonaws.sqs#ResourceNotFoundException", 404, Service.SQS),
    SQS_OVER_LIMIT("com.amazonaws.sqs#OverLimit", 403, Service.SQS),
    SQS_INVALID_ATTRIBUTE_NAME("com.amazonaws.sqs#InvalidAttributeName", 400, Service.SQS),
    SQS_INVALID_ATTRIBUTE_VALUE("com.amazonaws.sqs#InvalidAttributeValue", 400, Service.SQS),
    SQS_INVALID_MESSAGE_CONTENTS("com.amazonaws.sqs#InvalidMessageContents", 400, Service.SQS),
    SQS_INVALID_PARAMETER_VALUE(
            "com.amazon.coral.service#InvalidParameterValueException", "InvalidParameterValue", 400, Service.SQS),
    SQS_MISSING_AUTHENTICATION_TOKEN(
            "com.amazon.coral.service#MissingAuthenticationTokenException",
            "MissingAuthenticationToken",
            403,
            Service.SQS),
    SQS_INCOMPLETE_SIGNATURE(
            "com.amazon.coral.service#IncompleteSignatureException", "IncompleteSignature", 400, Service.SQS),
    SQS_SIGNATURE_DOES_NOT_MATCH(
            "com.amazon.coral.service#InvalidSignatureException", "SignatureDoesNotMatch", 403, Service.SQS),
    SQS_INVALID_CLIENT_TOKEN_ID(
            "com.amazon.coral.service#UnrecognizedClientException", "InvalidClientTokenId", 403, Service.SQS),
    SQS_MISSING_PARAMETER(
            "com.amazon.coral.service#MissingRequiredParameterException", "MissingParameter", 400, Service.SQS);

    /** The AWS services Eddy speaks, as far as their errors are concerned. */
    public enum Service {
        DYNAMODB,
        STREAMS,
        LAMBDA,
        SQS
    }

    private final String type;
    private final String queryCode;
    private final int httpStatus;
    private final Service service;
    private final Set<Service> services;

    ErrorCode(String type, int httpStatus, Service service, Service... alsoUsedBy) {
        this(type, null, httpStatus, service, alsoUsedBy);
    }

    ErrorCode(String type, String queryCode, int httpStatus, Service service, Service... alsoUsedBy) {
        this.type = type;
        this.queryCode = queryCode;
        this.httpStatus = httpStatus;
        this.service = service;
        this.services = Collections.unmodifiableSet(EnumSet.of(service, alsoUsedBy));
    }

    /** The service whose model defines the error. */
    public Service service() {
        return service;
    }

    /** Every service whose answers use this code, {@link #service()} among them. */
    public Set<Service> services() {
        return services;
    }

    /** Whether {@code s} answers with this code. */
    public boolean usedBy(Service s) {
        return services.contains(s);
    }

    /** The full type string as the service writes it (namespace#Name for JSON 1.0 services). */
    public String type() {
        return type;
    }

    /** The short name clients match on: the part after the last '#'. */
    public String shortName() {
        return type.substring(type.lastIndexOf('#') + 1);
    }

    /**
     * The code as the query protocol spells it (SQS: {@code AWS.SimpleQueueService.NonExistentQueue}
     * where JSON says {@code QueueDoesNotExist}); the {@link #shortName()} when the protocols agree.
     */
    public String queryCode() {
        return queryCode == null ? shortName() : queryCode;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
