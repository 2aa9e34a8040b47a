package dev.eddy.error;

/**
 * Every error Eddy returns, with the type string and HTTP status of the AWS service that defines it.
 * Each wire adapter renders an {@link EddyException} from these in one place.
 */
public enum ErrorCode {
    // DynamoDB and DynamoDB Streams (JSON 1.0)
    VALIDATION("com.amazon.coral.validate#ValidationException", 400),
    SERIALIZATION("com.amazon.coral.service#SerializationException", 400),
    UNKNOWN_OPERATION("com.amazon.coral.service#UnknownOperationException", 400),
    MISSING_AUTHENTICATION_TOKEN("com.amazon.coral.service#MissingAuthenticationTokenException", 400),
    INCOMPLETE_SIGNATURE("com.amazon.coral.service#IncompleteSignatureException", 400),
    RESOURCE_NOT_FOUND("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", 400),
    RESOURCE_IN_USE("com.amazonaws.dynamodb.v20120810#ResourceInUseException", 400),
    CONDITIONAL_CHECK_FAILED("com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", 400),
    TRANSACTION_CANCELED("com.amazonaws.dynamodb.v20120810#TransactionCanceledException", 400),
    TRANSACTION_CONFLICT("com.amazonaws.dynamodb.v20120810#TransactionConflictException", 400),
    TRANSACTION_IN_PROGRESS("com.amazonaws.dynamodb.v20120810#TransactionInProgressException", 400),
    IDEMPOTENT_PARAMETER_MISMATCH("com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException", 400),
    DUPLICATE_ITEM("com.amazonaws.dynamodb.v20120810#DuplicateItemException", 400),
    LIMIT_EXCEEDED("com.amazonaws.dynamodb.v20120810#LimitExceededException", 400),
    ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED("com.amazonaws.dynamodb.v20120810#ItemCollectionSizeLimitExceededException", 400),
    EXPIRED_ITERATOR("com.amazonaws.dynamodb.v20120810#ExpiredIteratorException", 400),
    TRIMMED_DATA_ACCESS("com.amazonaws.dynamodb.v20120810#TrimmedDataAccessException", 400),
    INTERNAL_SERVER_ERROR("com.amazonaws.dynamodb.v20120810#InternalServerError", 500),

    // Lambda (REST-JSON): the type goes into X-Amzn-ErrorType
    LAMBDA_VALIDATION("ValidationException", 400),
    LAMBDA_INVALID_PARAMETER_VALUE("InvalidParameterValueException", 400),
    LAMBDA_INVALID_REQUEST_CONTENT("InvalidRequestContentException", 400),
    LAMBDA_RESOURCE_IN_USE("ResourceInUseException", 400),
    LAMBDA_RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
    LAMBDA_RESOURCE_CONFLICT("ResourceConflictException", 409),
    LAMBDA_PRECONDITION_FAILED("PreconditionFailedException", 412),
    LAMBDA_REQUEST_TOO_LARGE("RequestTooLargeException", 413),
    LAMBDA_REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLargeException", 413),
    LAMBDA_UNSUPPORTED_MEDIA_TYPE("UnsupportedMediaTypeException", 415),
    LAMBDA_TOO_MANY_REQUESTS("TooManyRequestsException", 429),
    LAMBDA_SERVICE("ServiceException", 500),
    LAMBDA_CODE_STORAGE_EXCEEDED("CodeStorageExceededException", 400),
    LAMBDA_INVALID_ZIP_FILE("InvalidZipFileException", 502),
    LAMBDA_INVALID_RUNTIME("InvalidRuntimeException", 502),
    LAMBDA_RESOURCE_NOT_READY("ResourceNotReadyException", 502);

    private final String type;
    private final int httpStatus;

    ErrorCode(String type, int httpStatus) {
        this.type = type;
        this.httpStatus = httpStatus;
    }

    /** The full type string as the service writes it (namespace#Name for JSON 1.0 services). */
    public String type() {
        return type;
    }

    /** The short name clients match on: the part after the last '#'. */
    public String shortName() {
        return type.substring(type.lastIndexOf('#') + 1);
    }

    public int httpStatus() {
        return httpStatus;
    }
}
