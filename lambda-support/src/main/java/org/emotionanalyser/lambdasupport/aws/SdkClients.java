package org.emotionanalyser.lambdasupport.aws;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Duration;

/**
 * Where a module's wiring class gets its SDK clients from. {@link AwsClientSettings} is the one implementation the
 * functions use (explicit region and credentials, one light HTTP client, timeouts, local endpoints); the wiring
 * depends on this port only, so that the same handlers can be assembled over clients built another way (a
 * benchmark's baseline, a test) without a second wiring.
 */
public interface SdkClients {

    /**
     * Builds a client of one service from a builder the caller has prepared (plugins, service options).
     *
     * @param serviceId      the SDK service id in upper case, e.g. {@link AwsClientSettings#REKOGNITION}
     * @param apiCallTimeout the total time one API call may take, retries included
     */
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(String serviceId, B builder,
                                                                                 Duration apiCallTimeout);

    /** An S3 client. */
    S3Client s3(Duration apiCallTimeout);

    /** An S3 presigner. */
    S3Presigner s3Presigner();
}
