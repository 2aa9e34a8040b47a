package dev.eddy.server.sqs;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Queue URLs: {@code http://HOST:PORT/ACCOUNT/NAME}, with the host and port the client addressed.
 * A URL is resolved by its account and name only, whatever its scheme and host, as clients treat
 * URLs as opaque and may reach the node under another name.
 */
final class QueueUrls {
    private final Account account;

    QueueUrls(Account account) {
        this.account = account;
    }

    /** The URL of {@code queue} for a client that addressed {@code authority}. */
    String render(Arn.Queue queue, String authority) {
        return "http://" + authority + "/" + queue.account() + "/" + queue.name();
    }

    /**
     * The queue a URL names.
     *
     * @throws EddyException QueueDoesNotExist for a URL of another account or not of this shape
     */
    Arn.Queue parse(String url) {
        String path;
        try {
            path = new URI(url).getPath();
        } catch (URISyntaxException e) {
            throw noSuchQueue();
        }
        if (path == null) {
            throw noSuchQueue();
        }
        String[] parts = path.split("/", -1);
        if (parts.length != 3 || !parts[0].isEmpty() || !parts[1].equals(account.id()) || parts[2].isEmpty()) {
            throw noSuchQueue();
        }
        return account.queue(parts[2]);
    }

    private static EddyException noSuchQueue() {
        return new EddyException(ErrorCode.SQS_QUEUE_DOES_NOT_EXIST, "The specified queue does not exist.");
    }
}
