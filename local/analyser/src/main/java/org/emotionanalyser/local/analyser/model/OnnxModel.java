package org.emotionanalyser.local.analyser.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One face model, converted from its TFJS files on the classpath ({@code models/<name>.json} + shards) to ONNX when
 * created, and run with ONNX Runtime. Thread-safe: ONNX Runtime sessions allow concurrent {@code run} calls.
 */
public final class OnnxModel implements AutoCloseable {

    /** The output of {@link #faceApiExpressions()}: seven softmax scores per face. */
    public static final String FACE_API_EXPRESSIONS = FaceApiExpressionGraph.OUTPUT;

    private static OrtEnvironment sharedEnvironment;

    private final String name;
    private final List<String> outputs;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String inputName;

    /** One output: values in row-major order and the shape. */
    public record Output(float[] values, long[] shape) {
    }

    private OnnxModel(String name, List<String> outputs, OrtEnvironment environment, OrtSession session) throws OrtException {
        this.name = name;
        this.outputs = outputs;
        this.environment = environment;
        this.session = session;
        this.inputName = session.getInputNames().iterator().next();
    }

    /**
     * Loads {@code models/<name>.json} and its weights from the classpath and converts them.
     *
     * @param outputs TF node names whose values {@link #run} returns, in this order
     */
    public static OnnxModel fromClasspath(String name, List<String> outputs) {
        byte[] json = resource("models/" + name + ".json");
        ByteArrayOutputStream weights = new ByteArrayOutputStream();
        for (String path : TfjsGraphConverter.weightPaths(json)) {
            weights.writeBytes(resource("models/" + path));
        }
        return fromTfjs(name, json, weights.toByteArray(), outputs);
    }

    /**
     * Loads face-api's {@code face_expression_model} (weights only, {@code models/face_expression_model*}) with the
     * graph {@link FaceApiExpressionGraph} writes; its one output is {@link #FACE_API_EXPRESSIONS}.
     */
    public static OnnxModel faceApiExpressions() {
        String name = "face_expression_model";
        FaceApiExpressionGraph.Graph graph = FaceApiExpressionGraph.build(resource("models/" + name + "-weights_manifest.json"));
        ByteArrayOutputStream weights = new ByteArrayOutputStream();
        weights.writeBytes(resource("models/" + name + ".bin"));
        weights.writeBytes(graph.extraWeights());
        return fromTfjs(name, graph.modelJson(), weights.toByteArray(), List.of(FACE_API_EXPRESSIONS));
    }

    private static OnnxModel fromTfjs(String name, byte[] json, byte[] weights, List<String> outputs) {
        byte[] onnx = TfjsGraphConverter.convert(json, weights, outputs);
        try {
            OrtEnvironment environment = environment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                // Without this, idle worker threads spin between runs, which roughly doubles latency on small machines.
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                // One thread per run: requests run concurrently (the runtime invokes functions concurrently, the
                // HTTP endpoint serves one request per core), so splitting each run over every core as well would
                // oversubscribe the machine and make each request wait on the others' threads.
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                return new OnnxModel(name, List.copyOf(outputs), environment, environment.createSession(onnx, options));
            }
        } catch (OrtException e) {
            throw new ModelLoadException("ONNX Runtime rejected the converted " + name + " model: " + e.getMessage(), e);
        }
    }

    /**
     * ONNX Runtime 1.29's native initialisation needs more stack than a JVM thread's default 1 MB and crashes the
     * JVM (SIGSEGV, no Java exception) when first called from such a thread, e.g. a plain {@code java -jar} main.
     * So the shared environment is created once on a thread with a larger stack; later calls reuse it.
     */
    private static synchronized OrtEnvironment environment() {
        if (sharedEnvironment != null) {
            return sharedEnvironment;
        }
        OrtEnvironment[] created = new OrtEnvironment[1];
        RuntimeException[] failure = new RuntimeException[1];
        Thread init = new Thread(null, () -> {
            try {
                created[0] = OrtEnvironment.getEnvironment();
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "onnxruntime-init", 16L << 20);
        init.start();
        try {
            init.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelLoadException("Interrupted while starting ONNX Runtime.", e);
        }
        if (failure[0] != null) {
            throw new ModelLoadException("ONNX Runtime failed to start: " + failure[0].getMessage(), failure[0]);
        }
        sharedEnvironment = created[0];
        return sharedEnvironment;
    }

    /** Runs the model on one NHWC float input and returns the requested outputs by TF name. */
    public Map<String, Output> run(float[] input, long[] shape) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input), shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            Map<String, Output> values = new LinkedHashMap<>();
            for (String output : outputs) {
                OnnxTensor value = (OnnxTensor) result.get(output + ":out").orElseThrow();
                FloatBuffer buffer = value.getFloatBuffer();
                float[] floats = new float[buffer.remaining()];
                buffer.get(floats);
                values.put(output, new Output(floats, value.getInfo().getShape()));
            }
            return values;
        } catch (OrtException e) {
            throw new ModelLoadException("Running the " + name + " model failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new ModelLoadException("Closing the " + name + " model failed: " + e.getMessage(), e);
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = OnnxModel.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new ModelLoadException("The model file " + path + " is not on the classpath; build the analyser "
                        + "with Maven, which fetches the models into its jar.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ModelLoadException("Reading the model file " + path + " failed: " + e.getMessage(), e);
        }
    }
}
