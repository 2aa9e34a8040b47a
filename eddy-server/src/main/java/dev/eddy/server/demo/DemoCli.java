package dev.eddy.server.demo;

import java.net.URI;
import java.nio.file.Path;

/** The AWS CLI commands that do what the demo did, against the demo's server. */
final class DemoCli {
    private DemoCli() {}

    static String commands(URI endpoint, String streamArn, Path handlerJar) {
        String e = "--endpoint-url " + endpoint;
        return String.join(
                "\n",
                "Do the same by hand with the AWS CLI (any credentials work, e.g. AWS_ACCESS_KEY_ID=x",
                "AWS_SECRET_ACCESS_KEY=x AWS_REGION=us-east-1):",
                "",
                "  aws dynamodb create-table " + e + " --table-name orders \\",
                "      --attribute-definitions AttributeName=id,AttributeType=S --key-schema AttributeName=id,KeyType=HASH \\",
                "      --billing-mode PAY_PER_REQUEST --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES",
                "  aws lambda create-function " + e + " --function-name printer --runtime java21 \\",
                "      --role arn:aws:iam::000000000000:role/any --handler example.ChangePrinter \\",
                "      --zip-file fileb://" + handlerJar,
                "  aws lambda create-event-source-mapping " + e + " --function-name printer \\",
                "      --starting-position TRIM_HORIZON --batch-size 10 \\",
                "      --event-source-arn $(aws dynamodb describe-table " + e
                        + " --table-name orders --query Table.LatestStreamArn --output text)",
                "  aws dynamodb put-item " + e
                        + " --table-name orders --item '{\"id\":{\"S\":\"1\"},\"status\":{\"S\":\"new\"}}'",
                "  ./eddy mappings --endpoint " + endpoint + " --drain     # wait until processed, show state and lag",
                "  ./eddy logs printer --endpoint " + endpoint + " --follow   # the invocations as they happen",
                "",
                "The demo's own mapping reads " + streamArn + ".");
    }
}
