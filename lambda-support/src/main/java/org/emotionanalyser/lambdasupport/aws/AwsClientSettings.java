package org.emotionanalyser.lambdasupport.aws;

import org.emotionanalyser.lambdasupport.concurrent.DaemonThreads;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The one SDK client factory: how every SDK client of a function is built. Explicit region, one URL-connection HTTP
 * client shared by all clients, API call timeouts, and - in local mode only - an endpoint override and static
 * credentials taken from the same environment map the handler was configured with. Per-service endpoint overrides
 * ({@code AWS_ENDPOINT_URL_<SERVICE>}) apply to every client built with {@link #build(String, AwsClientBuilder,
 * Duration)}, {@link #s3(Duration)} or {@link #s3Presigner()}, so each function honours them the same way. An
 * override naming an {@link InProcessClients in-process client} (local mode's DynamoDB) gives that client instead.
 *
 * <p>Built once per function instance, at init, by the module's wiring class.
 */
public final class AwsClientSettings implements SdkClients {

    /** Variables read from the environment map. */
    public static final String REGION = "AWS_REGION";
    public static final String ENDPOINT_URL = "AWS_ENDPOINT_URL";
    public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
    /** Prefix of per-service endpoint overrides, e.g. {@code AWS_ENDPOINT_URL_REKOGNITION}. */
    public static final String SERVICE_ENDPOINT_PREFIX = "AWS_ENDPOINT_URL_";
    /** The per-service override value that means "the real AWS endpoint, with the default credentials chain". */
    public static final String REAL_AWS = "aws";
    /**
     * {@code true} (local mode only): S3 requests to a local endpoint go unsigned. Local mode's S3 checks no
     * signature, and over plain HTTP the SDK signs every request body, hashing each uploaded photo with SHA-256 for
     * nothing (in AWS, over HTTPS, it sends bodies unsigned anyway). Never applied without an endpoint override.
     */
    public static final String LOCAL_S3_UNSIGNED = "LOCAL_S3_UNSIGNED";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

    /** The SDK service ids this project's functions use, as {@code AWS_ENDPOINT_URL_<SERVICE>} spells them. */
    public static final String S3 = "S3";
    public static final String DYNAMODB = "DYNAMODB";
    public static final String SQS = "SQS";
    public static final String SNS = "SNS";
    public static final String EVENTBRIDGE = "EVENTBRIDGE";
    public static final String LAMBDA = "LAMBDA";
    public static final String REKOGNITION = "REKOGNITION";
    public static final String SECRETS_MANAGER = "SECRETS_MANAGER";
    public static final String CLOUDWATCH = "CLOUDWATCH";
    /** API Gateway's control plane (API keys and usage plans), as AWS spells it in {@code AWS_ENDPOINT_URL_API_GATEWAY}. */
    public static final String API_GATEWAY = "API_GATEWAY";

    private final Region region;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient httpClient;
    private final ScheduledExecutorService timeoutScheduler;
    private final Map<String, String> env;
    private final boolean unsignedLocalS3;
    /** The service these settings were narrowed to by {@link #forService(String)}; null for the common settings. */
    private final String serviceId;

    private AwsClientSettings(Region region, URI endpoint, AwsCredentialsProvider credentials, SdkHttpClient httpClient,
                              ScheduledExecutorService timeoutScheduler, Map<String, String> env, String serviceId) {
        this.region = region;
        this.serviceId = serviceId;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.httpClient = httpClient;
        this.timeoutScheduler = timeoutScheduler;
        this.env = env;
        this.unsignedLocalS3 = "true".equalsIgnoreCase(env.getOrDefault(LOCAL_S3_UNSIGNED, "").trim());
    }

    /**
     * Reads {@code AWS_REGION} (required), {@code AWS_ENDPOINT_URL} (optional; set by local mode) and, when present,
     * static credentials from the given environment.
     *
     * @throws IllegalStateException when the region is missing or the endpoint is not a URL
     */
    public static AwsClientSettings fromEnvironment(Map<String, String> env) {
        String regionName = env.get(REGION);
        if (regionName == null || regionName.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set; set it to the region the stack runs in, "
                    + "e.g. eu-west-1 (Lambda sets it for you)");
        }
        URI endpoint = null;
        String endpointText = env.get(ENDPOINT_URL);
        if (endpointText != null && !endpointText.isBlank()) {
            try {
                endpoint = URI.create(endpointText.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("AWS_ENDPOINT_URL is not a URL; set it to e.g. http://localhost:4566", e);
            }
        }
        // One light HTTP client per function, shared by every client it builds.
        SdkHttpClient httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
        // One timer thread per function for every client's call and attempt timeouts. Left to itself the SDK starts
        // five per client and keeps each cancelled timeout queued until it would have fired, waking a thread for it:
        // two per call. Removing a timeout when its call completes leaves the thread asleep.
        ScheduledThreadPoolExecutor timeoutScheduler =
                new ScheduledThreadPoolExecutor(1, DaemonThreads.named("sdk-timeouts"));
        timeoutScheduler.setRemoveOnCancelPolicy(true);
        Map<String, String> overrides = new HashMap<>();
        env.forEach((name, value) -> {
            if ((name.startsWith(SERVICE_ENDPOINT_PREFIX) || name.equals(LOCAL_S3_UNSIGNED)) && value != null) {
                overrides.put(name, value);
            }
        });
        return new AwsClientSettings(Region.of(regionName.trim()), endpoint, credentialsFrom(env), httpClient,
                timeoutScheduler, Map.copyOf(overrides), null);
    }

    /**
     * Settings for one service, honouring {@code AWS_ENDPOINT_URL_<SERVICE>} from the environment these settings
     * were read from: unset means the same as every other client; a URL means that endpoint; {@code aws} means the
     * real regional endpoint with the default credentials chain (local mode's {@code --analyzer=rekognition}).
     *
     * @param serviceId the SDK service id in upper case, e.g. {@link #REKOGNITION}
     */
    public AwsClientSettings forService(String serviceId) {
        return forService(env, serviceId);
    }

    /** Builds a client of one service with that service's endpoint override applied. */
    @Override
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(String serviceId, B builder,
                                                                                        Duration apiCallTimeout) {
        return forService(serviceId).build(builder, apiCallTimeout);
    }

    /**
     * The S3 client: path-style addressing against a local endpoint, whose bucket host names do not resolve; unsigned
     * requests there when {@link #LOCAL_S3_UNSIGNED} is {@code true}.
     */
    @Override
    public S3Client s3(Duration apiCallTimeout) {
        AwsClientSettings s3 = forService(S3);
        boolean local = s3.endpoint().isPresent();
        return s3.build(S3Client.builder().forcePathStyle(local), apiCallTimeout,
                local && unsignedLocalS3 ? AnonymousCredentialsProvider.create() : s3.credentials);
    }

    /**
     * The one S3 presigner factory: the function's region, credentials and, in local mode, endpoint with path-style
     * URLs. Signing happens locally; no request reaches S3 until a URL is used.
     */
    @Override
    public S3Presigner s3Presigner() {
        AwsClientSettings s3 = forService(S3);
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(s3.region)
                .credentialsProvider(s3.credentials);
        s3.endpoint().ifPresent(local -> builder.endpointOverride(local)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        return builder.build();
    }

    /** As {@link #forService(String)}, reading the override from another environment map. */
    public AwsClientSettings forService(Map<String, String> env, String serviceId) {
        String override = env.get(SERVICE_ENDPOINT_PREFIX + serviceId);
        if (override == null || override.isBlank()) {
            return this;
        }
        if (REAL_AWS.equalsIgnoreCase(override.trim())) {
            return new AwsClientSettings(region, null, DefaultCredentialsProvider.builder().build(), httpClient,
                    timeoutScheduler, env, serviceId);
        }
        try {
            return new AwsClientSettings(region, URI.create(override.trim()), credentials, httpClient,
                    timeoutScheduler, env, serviceId);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(SERVICE_ENDPOINT_PREFIX + serviceId + " is neither a URL nor 'aws'", e);
        }
    }

    private static AwsCredentialsProvider credentialsFrom(Map<String, String> env) {
        String keyId = env.get(ACCESS_KEY_ID);
        String secret = env.get(SECRET_ACCESS_KEY);
        if (keyId == null || secret == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        String token = env.get(SESSION_TOKEN);
        return StaticCredentialsProvider.create(token == null || token.isEmpty()
                ? AwsBasicCredentials.create(keyId, secret)
                : AwsSessionCredentials.create(keyId, secret, token));
    }

    /**
     * A client plugin that turns off the SDK's retries, for calls whose repetition the caller must control: an
     * adapter that counts and bounds its own attempts (two nested retry loops multiply them), or a call that is not
     * idempotent (an SNS Publish retried after a lost response publishes twice). Add it to the client builder.
     */
    public static SdkPlugin withoutSdkRetries() {
        return configuration -> {
            ClientOverrideConfiguration current = configuration.overrideConfiguration();
            ClientOverrideConfiguration.Builder builder = current == null ? ClientOverrideConfiguration.builder()
                    : current.toBuilder();
            configuration.overrideConfiguration(builder.retryStrategy(AwsRetryStrategy.doNotRetry()).build());
        };
    }

    /**
     * Applies region, credentials, endpoint, HTTP client and timeouts to a client builder and builds the client; or,
     * when the endpoint names an {@link InProcessClients in-process client}, returns that client and ignores the
     * builder.
     *
     * @param apiCallTimeout the total time one API call may take, retries included
     * @throws IllegalStateException when the endpoint names an in-process client that is not registered, or one of
     *                               another service
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder,
                                                                                        Duration apiCallTimeout) {
        return build(builder, apiCallTimeout, credentials);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, Duration apiCallTimeout, AwsCredentialsProvider credentialsProvider) {
        if (InProcessClients.isInProcess(endpoint)) {
            if (serviceId == null) {
                throw new IllegalStateException(ENDPOINT_URL + " names an in-process client (" + endpoint + "), which "
                        + "serves one service: set it per service, as " + SERVICE_ENDPOINT_PREFIX + "<SERVICE>");
            }
            // The registry checked that it is this service's client, so it is the builder's client type.
            @SuppressWarnings("unchecked")
            C client = (C) InProcessClients.client(endpoint, serviceId);
            return client;
        }
        builder.region(region)
                .credentialsProvider(credentialsProvider)
                .httpClient(httpClient)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(apiCallTimeout)
                        .apiCallAttemptTimeout(apiCallTimeout.dividedBy(2))
                        .scheduledExecutorService(timeoutScheduler)
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    public Region region() {
        return region;
    }

    /** The local endpoint override, when one is configured. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }
}
