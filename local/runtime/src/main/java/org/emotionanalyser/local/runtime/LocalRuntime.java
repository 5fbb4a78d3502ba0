package org.emotionanalyser.local.runtime;

import org.emotionanalyser.local.runtime.rekognition.RekognitionEndpoint;
import org.emotionanalyser.local.analyser.adapter.S3ImageFetcher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emotionanalyser.local.analyser.LocalAnalyzer;
import org.emotionanalyser.local.runtime.apigateway.ApiDefinition;
import org.emotionanalyser.local.runtime.apigateway.ApiGatewayControlApi;
import org.emotionanalyser.local.runtime.apigateway.ApiGatewayServer;
import org.emotionanalyser.local.runtime.apigateway.UsagePlanStore;
import org.emotionanalyser.local.runtime.lambda.AsyncInvoker;
import org.emotionanalyser.local.runtime.lambda.EventSourceMappings;
import org.emotionanalyser.local.runtime.lambda.FunctionRegistry;
import org.emotionanalyser.local.runtime.lambda.LambdaApiService;
import org.emotionanalyser.local.runtime.lambda.LocalFunction;
import org.emotionanalyser.local.runtime.s3.S3NotificationDispatcher;
import org.emotionanalyser.local.runtime.eventbridge.ScheduleRunner;
import org.emotionanalyser.local.runtime.cloudformation.CloudFormationTemplate;
import org.emotionanalyser.local.runtime.lambda.EventSourceMappingDefinition;
import org.emotionanalyser.local.runtime.lambda.FunctionDefinition;
import org.emotionanalyser.local.runtime.cloudformation.PseudoParameters;
import org.emotionanalyser.local.runtime.cloudformation.TemplateException;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole pipeline on one machine: starts the AWS-compatible services, provisions the CloudFormation template
 * into them, loads every function's handler, wires S3 notifications, SQS event source mappings, schedules and the
 * API Gateway emulation, and (on first start) onboards a demo tenant through the real admin API.
 *
 * <p>Everything lives in the data directory, so a restart continues where the previous run stopped; events a
 * previous run had queued for asynchronous invocation are run again.
 */
