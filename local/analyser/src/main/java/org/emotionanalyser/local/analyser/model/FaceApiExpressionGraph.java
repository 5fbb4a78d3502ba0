package org.emotionanalyser.local.analyser.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * face-api's {@code face_expression_model} ships as weights only (a weights manifest and a shard); its graph lives in
 * face-api's code. This class writes that graph as a TFJS graph-model JSON over the same weights, so
 * {@link TfjsGraphConverter} turns it into ONNX like every other model. The network (face-api 1.7.15,
 * {@code FaceFeatureExtractor} + {@code FaceExpressionNet}): four dense blocks on a 112 x 112 RGB input (each: a
 * stride-2 convolution, then three depthwise-separable convolutions whose outputs are summed densely, with ReLU),
 * a 7 x 7 average pool, a fully connected layer to seven classes and softmax. The input is expected already
 * normalised as face-api does: {@code (rgb - [122.782, 117.001, 104.298]) / 255}.
 */
final class FaceApiExpressionGraph {

    /** The graph's output: softmax over neutral, happy, sad, angry, fearful, disgusted, surprised. */
    static final String OUTPUT = "expressions";
    /** The one constant the graph adds to face-api's weights: the shape that flattens the pooled features. */
    private static final String FLATTEN_SHAPE = "flatten/shape";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArrayNode nodes = JSON.createArrayNode();

    private FaceApiExpressionGraph() {
    }

    /** The graph-model JSON for the manifest's weights, plus the bytes to append to the weight shard. */
    record Graph(byte[] modelJson, byte[] extraWeights) {
    }

    static Graph build(byte[] weightsManifest) {
        JsonNode manifest;
        try {
            manifest = JSON.readTree(weightsManifest);
        } catch (IOException e) {
            throw new ModelLoadException("The face-api weights manifest is not valid JSON; rebuild the analyser.", e);
        }
        FaceApiExpressionGraph graph = new FaceApiExpressionGraph();
        for (JsonNode group : manifest) {
            for (JsonNode weight : group.path("weights")) {
                graph.nodes.addObject().put("name", weight.path("name").asText()).put("op", "Const");
            }
        }
        graph.nodes.addObject().put("name", FLATTEN_SHAPE).put("op", "Const");
        ObjectNode input = graph.nodes.addObject().put("name", "input").put("op", "Placeholder");
        ArrayNode dims = input.putObject("attr").putObject("shape").putObject("shape").putArray("dim");
        for (int size : new int[] {-1, 112, 112, 3}) {
            dims.addObject().put("size", String.valueOf(size));
        }
        String features = "input";
        for (int block = 0; block < 4; block++) {
            features = graph.denseBlock("dense" + block, features, block == 0);
        }
        graph.node("pool", "AvgPool", List.of(features)).set("attr", attributes(new int[] {1, 7, 7, 1}, 2, "VALID"));
        graph.node("flatten", "Reshape", List.of("pool", FLATTEN_SHAPE));
        ObjectNode fc = graph.node("fc", "_FusedMatMul", List.of("flatten", "fc/weights", "fc/bias"));
        fused(fc.putObject("attr"), "BiasAdd");
        graph.node(OUTPUT, "Softmax", List.of("fc"));

        ObjectNode model = JSON.createObjectNode();
        model.putObject("modelTopology").set("node", graph.nodes);
        ArrayNode groups = ((ArrayNode) manifest).deepCopy();
        ObjectNode extra = groups.addObject();
        extra.putArray("paths");
        extra.putArray("weights").addObject().put("name", FLATTEN_SHAPE).put("dtype", "int32")
                .set("shape", JSON.createArrayNode().add(2));
        model.set("weightsManifest", groups);
        byte[] shape = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(-1).putInt(256).array();
        return new Graph(model.toString().getBytes(StandardCharsets.UTF_8), shape);
    }

    /** face-api's {@code denseBlock4}: out1 = relu(conv0), then out_k = sepconv(relu(sum of earlier outs)). */
    private String denseBlock(String block, String input, boolean firstLayer) {
        String out1;
        if (firstLayer) {
            out1 = block + "/out1";
            ObjectNode conv = node(out1, "_FusedConv2D", List.of(input, block + "/conv0/filters", block + "/conv0/bias"));
            ObjectNode attr = attributes(new int[] {1, 1, 1, 1}, 2, "SAME");
            fused(attr, "BiasAdd", "Relu");
            conv.set("attr", attr);
        } else {
            out1 = node(block + "/out1", "Relu", List.of(separable(block + "/conv0", input, 2))).path("name").asText();
        }
        String out2 = separable(block + "/conv1", out1, 1);
        String in3 = relu(block + "/in3", add(block + "/sum12", out1, out2));
        String out3 = separable(block + "/conv2", in3, 1);
        String sum123 = add(block + "/sum123", add(block + "/sum23", out2, out3), out1);
        String out4 = separable(block + "/conv3", relu(block + "/in4", sum123), 1);
        return relu(block + "/out", add(block + "/sum1234", sum123, out4));
    }

    /** tf.separableConv2d + bias: a depthwise 3 x 3 convolution with the stride, then a pointwise one. */
    private String separable(String conv, String input, int stride) {
        String depthwise = conv + "/depthwise";
        node(depthwise, "DepthwiseConv2dNative", List.of(input, conv + "/depthwise_filter"))
                .set("attr", attributes(new int[] {1, 1, 1, 1}, stride, "SAME"));
        ObjectNode pointwise = node(conv + "/pointwise", "_FusedConv2D",
                List.of(depthwise, conv + "/pointwise_filter", conv + "/bias"));
        ObjectNode attr = attributes(new int[] {1, 1, 1, 1}, 1, "SAME");
        fused(attr, "BiasAdd");
        pointwise.set("attr", attr);
        return conv + "/pointwise";
    }

    private String add(String name, String a, String b) {
        return node(name, "AddV2", List.of(a, b)).path("name").asText();
    }

    private String relu(String name, String input) {
        return node(name, "Relu", List.of(input)).path("name").asText();
    }

    private ObjectNode node(String name, String op, List<String> inputs) {
        ObjectNode node = nodes.addObject().put("name", name).put("op", op);
        ArrayNode in = node.putArray("input");
        inputs.forEach(in::add);
        return node;
    }

    /** strides, padding (and ksize for pools, when {@code ksize} is not all ones) as TFJS writes them. */
    private static ObjectNode attributes(int[] ksize, int stride, String padding) {
        ObjectNode attr = JSON.createObjectNode();
        ArrayNode strides = attr.putObject("strides").putObject("list").putArray("i");
        for (int s : new int[] {1, stride, stride, 1}) {
            strides.add(String.valueOf(s));
        }
        ArrayNode k = attr.putObject("ksize").putObject("list").putArray("i");
        for (int s : ksize) {
            k.add(String.valueOf(s));
        }
        attr.putObject("padding").put("s", Base64.getEncoder().encodeToString(padding.getBytes(StandardCharsets.US_ASCII)));
        return attr;
    }

    private static void fused(ObjectNode attr, String... ops) {
        ArrayNode list = attr.putObject("fused_ops").putObject("list").putArray("s");
        for (String op : ops) {
            list.add(Base64.getEncoder().encodeToString(op.getBytes(StandardCharsets.US_ASCII)));
        }
    }
}
