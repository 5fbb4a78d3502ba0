package org.emotionanalyser.local.runtime;

import org.emotionanalyser.local.runtime.lambda.FunctionDefinition;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.emotionanalyser.router.domain.TenantResourceNames;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Benchmark main, not a test: the cold start of the reader and the tenant consumer, each in a fresh JVM whose
 * class path is the function's Lambda jar, against a running local stack (real S3 object, local analyser,
 * EventBridge, DynamoDB Local, SNS), beside a naive build of the same handlers in the same run, and the jar sizes.
 *
 * <p>Two builds of each handler: ours (the functions' own jars: one URL-connection HTTP client with timeouts,
 * explicit region and credentials, no unused HTTP client in the jar) and naive (the naive-lambda profile's
 * {@code naive-lambda} jars: the same handler and use case over clients from their builders' defaults, in a fat jar
 * that keeps the SDK's default HTTP clients). Both get the function's template environment as a map and as the
 * child's process environment, so the naive clients find the local endpoint through {@code AWS_ENDPOINT_URL}. Each
 * handler and build runs {@code --runs} times (default 3), interleaved (the build that goes first alternates), with
 * the JVM's defaults and with {@code -XX:TieredStopAtLevel=1} (C1 only, the flag AWS suggests for Java cold starts);
 * medians printed. {@link ColdStartProbe} does the runtime's part in the child JVM.
 */
public final class ColdStartBenchmark {

    private static final String TENANT = "cold-start";
    private static final Path NAIVE_JARS = Path.of("src/bench/naive-lambda");

    /** One build of both handlers: where its jars are and which handler classes they hold. */
    private record Build(String name, Path readerJar, String readerHandler, Path consumerJar, String consumerHandler) {
    }

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length >= 2 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 3;
        String serialization = Arrays.stream(Files.readString(Path.of("target/bench.classpath")).trim().split(":"))
                .filter(p -> p.contains("aws-lambda-java-serialization")).findFirst().orElseThrow();
        Path work = Files.createTempDirectory("cold-start-benchmark");
        LocalRuntimeOptions options = LocalPipelineIntegrationTest.projectStack(work.resolve("data"), false);
        try (LocalRuntime runtime = LocalRuntime.start(options);
             TestAwsClients aws = new TestAwsClients(runtime)) {
            PipelineClient client = new PipelineClient(runtime.apiEndpoint(), runtime.adminKey());
            String key = client.createTenant(TENANT);
            // one upload through the whole pipeline first: the stack is provisioned and warm
            String imageId = client.upload(TENANT, key, PipelineClient.photo("sample1.jpg"));
            client.awaitAnalysed(TENANT, key, imageId, Duration.ofMinutes(5));
            byte[] photo = Files.readAllBytes(PipelineClient.photo("sample1.jpg"));

            FunctionDefinition reader = function(runtime, "ReaderFunction");
            FunctionDefinition consumer = function(runtime, "TenantConsumerFunction");
            List<Build> builds = List.of(
                    new Build("ours", lambdaJar(Path.of("../../ingest/target")), reader.handlerClass(),
                            lambdaJar(Path.of("../../tenants/target")), consumer.handlerClass()),
                    new Build("naive", lambdaJar(NAIVE_JARS.resolve("reader/target")),
                            "org.emotionanalyser.bench.naive.NaiveReaderHandler",
                            lambdaJar(NAIVE_JARS.resolve("consumer/target")),
                            "org.emotionanalyser.bench.naive.NaiveConsumerHandler"));
            Map<String, String> readerEnv = environment(reader, runtime);
            Map<String, String> consumerEnv = environment(consumer, runtime);
            Path readerEnvFile = store(work.resolve("reader.properties"), readerEnv);
            Path consumerEnvFile = store(work.resolve("consumer.properties"), consumerEnv);
            String bucket = reader.environment().get("UPLOAD_BUCKET");

            System.out.printf("| handler | build | JVM flags | JVM to main (ms) | init (ms) | first invocation (ms) | "
                    + "cold total (ms) | warm invocation (ms) | Lambda jar (MB) |%n"
                    + "|---|---|---|---|---|---|---|---|---|%n");
            for (String flags : List.of("", "-XX:TieredStopAtLevel=1")) {
                Map<String, List<ColdStartPhases>> readerRuns = new LinkedHashMap<>();
                Map<String, List<ColdStartPhases>> consumerRuns = new LinkedHashMap<>();
                for (Build build : builds) {
                    readerRuns.put(build.name(), new ArrayList<>());
                    consumerRuns.put(build.name(), new ArrayList<>());
                }
                for (int run = 0; run < runs; run++) {
                    List<Build> order = new ArrayList<>(builds);
                    if (run % 2 == 1) {
                        Collections.reverse(order);
                    }
                    for (Build build : order) {
                        String objectKey = "uploads/" + TENANT + "/probe-" + UUID.randomUUID() + ".jpg";
                        aws.s3().putObject(b -> b.bucket(bucket).key(objectKey).contentType("image/jpeg"),
                                RequestBody.fromBytes(photo));
                        Path s3Event = Files.writeString(work.resolve("s3-event.json"), s3Event(bucket, objectKey,
                                photo.length, runtime.region()));
                        readerRuns.get(build.name()).add(probe(build.readerJar(), serialization,
                                build.readerHandler(), s3Event, readerEnvFile, readerEnv, flags));
                    }
                    for (Build build : order) {
                        Path sqsEvent = Files.writeString(work.resolve("sqs-event.json"), sqsEvent(runtime.region(),
                                consumerEnv.get("RESOURCE_PREFIX")));
                        consumerRuns.get(build.name()).add(probe(build.consumerJar(), serialization,
                                build.consumerHandler(), sqsEvent, consumerEnvFile, consumerEnv, flags));
                    }
                }
                for (Build build : builds) {
                    row("reader", build.name(), flags, readerRuns.get(build.name()), build.readerJar());
                }
                for (Build build : builds) {
                    row("tenant consumer", build.name(), flags, consumerRuns.get(build.name()), build.consumerJar());
                }
            }
        } finally {
            PipelineBenchmark.deleteQuietly(work);
        }
        System.exit(0);
    }

    private static Path lambdaJar(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            throw new IllegalStateException("no " + target + "; build with local/runtime/src/bench/run.sh "
                    + "ColdStartBenchmark, which builds the functions' jars and the naive-lambda profile's jars");
        }
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-lambda.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Lambda jar in " + target
                            + "; build with local/runtime/src/bench/run.sh ColdStartBenchmark"));
        }
    }

    private static FunctionDefinition function(LocalRuntime runtime, String logicalId) {
        return runtime.stack().functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + logicalId + " in the template"));
    }

    /** The function's template environment pointed at the local stack, as the local runtime gives it. */
    private static Map<String, String> environment(FunctionDefinition function, LocalRuntime runtime) {
        Map<String, String> env = new LinkedHashMap<>(function.environment());
        env.put(AwsClientSettings.REGION, runtime.region());
        env.put(AwsClientSettings.ENDPOINT_URL, runtime.edgeEndpoint().toString());
        env.put(AwsClientSettings.ACCESS_KEY_ID, "local");
        env.put(AwsClientSettings.SECRET_ACCESS_KEY, "local");
        env.put("ANALYZER_NAME", "local");
        return env;
    }

    private static Path store(Path file, Map<String, String> env) throws IOException {
        Properties properties = new Properties();
        properties.putAll(env);
        try (var out = Files.newOutputStream(file)) {
            properties.store(out, null);
        }
        return file;
    }

    private static ColdStartPhases probe(Path jar, String serialization, String handler, Path event, Path envFile,
                                         Map<String, String> env, String flags) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g"));
        if (!flags.isEmpty()) {
            command.add(flags);
        }
        command.addAll(List.of("-cp", jar + ":" + serialization + ":target/test-classes",
                ColdStartProbe.class.getName(), handler, event.toString(), envFile.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // As in Lambda, the function's variables are the process environment too (the naive clients read them).
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(handler + " probe failed:\n" + output);
        }
        if (handler.endsWith("ReaderHandler") && !output.contains("\"outcome\":\"ImageAnalyzed\"")) {
            throw new IllegalStateException(handler + " probe did not analyse the photo:\n" + output);
        }
        try {
            return ColdStartPhases.parse(output);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(handler + " probe: " + e.getMessage() + "\n" + output, e);
        }
    }

    private static void row(String handler, String build, String flags, List<ColdStartPhases> runs, Path jar)
            throws IOException {
        ColdStartPhases median = ColdStartPhases.median(runs);
        System.out.printf("| %s | %s | %s | %d | %d | %d | %d | %d | %.1f |%n", handler, build,
                flags.isEmpty() ? "defaults" : flags, median.jvmToMain(), median.init(), median.firstInvocation(),
                median.coldTotal(), median.warmInvocation(), Files.size(jar) / 1e6);
    }

    private static String s3Event(String bucket, String key, long size, String region) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"%s",
                "eventTime":"2026-12-02T21:00:00.000Z","eventName":"ObjectCreated:Put",
                "userIdentity":{"principalId":"local"},"requestParameters":{"sourceIPAddress":"127.0.0.1"},
                "responseElements":{"x-amz-request-id":"probe","x-amz-id-2":"probe"},
                "s3":{"s3SchemaVersion":"1.0","configurationId":"probe",
                "bucket":{"name":"%s","ownerIdentity":{"principalId":"local"},"arn":"arn:aws:s3:::%s"},
                "object":{"key":"%s","size":%d,"eTag":"%s","sequencer":"0"}}}]}
                """.formatted(region, bucket, bucket, key, size, UUID.randomUUID().toString().replace("-", ""));
    }

    /**
     * The tenants module's SQS fixture for an ImageAnalyzed event, re-addressed to this tenant and its own queue
     * (the consumer refuses an event from another tenant's queue) with a new id. Each replaced text must be in the
     * fixture: a replacement that silently missed would time a rejected message instead of a recorded one.
     */
    private static String sqsEvent(String region, String resourcePrefix) throws IOException {
        String fixture = Files.readString(Path.of("../../tenants/src/test/resources/events/sqs-image-analyzed.json"));
        String queue = TenantResourceNames.of(resourcePrefix, TENANT).queueName();
        fixture = replace(fixture, "3f2a9c4e8b7d4a1f9e0c6b5a4d3c2b1a", UUID.randomUUID().toString().replace("-", ""));
        fixture = replace(fixture, "arn:aws:sqs:eu-west-1:123456789012:emotion-analyser-test-tenant_acme",
                "arn:aws:sqs:" + region + ":000000000000:" + queue);
        fixture = replace(fixture, "\\\"tenantId\\\":\\\"acme\\\"", "\\\"tenantId\\\":\\\"" + TENANT + "\\\"");
        return replace(fixture, "uploads/acme/", "uploads/" + TENANT + "/");
    }

    private static String replace(String text, String target, String replacement) {
        if (!text.contains(target)) {
            throw new IllegalStateException("the SQS fixture no longer contains " + target + "; update sqsEvent");
        }
        return text.replace(target, replacement);
    }
}
