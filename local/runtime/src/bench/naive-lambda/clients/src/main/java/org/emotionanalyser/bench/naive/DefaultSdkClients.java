package org.emotionanalyser.bench.naive;

import org.emotionanalyser.lambdasupport.aws.SdkClients;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Duration;

/**
 * Benchmark baseline, never deployed: SDK clients as {@code XxxClient.create()} makes them. Each client gets its
 * own default HTTP client (the highest-priority implementation on the class path: Apache 5 in the naive jars),
 * region and credentials from the SDK's default provider chains (system properties, environment, profile files)
 * and the endpoint from {@code AWS_ENDPOINT_URL}, and no API call timeout. Plugins and service options the wiring
 * sets on the builder (the reader's Rekognition client without SDK retries) are kept: they are behaviour, not
 * start-up cost.
 */
public final class DefaultSdkClients implements SdkClients {

    @Override
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(String serviceId, B builder,
                                                                                        Duration apiCallTimeout) {
        return builder.build();
    }

    @Override
    public S3Client s3(Duration apiCallTimeout) {
        return S3Client.create();
    }

    @Override
    public S3Presigner s3Presigner() {
        return S3Presigner.create();
    }
}
