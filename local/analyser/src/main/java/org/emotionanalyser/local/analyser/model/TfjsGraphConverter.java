package org.emotionanalyser.local.analyser.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emotionanalyser.local.analyser.model.OnnxGraphBuilder.Attribute;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts a TensorFlow.js graph model (model JSON + weights) into ONNX model bytes that ONNX Runtime can run.
 *
 * <p>Tensors stay in TensorFlow's NHWC layout; each convolution, pooling and resize is wrapped in a pair of
 * Transposes to ONNX's NCHW layout (ONNX Runtime's optimiser cancels the back-to-back pairs). Only the part of the
 * graph that feeds the requested outputs is converted, so post-processing ops after a cut are never needed. The
 * supported ops are those the bundled face models use; any other op fails the conversion by name.
 */
public final class TfjsGraphConverter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long[] TO_NCHW = {0, 3, 1, 2};
    private static final long[] TO_NHWC = {0, 2, 3, 1};

    private final Map<String, JsonNode> nodesByName = new LinkedHashMap<>();
    private final Map<String, TfjsWeights.Weight> weights;
    private final OnnxGraphBuilder onnx = new OnnxGraphBuilder();
    private final Map<String, String> converted = new HashMap<>();
    private final Set<String> initialised = new HashSet<>();

    private TfjsGraphConverter(JsonNode model, byte[] weightData) {
        for (JsonNode node : model.path("modelTopology").path("node")) {
            nodesByName.put(node.path("name").asText(), node);
        }
        this.weights = TfjsWeights.decode(model.path("weightsManifest"), weightData);
    }

    /**
     * Converts a model.
     *
     * @param modelJson  the TFJS {@code model.json} bytes
     * @param weightData the concatenated weight shards, in manifest order
     * @param outputs    TF node names to expose as ONNX outputs (same names)
     */
    public static byte[] convert(byte[] modelJson, byte[] weightData, List<String> outputs) {
        JsonNode model;
        try {
            model = JSON.readTree(modelJson);
        } catch (IOException e) {
            throw new ModelLoadException("The TFJS model JSON is not valid JSON; rebuild the analyser to re-extract it.", e);
        }
        return new TfjsGraphConverter(model, weightData).convert(outputs);
    }

    /** The names of the weight shard files of a model, in the order their bytes must be concatenated. */
    public static List<String> weightPaths(byte[] modelJson) {
        try {
            List<String> paths = new ArrayList<>();
            for (JsonNode group : JSON.readTree(modelJson).path("weightsManifest")) {
                group.path("paths").forEach(p -> paths.add(p.asText()));
            }
            return paths;
        } catch (IOException e) {
            throw new ModelLoadException("The TFJS model JSON is not valid JSON; rebuild the analyser to re-extract it.", e);
        }
    }

    private byte[] convert(List<String> outputs) {
        for (String output : outputs) {
            String value = valueOf(output);
            onnx.node("Identity", output + ":out", List.of(value));
            onnx.floatOutput(output + ":out");
        }
        return onnx.toModelBytes("converted");
    }

    /** Converts a TF value reference ({@code node}, {@code node:1}) and everything it depends on. */
    private String valueOf(String reference) {
        String name = reference.startsWith("^") ? reference.substring(1) : reference;
        int colon = name.lastIndexOf(':');
        if (colon > 0 && !name.substring(colon + 1).equals("0")) {
            throw new ModelLoadException("Output " + name + " of a multi-output op is not supported by the converter.");
        }
        String nodeName = colon > 0 ? name.substring(0, colon) : name;
        String done = converted.get(nodeName);
        if (done != null) {
            return done;
        }
        JsonNode node = nodesByName.get(nodeName);
        if (node == null) {
            throw new ModelLoadException("The model refers to a missing node " + nodeName + ".");
        }
        String value = convertNode(nodeName, node);
        converted.put(nodeName, value);
        return value;
    }

    private String convertNode(String name, JsonNode node) {
        String op = node.path("op").asText();
        List<String> in = new ArrayList<>();
        node.path("input").forEach(i -> {
            if (!i.asText().startsWith("^")) {
                in.add(i.asText());
            }
        });
        switch (op) {
            case "Placeholder" -> {
                JsonNode dims = node.path("attr").path("shape").path("shape").path("dim");
                long[] shape = new long[dims.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = dims.get(i).path("size").asLong();
                }
                onnx.floatInput(name, shape);
                return name;
            }
            case "Const" -> {
                return floatConstant(name);
            }
            case "Identity" -> {
                return valueOf(in.get(0));
            }
            case "Conv2D", "_FusedConv2D" -> {
                return convolution(name, node, in, false);
            }
            case "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative" -> {
                return convolution(name, node, in, true);
            }
            case "MaxPool", "AvgPool" -> {
                String nchw = onnx.node("Transpose", name + "/nchw", List.of(valueOf(in.get(0))), Attribute.ints("perm", TO_NCHW));
                String pooled = onnx.node(op.equals("MaxPool") ? "MaxPool" : "AveragePool", name + "/pool", List.of(nchw),
                        Attribute.ints("kernel_shape", spatial(node, "ksize")),
                        Attribute.ints("strides", spatial(node, "strides")),
                        Attribute.text("auto_pad", autoPad(node)));
                return onnx.node("Transpose", name, List.of(pooled), Attribute.ints("perm", TO_NHWC));
            }
            case "Add", "AddV2" -> {
                return binary("Add", name, in);
            }
            case "Sub" -> {
                return binary("Sub", name, in);
            }
            case "Mul" -> {
                return binary("Mul", name, in);
            }
            case "RealDiv" -> {
                return binary("Div", name, in);
            }
            case "Maximum" -> {
                return binary("Max", name, in);
            }
            case "Minimum" -> {
                return binary("Min", name, in);
            }
            case "Relu", "Sigmoid", "Tanh" -> {
                return onnx.node(op, name, List.of(valueOf(in.get(0))));
            }
            case "Relu6" -> {
                return relu6(name, valueOf(in.get(0)));
            }
            case "Softmax" -> {
                return onnx.node("Softmax", name, List.of(valueOf(in.get(0))), Attribute.integer("axis", -1));
            }
            case "Mean" -> {
                return onnx.node("ReduceMean", name, List.of(valueOf(in.get(0))),
                        Attribute.ints("axes", toLongs(intConstant(in.get(1)))),
                        Attribute.integer("keepdims", node.path("attr").path("keep_dims").path("b").asBoolean(false) ? 1 : 0));
            }
            case "Pad" -> {
                int[] paddings = intConstant(in.get(1));
                int rank = paddings.length / 2;
                long[] pads = new long[paddings.length];
                for (int i = 0; i < rank; i++) {
                    pads[i] = paddings[2 * i];
                    pads[rank + i] = paddings[2 * i + 1];
                }
                onnx.int64Initializer(name + "/pads", pads);
                return onnx.node("Pad", name, List.of(valueOf(in.get(0)), name + "/pads"));
            }
            case "Reshape" -> {
                onnx.int64Initializer(name + "/shape", toLongs(intConstant(in.get(1))));
                return onnx.node("Reshape", name, List.of(valueOf(in.get(0)), name + "/shape"));
            }
            case "ConcatV2" -> {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < in.size() - 1; i++) {
                    parts.add(valueOf(in.get(i)));
                }
                return onnx.node("Concat", name, parts, Attribute.integer("axis", intConstant(in.get(in.size() - 1))[0]));
            }
            case "ResizeBilinear" -> {
                return resizeBilinear(name, node, in);
            }
            case "_FusedMatMul", "MatMul" -> {
                return matMul(name, node, in);
            }
            default -> throw new ModelLoadException("The TFJS op " + op + " (node " + name + ") is not supported by the converter.");
        }
    }

    private String convolution(String name, JsonNode node, List<String> in, boolean depthwise) {
        TfjsWeights.Weight filter = weight(in.get(1));
        long kh = filter.shape()[0];
        long kw = filter.shape()[1];
        long cin = filter.shape()[2];
        long cout = filter.shape()[3];
        float[] oihw = new float[filter.floats().length];
        long[] onnxShape;
        if (depthwise) {
            // TF depthwise [H, W, C, M] -> ONNX grouped conv [C*M, 1, H, W]
            for (int h = 0; h < kh; h++) {
                for (int w = 0; w < kw; w++) {
                    for (int c = 0; c < cin; c++) {
                        for (int m = 0; m < cout; m++) {
                            int o = (int) (c * cout + m);
                            oihw[(int) ((o * kh + h) * kw + w)] = filter.floats()[(int) (((h * kw + w) * cin + c) * cout + m)];
                        }
                    }
                }
            }
            onnxShape = new long[] {cin * cout, 1, kh, kw};
        } else {
            // TF [H, W, I, O] -> ONNX [O, I, H, W]
            for (int h = 0; h < kh; h++) {
                for (int w = 0; w < kw; w++) {
                    for (int i = 0; i < cin; i++) {
                        for (int o = 0; o < cout; o++) {
                            oihw[(int) (((o * cin + i) * kh + h) * kw + w)] = filter.floats()[(int) (((h * kw + w) * cin + i) * cout + o)];
                        }
                    }
                }
            }
            onnxShape = new long[] {cout, cin, kh, kw};
        }
        String filterName = name + "/filter";
        onnx.floatInitializer(filterName, onnxShape, oihw);
        List<String> fused = fusedOps(node);
        List<String> convInputs = new ArrayList<>(List.of(
                onnx.node("Transpose", name + "/nchw", List.of(valueOf(in.get(0))), Attribute.ints("perm", TO_NCHW)),
                filterName));
        if (!fused.isEmpty()) {
            if (!fused.get(0).equals("BiasAdd")) {
                throw new ModelLoadException("Fused op " + fused.get(0) + " in " + name + " is not supported by the converter.");
            }
            convInputs.add(floatConstant(in.get(2)));
        }
        String conv = onnx.node("Conv", name + "/conv", convInputs,
                Attribute.ints("strides", spatial(node, "strides")),
                Attribute.ints("dilations", dilations(node)),
                Attribute.integer("group", depthwise ? cin : 1),
                Attribute.text("auto_pad", autoPad(node)));
        String nhwc = onnx.node("Transpose", name + (fused.size() > 1 ? "/nhwc" : ""), List.of(conv), Attribute.ints("perm", TO_NHWC));
        return fused.size() > 1 ? activation(name, fused.get(1), nhwc) : nhwc;
    }

    private String matMul(String name, JsonNode node, List<String> in) {
        JsonNode attr = node.path("attr");
        String product = onnx.node("Gemm", name + "/gemm", List.of(valueOf(in.get(0)), valueOf(in.get(1)),
                        in.size() > 2 ? valueOf(in.get(2)) : ""),
                Attribute.integer("transA", attr.path("transpose_a").path("b").asBoolean(false) ? 1 : 0),
                Attribute.integer("transB", attr.path("transpose_b").path("b").asBoolean(false) ? 1 : 0));
        List<String> fused = fusedOps(node);
        if (fused.size() > 1) {
            return activation(name, fused.get(1), product);
        }
        return onnx.node("Identity", name, List.of(product));
    }

    private String resizeBilinear(String name, JsonNode node, List<String> in) {
        JsonNode attr = node.path("attr");
        boolean alignCorners = attr.path("align_corners").path("b").asBoolean(false);
        boolean halfPixel = attr.path("half_pixel_centers").path("b").asBoolean(false);
        String mode = alignCorners ? "align_corners" : halfPixel ? "half_pixel" : "asymmetric";
        int[] size = intConstant(in.get(1));
        String nchw = onnx.node("Transpose", name + "/nchw", List.of(valueOf(in.get(0))), Attribute.ints("perm", TO_NCHW));
        String shape = onnx.node("Shape", name + "/shape", List.of(nchw));
        onnx.int64Initializer(name + "/starts", new long[] {0});
        onnx.int64Initializer(name + "/ends", new long[] {2});
        String batchAndChannels = onnx.node("Slice", name + "/nc", List.of(shape, name + "/starts", name + "/ends"));
        onnx.int64Initializer(name + "/hw", new long[] {size[0], size[1]});
        String sizes = onnx.node("Concat", name + "/sizes", List.of(batchAndChannels, name + "/hw"), Attribute.integer("axis", 0));
        String resized = onnx.node("Resize", name + "/resize", List.of(nchw, "", "", sizes),
                Attribute.text("mode", "linear"), Attribute.text("coordinate_transformation_mode", mode));
        return onnx.node("Transpose", name, List.of(resized), Attribute.ints("perm", TO_NHWC));
    }

    private String binary(String onnxOp, String name, List<String> in) {
        return onnx.node(onnxOp, name, List.of(valueOf(in.get(0)), valueOf(in.get(1))));
    }

    private String activation(String name, String op, String input) {
        return switch (op) {
            case "Relu" -> onnx.node("Relu", name, List.of(input));
            case "Relu6" -> relu6(name, input);
            case "Sigmoid" -> onnx.node("Sigmoid", name, List.of(input));
            default -> throw new ModelLoadException("Fused activation " + op + " in " + name + " is not supported by the converter.");
        };
    }

    private String relu6(String name, String input) {
        if (initialised.add("relu6/min")) {
            onnx.floatInitializer("relu6/min", new long[0], new float[] {0f});
            onnx.floatInitializer("relu6/max", new long[0], new float[] {6f});
        }
        return onnx.node("Clip", name, List.of(input, "relu6/min", "relu6/max"));
    }

    private String floatConstant(String reference) {
        String name = reference.contains(":") ? reference.substring(0, reference.lastIndexOf(':')) : reference;
        if (initialised.add(name)) {
            TfjsWeights.Weight w = weight(name);
            onnx.floatInitializer(name, w.shape(), w.floats());
        }
        return name;
    }

    private int[] intConstant(String reference) {
        TfjsWeights.Weight w = weight(reference);
        if (w.ints() != null) {
            return w.ints();
        }
        int[] values = new int[w.floats().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.round(w.floats()[i]);
        }
        return values;
    }

    private TfjsWeights.Weight weight(String reference) {
        String name = reference.contains(":") ? reference.substring(0, reference.lastIndexOf(':')) : reference;
        JsonNode node = nodesByName.get(name);
        if (node != null && node.path("op").asText().equals("Identity")) {
            return weight(node.path("input").get(0).asText());
        }
        TfjsWeights.Weight w = weights.get(name);
        if (w == null) {
            throw new ModelLoadException("The model needs the constant " + name + " but its weights do not hold it.");
        }
        return w;
    }

    private static List<String> fusedOps(JsonNode node) {
        List<String> ops = new ArrayList<>();
        node.path("attr").path("fused_ops").path("list").path("s")
                .forEach(s -> ops.add(new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8)));
        return ops;
    }

    private static String autoPad(JsonNode node) {
        String padding = new String(Base64.getDecoder().decode(node.path("attr").path("padding").path("s").asText()),
                StandardCharsets.UTF_8);
        return switch (padding) {
            case "SAME" -> "SAME_UPPER"; // TF puts the odd extra pixel at the end, as SAME_UPPER does
            case "VALID" -> "VALID";
            default -> throw new ModelLoadException("Padding " + padding + " is not supported by the converter.");
        };
    }

    private static long[] spatial(JsonNode node, String attribute) {
        JsonNode values = node.path("attr").path(attribute).path("list").path("i");
        return new long[] {values.get(1).asLong(), values.get(2).asLong()};
    }

    private static long[] dilations(JsonNode node) {
        JsonNode values = node.path("attr").path("dilations").path("list").path("i");
        return values.size() == 4 ? new long[] {values.get(1).asLong(), values.get(2).asLong()} : new long[] {1, 1};
    }

    private static long[] toLongs(int[] values) {
        long[] longs = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = values[i];
        }
        return longs;
    }
}
