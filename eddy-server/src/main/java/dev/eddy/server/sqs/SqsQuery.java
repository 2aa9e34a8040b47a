package dev.eddy.server.sqs;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.server.http.JsonOperation;
import dev.eddy.server.http.JsonRequest;
import dev.eddy.server.http.QueryError;
import dev.eddy.server.http.QueryOperation;
import dev.eddy.server.http.QueryService;

/**
 * SQS in the query protocol (form-encoded {@code Action=...&Version=2012-11-05}, XML answers), as
 * older SDKs, boto3 before 1.34 and the AWS CLI v1 speak it. It has no operations of its own: each
 * action runs the {@link SqsHttp} operation of the same name, so both protocols share the
 * validation, the engine calls and the digests. {@link QueryForm} reads the flattened parameters
 * into the JSON body that operation reads, {@link QueryXml} writes its JSON answer as XML; both
 * follow the one table {@link QueryMembers}. An operation added to {@link SqsHttp} is therefore
 * served in both protocols.
 *
 * <p>Errors carry the query code ({@link ErrorCode#queryCode()}), their status and, for a missing
 * queue, the query protocol's own message. Thread-safe.
 */
public final class SqsQuery implements QueryService {
    private final SqsHttp operations;

    /** @param operations the JSON adapter whose operations this one serves */
    public SqsQuery(SqsHttp operations) {
        this.operations = operations;
    }

    @Override
    public String xmlNamespace() {
        return QueryXml.NAMESPACE;
    }

    @Override
    public QueryOperation operation(String action) {
        JsonOperation op = operations.operation(action);
        if (op == null) {
            return null;
        }
        return q -> QueryXml.answer(action, op.apply(new JsonRequest(QueryForm.body(q), q.authority())), q.requestId());
    }

    @Override
    public boolean waits(String action) {
        return operations.waits(action);
    }

    @Override
    public QueryError error(EddyException e) {
        int status = e.code().httpStatus();
        String message = e.getMessage();
        if (e.code() == ErrorCode.SQS_QUEUE_DOES_NOT_EXIST) {
            // the query protocol words it differently (observed on AWS)
            message = "The specified queue does not exist for this wsdl version.";
        }
        return new QueryError(e.code().queryCode(), status < 500, status, message);
    }
}
