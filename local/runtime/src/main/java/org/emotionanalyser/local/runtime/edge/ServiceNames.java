package org.emotionanalyser.local.runtime.edge;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the AWS service a request is meant for, the way AWS does: by the service in its SigV4 credential scope. */
public final class ServiceNames {

    /** {@code Credential=AKID/20261121/us-east-1/s3/aws4_request}: the fourth scope element is the service. */
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/,\\s]*/\\d{8}/[^/]*/([^/,\\s]+)/aws4_request");
    private static final Pattern QUERY_CREDENTIAL = Pattern.compile("(?:^|&)X-Amz-Credential=([^&]*)");
    /** A path-style bucket or object path: {@code /bucket}, {@code /bucket/} or {@code /bucket/key}. */
    private static final Pattern BUCKET_PATH = Pattern.compile("/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?");

    private ServiceNames() {
    }

    /** The lower-case service signing name, or {@code null} when the request names none. */
    static String of(EdgeRequest request) {
        String authorization = request.header("authorization").orElse("");
        Matcher scope = SCOPE.matcher(authorization);
        if (scope.find()) {
            return scope.group(1).toLowerCase(Locale.ROOT);
        }
        String query = request.rawQuery();
        if (query != null) {
            Matcher credential = QUERY_CREDENTIAL.matcher(query);
            if (credential.find()) {
                String decoded = URLDecoder.decode(credential.group(1), StandardCharsets.UTF_8);
                Matcher presigned = Pattern.compile("^[^/]*/\\d{8}/[^/]*/([^/]+)/aws4_request$").matcher(decoded);
                if (presigned.find()) {
                    return presigned.group(1).toLowerCase(Locale.ROOT);
                }
            }
            // The UnsubscribeURL of an SNS notification is opened unsigned, from a mail or a browser.
            if (query.startsWith("Action=Unsubscribe&")) {
                return "sns";
            }
            // Presigned URLs of the older signature version 2 exist only for S3.
            if (query.contains("AWSAccessKeyId=")) {
                return "s3";
            }
        }
        // Unsigned requests of JSON-protocol services still say which service they are for.
        String target = request.header("x-amz-target").orElse("");
        if (target.startsWith("DynamoDB_")) {
            return "dynamodb";
        }
        if (target.startsWith("AmazonSQS.")) {
            return "sqs";
        }
        if (target.startsWith("AWSEvents.")) {
            return "events";
        }
        // S3 is the one service here that takes anonymous requests, and they name no service: an unsigned request
        // for a bucket or an object (local mode's functions send S3 requests unsigned) is S3's, as LocalStack also
        // assumes. Anything else unsigned (a query-protocol POST to /, say) still names no service.
        if (BUCKET_PATH.matcher(request.rawPath() == null ? "" : request.rawPath()).matches()) {
            return "s3";
        }
        return null;
    }
}
