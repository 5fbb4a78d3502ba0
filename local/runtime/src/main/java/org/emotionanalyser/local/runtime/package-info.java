/**
 * The AWS-compatible services of local mode, started together by
 * {@link org.emotionanalyser.local.runtime.LocalAwsServices} behind one edge endpoint on 127.0.0.1.
 *
 * <p>The edge reads the service from each request's SigV4 credential scope (the {@code Authorization} header, or
 * {@code X-Amz-Credential} of presigned URLs) and passes the request on: S3 to S3Proxy, SQS to ElasticMQ, DynamoDB
 * to DynamoDB Local (each on its own loopback port, bytes forwarded with the client's Host header kept), EventBridge
 * and SNS to handlers in this package, and any service another component registers by signing name.
 *
 * <p>What survives a restart on the same data directory:
 * <ul>
 *   <li>DynamoDB: every table, index, item and TTL setting ({@code dynamodb/}, SQLite);</li>
 *   <li>SQS: every queue with its attributes and redrive policy, and every message with its attributes, receive
 *       count and visibility deadline, so a message in flight at shutdown comes back when its visibility timeout
 *       ends ({@code sqs/}, H2, written through on every change);</li>
 *   <li>S3: buckets, objects with their metadata, and unfinished multipart uploads ({@code s3/}, files); bucket
 *       lifecycle configurations ({@code s3-lifecycle/<bucket>.xml});</li>
 *   <li>EventBridge: buses, rules (patterns, schedules, state) and targets with their input, {@code RetryPolicy}
 *       and {@code DeadLetterConfig} ({@code events/eventbridge.json});</li>
 *   <li>SNS: topics, subscriptions with their attributes ({@code sns/sns.json}); mails written to
 *       {@code mailbox/}.</li>
 * </ul>
 * Not kept: ObjectCreated listeners and services registered on the edge (the caller registers them again at each
 * start), and HTTP and EventBridge deliveries still being retried when the services stop (their number is logged).
 *
 * <p>Local differences from AWS, on purpose: signatures are not checked; SNS subscriptions are confirmed at once
 * and deliveries are not signed; EventBridge and SNS deliver to SQS before their API call answers; EventBridge
 * delivers only to SQS targets (schedule rules are listed for the runtime to run), retrying a failed delivery within
 * the target's retry policy after 1 s, doubling up to 60 s with jitter (EventBridge waits minutes), and puts what it
 * gives up on in the target's dead-letter queue; HTTP deliveries retry three
 * times over about 1.4 s instead of SNS's default policy. S3 lifecycle rules expire objects by {@code Days} only,
 * at the first sweep after they expire (hourly by default; {@code S3LifecycleSweeper} says what of a rule is
 * honoured). API Gateway throttles with the stage's {@code /*} {@code *} method setting and each usage plan's rate
 * and burst (token buckets that start full at every start); usage-plan quotas, per-method throttling settings and a
 * plan's {@code ApiStages} (there is one API and one stage) are not modelled, and throttled requests still ran the
 * authorizer, as in API Gateway.
 */
package org.emotionanalyser.local.runtime;

import org.emotionanalyser.local.runtime.s3.S3LifecycleSweeper;