public final class LocalRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The demo tenant onboarded on first start. */
    public static final String DEMO_TENANT = "demo";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final LocalRuntimeOptions options;
    private LocalAwsServices services;
    private ApiGatewayServer api;
    private ProvisionedStack stack;
    private FunctionRegistry functions;
    private String adminKey;
    private String demoTenantKey;
    private boolean analyserAvailable;
    private boolean closed;

    private LocalRuntime(LocalRuntimeOptions options) {
        this.options = options;
    }

    /**
     * Starts everything; on failure, whatever was started is stopped again before the exception propagates.
     *
     * @throws TemplateException when the template cannot run locally
     */
    public static LocalRuntime start(LocalRuntimeOptions options) {
        LocalRuntime runtime = new LocalRuntime(options);
        try {
            runtime.startAll();
            return runtime;
        } catch (IOException e) {
            runtime.close();
            throw new UncheckedIOException("cannot prepare the data directory " + options.dataDir(), e);
        } catch (RuntimeException | Error e) {
            runtime.close();
            throw e;
        }
    }

    private void startAll() throws IOException {
        Files.createDirectories(options.dataDir());
        LocalSecrets secrets = new LocalSecrets(options.dataDir());
        adminKey = secrets.adminKey();

        services = LocalAwsServices.start(new LocalServicesOptions(options.dataDir().resolve("aws"),
                options.edgePort(), LocalRuntimeOptions.REGION, LocalRuntimeOptions.ACCOUNT_ID));
        started.push(services);
        Map<String, String> awsEnv = awsEnvironment();
        LocalAwsClients clients = LocalAwsClients.create(awsEnv);
        started.push(clients);

        if (options.analyzer() == LocalRuntimeOptions.Analyzer.LOCAL) {
            mountLocalAnalyser(awsEnv);
        }

        CloudFormationTemplate template = CloudFormationTemplate.load(options.template());
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("Stage", LocalRuntimeOptions.STAGE);
        // The cloud reserves 20 reader executions; on one machine that many analyses at once would only contend for
        // the cores and the heap, so local mode reserves none and every function runs at --concurrency.
        overrides.put("ReaderReservedConcurrency", "0");
        overrides.keySet().removeIf(name -> !template.parameters().containsKey(name));
        stack = ProvisionedStack.provision(template, overrides, new PseudoParameters(LocalRuntimeOptions.REGION,
                LocalRuntimeOptions.ACCOUNT_ID, LocalRuntimeOptions.STACK_NAME), clients);

        List<LocalFunction> loaded = new ArrayList<>();
        for (FunctionDefinition function : stack.functions()) {
            loaded.add(LocalFunction.load(function, functionEnvironment(function, awsEnv),
                    LocalRuntime.class.getClassLoader(), options.functionConcurrency()));
        }
        functions = new FunctionRegistry(loaded);
        started.push(() -> loaded.forEach(LocalFunction::close));

        Path lambdaDir = options.dataDir().resolve("lambda");
        Files.createDirectories(lambdaDir);
        AsyncInvoker asyncInvoker = new AsyncInvoker(functions, stack.asyncConfigs(), lambdaDir,
                options.asyncRetryDelays(), clients.sqs(), clients.sns());
        started.push(asyncInvoker);
        EventSourceMappings mappings = new EventSourceMappings(functions, services.sqsMessages(),
                LocalRuntimeOptions.REGION, lambdaDir);
        started.push(mappings);
        services.registerService("lambda", new LambdaApiService(mappings));
        for (EventSourceMappingDefinition mapping : stack.eventSourceMappings()) {
            mappings.ensure(mapping.eventSourceArn(), mapping.functionName(), mapping.batchSize(), mapping.enabled(),
                    mapping.reportBatchItemFailures(), mapping.maximumBatchingWindowInSeconds());
        }
        services.onObjectCreated(new S3NotificationDispatcher(stack.bucketNotifications(), asyncInvoker));

        ApiDefinition apiDefinition = stack.api().orElseThrow(() -> new TemplateException(
                "the template has no AWS::ApiGateway::RestApi; local mode needs one to serve the API"));
        // The template's usage plans and keys, and the tenants' keys the admin API creates through the control plane.
        UsagePlanStore usagePlans = new UsagePlanStore(options.dataDir().resolve("aws").resolve("apigateway"),
                Clock.systemUTC());
        usagePlans.applyTemplate(apiDefinition);
        services.registerService("apigateway", new ApiGatewayControlApi(usagePlans));
        try {
            api = ApiGatewayServer.start(apiDefinition, functions, options.apiPort(), LocalRuntimeOptions.REGION,
                    LocalRuntimeOptions.ACCOUNT_ID, usagePlans, services.edgeEndpoint());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the API on port " + options.apiPort()
                    + " (" + e.getMessage() + "); stop what uses it or choose another port with --port", e);
        }
        started.push(api);
        // The dashboard (served by the API port) may PUT to presigned URLs on the edge; no other page may call it.
        services.allowBrowserOrigin(api.endpoint());

        asyncInvoker.resumePending();
        mappings.startAll();
        ScheduleRunner schedules = new ScheduleRunner(services::scheduleRules, asyncInvoker,
                LocalRuntimeOptions.REGION, LocalRuntimeOptions.ACCOUNT_ID);
        started.push(schedules);
        schedules.start();

        if (options.createDemoTenant()) {
            demoTenantKey = demoTenant(secrets);
        }
    }

    /** What the runtime's own clients and every function get: region, the edge, dummy credentials. */
    private Map<String, String> awsEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(AwsClientSettings.REGION, LocalRuntimeOptions.REGION);
        env.put(AwsClientSettings.ENDPOINT_URL, services.edgeEndpoint().toString());
        // The edge only forwards DynamoDB; the functions call DynamoDB Local in process (LocalAwsServices).
        env.put(AwsClientSettings.SERVICE_ENDPOINT_PREFIX + AwsClientSettings.DYNAMODB,
                services.dynamoDbFunctionEndpoint().toString());
        // S3Proxy checks no signature; unsigned, an upload's body is not hashed for one (AwsClientSettings).
        env.put(AwsClientSettings.LOCAL_S3_UNSIGNED, "true");
        env.put(AwsClientSettings.ACCESS_KEY_ID, "local");
        env.put(AwsClientSettings.SECRET_ACCESS_KEY, "local");
        return env;
    }

    /** {@code awsEnv} with {@code serviceId}'s clients pointed at {@code endpoint}, for a client that skips the edge. */
    private static Map<String, String> withEndpoint(Map<String, String> awsEnv, String serviceId, URI endpoint) {
        Map<String, String> env = new LinkedHashMap<>(awsEnv);
        env.put(AwsClientSettings.SERVICE_ENDPOINT_PREFIX + serviceId, endpoint.toString());
        return env;
    }

    /** The template's environment plus local mode's overrides. */
    private Map<String, String> functionEnvironment(FunctionDefinition function, Map<String, String> awsEnv) {
        Map<String, String> env = new LinkedHashMap<>(function.environment());
        env.putAll(awsEnv);
        boolean realRekognition = options.analyzer() == LocalRuntimeOptions.Analyzer.REKOGNITION;
        env.put("ANALYZER_NAME", realRekognition ? "rekognition" : "local");
        // No CloudWatch locally: tenant DLQs get no alarm (their depth shows in the CLI and the tenants README).
        env.remove("ALARM_TOPIC_ARN");
        if (realRekognition) {
            env.put(AwsClientSettings.SERVICE_ENDPOINT_PREFIX + "REKOGNITION", AwsClientSettings.REAL_AWS);
        }
        // In AWS the authorizer reads the admin key from the stack's Secrets Manager secret; local mode has no
        // Secrets Manager, and keeps its generated key in the data directory, so it passes the key's hash instead.
        // The variable names are the tenants module's (docs/conventions.md); local/runtime does not import it.
        if (env.remove("ADMIN_KEY_SECRET_ID") != null) {
            env.put("ADMIN_KEY_SHA256", LocalSecrets.sha256Hex(adminKey));
        }
        return env;
    }

    private void mountLocalAnalyser(Map<String, String> awsEnv) {
        try {
            // The analyser reads S3Object images straight from S3Proxy: the edge would only forward the request.
            LocalAnalyzer analyser = LocalAnalyzer.create(options.knownFacesDir(), S3ImageFetcher.fromEnvironment(
                    withEndpoint(awsEnv, AwsClientSettings.S3, services.s3ProxyEndpoint())));
            started.push(analyser);
            services.registerService("rekognition", new RekognitionEndpoint(analyser));
            analyserAvailable = true;
        } catch (RuntimeException | LinkageError e) {
            // Never make up results: without the analyser, the reader's Rekognition calls fail and uploads are
            // recorded as rejected.
            LOG.error("The local analyser did not load ({}). The Rekognition endpoint is ABSENT: every upload will "
                    + "be rejected with ANALYSIS_FAILED. Rebuild the local/analyser module, or start with "
                    + "--analyzer=rekognition to use the real Rekognition.", e.toString());
        }
    }

    /** Onboards the demo tenant through the real admin API on first start; later starts reuse its stored key. */
    private String demoTenant(LocalSecrets secrets) {
        Optional<String> stored = secrets.demoTenantKey();
        if (stored.isPresent()) {
            return stored.get();
        }
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> created = http.send(adminRequest("/tenants")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"tenantId\":\"" + DEMO_TENANT
                            + "\",\"name\":\"Demo tenant\"}")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(created.body());
            if (created.statusCode() == 200) {
                // The tenant exists but its key is not stored here: issue a new one.
                HttpResponse<String> rotated = http.send(adminRequest("/tenants/" + DEMO_TENANT + "/keys")
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                body = JSON.readTree(rotated.body());
            } else if (created.statusCode() != 201) {
                throw new IllegalStateException("the admin API answered " + created.statusCode() + ": "
                        + created.body());
            }
            String key = body.path("apiKey").asText(null);
            if (key == null) {
                throw new IllegalStateException("the admin API returned no apiKey for the demo tenant");
            }
            secrets.storeDemoTenantKey(key);
            return key;
        } catch (IOException | RuntimeException e) {
            LOG.error("could not create the demo tenant: {}; create tenants with POST /tenants and the admin key",
                    e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private HttpRequest.Builder adminRequest(String path) {
        return HttpRequest.newBuilder(api.endpoint().resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json");
    }

    /** The API's base URL. */
    public URI apiEndpoint() {
        return api.endpoint();
    }

    /** The AWS edge endpoint every SDK client can use ({@code --endpoint-url}). */
    public URI edgeEndpoint() {
        return services.edgeEndpoint();
    }

    public String adminKey() {
        return adminKey;
    }

    /** The demo tenant's API key, when it was created (or found). */
    public Optional<String> demoTenantKey() {
        return Optional.ofNullable(demoTenantKey);
    }

    /** Whether the local analyser is mounted as the Rekognition endpoint. */
    public boolean analyserAvailable() {
        return analyserAvailable;
    }

    /** What was provisioned from the template. */
    public ProvisionedStack stack() {
        return stack;
    }

    public FunctionRegistry functions() {
        return functions;
    }

    public String region() {
        return LocalRuntimeOptions.REGION;
    }

    /** Stops everything in reverse start order: no new requests, running invocations finish, then the services. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
