package org.emotionanalyser.local.analyser.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/** Decodes the weights of a TFJS model: float32, int32, and float16 / uint8 / uint16 quantised values. */
final class TfjsWeights {

    /** A decoded constant: shape plus values as float (and as int for integer constants). */
    record Weight(long[] shape, float[] floats, int[] ints) {
    }

    private TfjsWeights() {
    }

    /** The weights a manifest describes, decoded from the concatenated shards, by name. */
    static Map<String, Weight> decode(JsonNode manifest, byte[] data) {
        Map<String, Weight> decoded = new HashMap<>();
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode group : manifest) {
            for (JsonNode spec : group.path("weights")) {
                JsonNode dims = spec.path("shape");
                long[] shape = new long[dims.size()];
                int count = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = dims.get(i).asLong();
                    count *= (int) shape[i];
                }
                String dtype = spec.path("dtype").asText();
                JsonNode quantization = spec.path("quantization");
                float[] floats = new float[count];
                int[] ints = null;
                if (quantization.isObject()) {
                    String stored = quantization.path("dtype").asText();
                    for (int i = 0; i < count; i++) {
                        floats[i] = switch (stored) {
                            case "float16" -> halfToFloat(buffer.getShort());
                            case "uint8" -> (buffer.get() & 0xff) * (float) quantization.path("scale").asDouble()
                                    + (float) quantization.path("min").asDouble();
                            case "uint16" -> (buffer.getShort() & 0xffff) * (float) quantization.path("scale").asDouble()
                                    + (float) quantization.path("min").asDouble();
                            default -> throw new ModelLoadException("Weight quantization " + stored + " is not supported.");
                        };
                    }
                } else if (dtype.equals("float32")) {
                    for (int i = 0; i < count; i++) {
                        floats[i] = buffer.getFloat();
                    }
                } else if (dtype.equals("int32")) {
                    ints = new int[count];
                    for (int i = 0; i < count; i++) {
                        ints[i] = buffer.getInt();
                        floats[i] = ints[i];
                    }
                } else {
                    throw new ModelLoadException("Weight dtype " + dtype + " of " + spec.path("name").asText() + " is not supported.");
                }
                decoded.put(spec.path("name").asText(), new Weight(shape, floats, ints));
            }
        }
        if (buffer.hasRemaining()) {
            throw new ModelLoadException("The weight file is longer than the manifest describes; rebuild the analyser.");
        }
        return decoded;
    }

    /** IEEE 754 half precision to float (Float.float16ToFloat needs Java 20). */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            if (mantissa == 0) {
                return Float.intBitsToFloat(sign);
            }
            float value = mantissa / 1024f / 16384f; // subnormal: mantissa * 2^-24
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
