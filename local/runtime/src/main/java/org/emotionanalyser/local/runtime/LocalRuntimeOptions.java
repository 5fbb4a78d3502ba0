package org.emotionanalyser.local.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the local runtime starts.
 *
 * @param dataDir           where everything is kept between runs (tables, queues, objects, keys, mappings)
 * @param apiPort           the API Gateway emulation's port; 0 for a free one
 * @param edgePort          the AWS edge endpoint's port; 0 for a free one
 * @param analyzer          which face analyser the reader calls
 * @param knownFacesDir     the local analyser's gallery ({@code <Person Name>/*.jpg})
 * @param template          the CloudFormation template the stack is provisioned from
 * @param asyncRetryDelays  delays before the retries of a failed asynchronous invocation
 * @param createDemoTenant  whether to onboard the {@code demo} tenant on first start
 * @param functionConcurrency invocations each function runs at once when the template reserves no concurrency
 */
public record LocalRuntimeOptions(Path dataDir, int apiPort, int edgePort, Analyzer analyzer, Path knownFacesDir,
                                  Path template, List<Duration> asyncRetryDelays, boolean createDemoTenant,
                                  int functionConcurrency) {

    /** With the default function concurrency. */
    public LocalRuntimeOptions(Path dataDir, int apiPort, int edgePort, Analyzer analyzer, Path knownFacesDir,
                               Path template, List<Duration> asyncRetryDelays, boolean createDemoTenant) {
        this(dataDir, apiPort, edgePort, analyzer, knownFacesDir, template, asyncRetryDelays, createDemoTenant,
                defaultFunctionConcurrency());
    }

    /**
     * One invocation per core, at least two: the analyser runs each request on one core, so this keeps every core
     * busy without queueing more work than the machine can run.
     */
    public static int defaultFunctionConcurrency() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String STACK_NAME = "emotion-analyser-local";
    /** The template's Stage parameter locally; resource names become {@code emotion-analyser-local-...}. */
    public static final String STAGE = "local";

    /** Which face analyser the reader calls. */
    public enum Analyzer {
        /** The local analyser (ONNX models) mounted on the edge as Rekognition. */
        LOCAL,
        /** The real Rekognition, with the machine's AWS credentials. */
        REKOGNITION
    }

    public LocalRuntimeOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(analyzer, "analyzer");
        Objects.requireNonNull(knownFacesDir, "knownFacesDir");
        Objects.requireNonNull(template, "template");
        asyncRetryDelays = List.copyOf(asyncRetryDelays);
        if (functionConcurrency < 1) {
            throw new IllegalArgumentException("functionConcurrency must be 1 or more, not " + functionConcurrency);
        }
    }

    /** Defaults: ports 8080 and 4566, local analyser, known faces and template under their usual paths. */
    public static LocalRuntimeOptions defaults(Path dataDir, Path template) {
        return new LocalRuntimeOptions(dataDir, 8080, 4566, Analyzer.LOCAL, dataDir.resolve("known-faces"), template,
                List.of(Duration.ofSeconds(5), Duration.ofSeconds(10)), true);
    }
}
