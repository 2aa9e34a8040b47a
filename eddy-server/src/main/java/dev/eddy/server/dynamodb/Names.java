package dev.eddy.server.dynamodb;

import dev.eddy.arn.Account;
import dev.eddy.error.EddyException;
import dev.eddy.server.http.JsonRequest;
import dev.eddy.table.TableEngine;
import java.util.regex.Pattern;

/** Table names given as names or as table ARNs. */
final class Names {
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private Names() {}

    /** Records the violations of a TableName that is a name (3-255, pattern) or a table ARN (up to 1024). */
    static void checkTable(JsonRequest r, String member, String value, boolean arnAllowed) {
        if (value == null) {
            r.required(member, null);
        } else if (arnAllowed && value.startsWith("arn:")) {
            r.length(member, value, 1, 1024);
        } else {
            r.length(member, value, 3, 255);
            r.pattern(member, value, TABLE_NAME);
        }
    }

    /** The table name for a TableName parameter that may be a table ARN of this server's account. */
    static String table(String nameOrArn, TableEngine engine) {
        if (!nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        // what follows this account's table ARN prefix is the name (one that no table can have is
        // simply not found by that name); any other ARN is not found as a whole
        String prefix = new Account(engine.region(), engine.account()).table("").toString();
        if (!nameOrArn.startsWith(prefix) || nameOrArn.length() == prefix.length()) {
            throw EddyException.resourceNotFound("Requested resource not found: Table: " + nameOrArn + " not found");
        }
        return nameOrArn.substring(prefix.length());
    }
}
