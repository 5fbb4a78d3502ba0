package org.emotionanalyser.local.analyser.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an ONNX model (opset 13) and serialises it as {@code ModelProto} bytes. Field numbers follow the public
 * {@code onnx.proto}; only the messages a converted inference graph needs are written.
 */
final class OnnxGraphBuilder {

    static final int OPSET = 13;
    private static final long IR_VERSION = 7;
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private static final int ATTRIBUTE_FLOAT = 1;
    private static final int ATTRIBUTE_INT = 2;
    private static final int ATTRIBUTE_STRING = 3;
    private static final int ATTRIBUTE_INTS = 7;

    private final List<ProtobufWriter> nodes = new ArrayList<>();
    private final List<ProtobufWriter> initializers = new ArrayList<>();
    private final List<ProtobufWriter> inputs = new ArrayList<>();
    private final List<ProtobufWriter> outputs = new ArrayList<>();
    private int nodeCount;

    /** One node attribute; build with the static factories. */
    record Attribute(String name, ProtobufWriter message) {

        static Attribute ints(String name, long... values) {
            return new Attribute(name, new ProtobufWriter().string(1, name).int64s(8, values).int64(20, ATTRIBUTE_INTS));
        }

        static Attribute integer(String name, long value) {
            return new Attribute(name, new ProtobufWriter().string(1, name).int64(3, value).int64(20, ATTRIBUTE_INT));
        }

        static Attribute real(String name, float value) {
            return new Attribute(name, new ProtobufWriter().string(1, name).float32(2, value).int64(20, ATTRIBUTE_FLOAT));
        }

        static Attribute text(String name, String value) {
            return new Attribute(name, new ProtobufWriter().string(1, name).string(4, value).int64(20, ATTRIBUTE_STRING));
        }
    }

    /** Adds a float graph input; a negative dimension becomes a named dynamic dimension. */
    void floatInput(String name, long[] shape) {
        ProtobufWriter dims = new ProtobufWriter();
        for (long d : shape) {
            dims.message(1, d < 0 ? new ProtobufWriter().string(2, "batch") : new ProtobufWriter().int64(1, d));
        }
        ProtobufWriter tensorType = new ProtobufWriter().int64(1, FLOAT).message(2, dims);
        inputs.add(new ProtobufWriter().string(1, name).message(2, new ProtobufWriter().message(1, tensorType)));
    }

    /** Adds a float graph output of unspecified shape. */
    void floatOutput(String name) {
        ProtobufWriter tensorType = new ProtobufWriter().int64(1, FLOAT);
        outputs.add(new ProtobufWriter().string(1, name).message(2, new ProtobufWriter().message(1, tensorType)));
    }

    void floatInitializer(String name, long[] shape, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        initializers.add(new ProtobufWriter().int64s(1, shape).int64(2, FLOAT).string(8, name).bytes(9, raw.array()));
    }

    void int64Initializer(String name, long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        initializers.add(new ProtobufWriter().int64s(1, new long[] {values.length}).int64(2, INT64).string(8, name)
                .bytes(9, raw.array()));
    }

    /** Adds a node with one output and returns that output's name. */
    String node(String opType, String output, List<String> nodeInputs, Attribute... attributes) {
        ProtobufWriter node = new ProtobufWriter();
        for (String input : nodeInputs) {
            node.string(1, input);
        }
        node.string(2, output).string(3, opType + "_" + nodeCount++).string(4, opType);
        for (Attribute attribute : attributes) {
            node.message(5, attribute.message());
        }
        nodes.add(node);
        return output;
    }

    byte[] toModelBytes(String graphName) {
        ProtobufWriter graph = new ProtobufWriter();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, graphName);
        initializers.forEach(i -> graph.message(5, i));
        inputs.forEach(i -> graph.message(11, i));
        outputs.forEach(o -> graph.message(12, o));
        return new ProtobufWriter()
                .int64(1, IR_VERSION)
                .string(2, "emotion-analyser tfjs converter")
                .message(7, graph)
                .message(8, new ProtobufWriter().string(1, "").int64(2, OPSET))
                .toByteArray();
    }
}
