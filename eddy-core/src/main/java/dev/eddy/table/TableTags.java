package dev.eddy.table;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tags of tables, addressed by table ARN as TagResource, UntagResource and ListTagsOfResource
 * address them: an ARN of another account or region, or of no table, is "not found", in
 * DynamoDB's wording. Each change is one store transaction on the table's description.
 */
final class TableTags {
    private static final Pattern INDEX_ARN = Pattern.compile("arn:[^:]+:dynamodb:[^:]*:[^:]*:table/[^/]+/index/.+");

    private final Store store;
    private final TableCatalog catalog;
    private final Account owner;

    TableTags(Store store, TableCatalog catalog, Account owner) {
        this.store = store;
        this.catalog = catalog;
        this.owner = owner;
    }

    void tag(String arn, Map<String, String> tags) {
        String name = tableOfArn(arn);
        store.run(tx -> {
            TableMeta t = tableForArn(tx, name, arn);
            Map<String, String> merged = new HashMap<>(t.tags());
            merged.putAll(tags);
            TagRules.checkCount(merged.size());
            catalog.put(tx, t.withTags(merged));
            return null;
        });
    }

    void untag(String arn, List<String> keys) {
        String name = tableOfArn(arn);
        store.run(tx -> {
            TableMeta t = tableForArn(tx, name, arn);
            Map<String, String> remaining = new HashMap<>(t.tags());
            keys.forEach(remaining::remove);
            catalog.put(tx, t.withTags(remaining));
            return null;
        });
    }

    Map<String, String> list(String arn) {
        String name = tableOfArn(arn);
        try (ReadView view = store.snapshot()) {
            return new LinkedHashMap<>(tableForArn(view, name, arn).tags());
        }
    }

    private String tableOfArn(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            throw EddyException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
        }
        // an index is no resource of its own: its tags are its table's
        if (INDEX_ARN.matcher(arn).matches()) {
            throw EddyException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
        }
        // any other ARN names no table of this account: not found, like a table that does not exist
        return owner.parseOwn(arn, Arn.Table.class)
                .orElseThrow(() -> notFoundArn(arn))
                .table();
    }

    private TableMeta tableForArn(ReadView view, String name, String arn) {
        TableMeta t = catalog.find(view, name);
        if (t == null) {
            throw notFoundArn(arn);
        }
        return t;
    }

    private static EddyException notFoundArn(String arn) {
        // DynamoDB's own wording, typo included
        return EddyException.resourceNotFound("Requested resource not found: ResourcArn: " + arn + " not found");
    }
}
