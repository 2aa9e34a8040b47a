package dev.eddy.server.dynamodb;

import dev.eddy.error.EddyException;
import dev.eddy.table.TableEngine;

/** Table names given as names or as table ARNs. */
final class Names {
    private Names() {
    }

    /** The table name for a TableName parameter that may be a table ARN of this server's account. */
    static String table(String nameOrArn, TableEngine engine) {
        if (!nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        String prefix = "arn:aws:dynamodb:" + engine.region() + ":" + engine.account() + ":table/";
        if (!nameOrArn.startsWith(prefix) || nameOrArn.length() == prefix.length()) {
            throw EddyException.resourceNotFound("Requested resource not found: Table: " + nameOrArn + " not found");
        }
        return nameOrArn.substring(prefix.length());
    }
}
