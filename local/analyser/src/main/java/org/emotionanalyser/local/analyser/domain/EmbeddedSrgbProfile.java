package org.emotionanalyser.local.analyser.domain;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drops a JPEG's embedded colour profile when that profile is sRGB, before the JDK's reader sees it.
 *
 * <p>Why: most cameras, phones and editors embed an sRGB profile (HP's "sRGB IEC61966-2.1" above all). The JDK's
 * JPEG reader then converts every pixel from that profile to its own sRGB through LittleCMS, building a new colour
 * transform per image: on a 1920 px group photo the decode took two to four times as long as without the profile,
 * for the same pixels (the conversion from one sRGB to the other changes no 8-bit value; {@code
 * EmbeddedSrgbProfileTest} checks it). A profile that is not sRGB (Display P3, Adobe RGB, linear, a look-up-table
 * profile, one that could not be read) is kept, and the reader converts its colours as before.
 *
 * <p>What counts as sRGB: an RGB matrix-and-curves profile with no look-up tables whose three colorants are within
 * {@value #COLORANT_TOLERANCE} of the JDK's sRGB profile's and whose three tone curves ({@code curv} tables or
 * gammas, or {@code para} functions) stay within {@value #CURVE_TOLERANCE} of the sRGB curve (as a fraction of full
 * scale, in linear light) at all 256 8-bit inputs. A profile is judged once per distinct profile: the verdicts of
 * the last {@value #REMEMBERED} profiles of at most {@value #MAX_PROFILE_BYTES} bytes are kept.
 */
final class EmbeddedSrgbProfile {

    static final double COLORANT_TOLERANCE = 0.001;
    static final double CURVE_TOLERANCE = 0.0005;
    static final int REMEMBERED = 32;
    /** sRGB profiles are a few kilobytes; anything larger is some other profile and is left alone. */
    static final int MAX_PROFILE_BYTES = 65_536;

    private static final int APP2 = 0xE2;
    private static final String ICC_IDENTIFIER = "ICC_PROFILE\0";
    /** {@code "ICC_PROFILE\0"}, then the chunk's number and the number of chunks, one byte each. */
    private static final int CHUNK_HEADER = ICC_IDENTIFIER.length() + 2;
    private static final int[] LOOK_UP_TABLE_TAGS = {ICC_Profile.icSigAToB0Tag, ICC_Profile.icSigAToB1Tag,
            ICC_Profile.icSigAToB2Tag, 0x44324230 /* D2B0 */};
    private static final int[] COLORANT_TAGS = {ICC_Profile.icSigRedColorantTag, ICC_Profile.icSigGreenColorantTag,
            ICC_Profile.icSigBlueColorantTag};
    private static final int[] CURVE_TAGS = {ICC_Profile.icSigRedTRCTag, ICC_Profile.icSigGreenTRCTag,
            ICC_Profile.icSigBlueTRCTag};

    private static final Map<ByteBuffer, Boolean> VERDICTS = new ConcurrentHashMap<>();
    private static volatile double[][] srgbColorants;

    private EmbeddedSrgbProfile() {
    }

    /**
     * {@code encoded} without its ICC profile segments when they hold an sRGB profile; otherwise {@code encoded}
     * itself (not a JPEG, no profile, another profile).
     */
    static byte[] removedFrom(byte[] encoded) {
        List<JpegSegments.Segment> chunks = new ArrayList<>();
        for (JpegSegments.Segment segment : JpegSegments.beforeFirstScan(encoded)) {
            if (segment.marker() == APP2 && segment.startsWith(encoded, ICC_IDENTIFIER)
                    && segment.end() - segment.contentStart() > CHUNK_HEADER) {
                chunks.add(segment);
            }
        }
        if (chunks.isEmpty()) {
            return encoded;
        }
        byte[] profile = profileOf(encoded, chunks);
        if (profile.length > MAX_PROFILE_BYTES || !isSrgb(profile)) {
            return encoded;
        }
        ByteArrayOutputStream without = new ByteArrayOutputStream(encoded.length);
        int copied = 0;
        for (JpegSegments.Segment chunk : chunks) {
            without.write(encoded, copied, chunk.start() - copied);
            copied = chunk.end();
        }
        without.write(encoded, copied, encoded.length - copied);
        return without.toByteArray();
    }

    /** The profile's bytes: the chunks' contents in the order of their numbers. */
    private static byte[] profileOf(byte[] encoded, List<JpegSegments.Segment> chunks) {
        List<JpegSegments.Segment> ordered = new ArrayList<>(chunks);
        ordered.sort(Comparator.comparingInt(chunk -> encoded[chunk.contentStart() + ICC_IDENTIFIER.length()] & 0xff));
        ByteArrayOutputStream profile = new ByteArrayOutputStream();
        for (JpegSegments.Segment chunk : ordered) {
            int from = chunk.contentStart() + CHUNK_HEADER;
            profile.write(encoded, from, chunk.end() - from);
        }
        return profile.toByteArray();
    }

    /** Whether the profile is sRGB, as the class comment defines it; remembered per distinct profile. */
    static boolean isSrgb(byte[] profile) {
        ByteBuffer key = ByteBuffer.wrap(profile);
        Boolean known = VERDICTS.get(key);
        if (known != null) {
            return known;
        }
        boolean verdict = judge(profile);
        if (VERDICTS.size() >= REMEMBERED) {
            VERDICTS.clear();
        }
        VERDICTS.put(key, verdict);
        return verdict;
    }

    private static boolean judge(byte[] profileBytes) {
        try {
            return judge(ICC_Profile.getInstance(profileBytes));
        } catch (RuntimeException unreadable) {
            // ICC_Profile refuses a damaged profile with one of several unchecked exceptions; the reader then sees
            // the profile as it is and decides for itself
            return false;
        }
    }

    private static boolean judge(ICC_Profile profile) {
        if (profile.getColorSpaceType() != ColorSpace.TYPE_RGB
                || profile.getPCSType() != ColorSpace.TYPE_XYZ) {
            return false;
        }
        for (int tag : LOOK_UP_TABLE_TAGS) {
            if (profile.getData(tag) != null) {
                return false;
            }
        }
        double[][] reference = srgbColorants();
        for (int channel = 0; channel < 3; channel++) {
            double[] colorant = xyz(profile.getData(COLORANT_TAGS[channel]));
            if (colorant == null) {
                return false;
            }
            for (int i = 0; i < 3; i++) {
                if (Math.abs(colorant[i] - reference[channel][i]) > COLORANT_TOLERANCE) {
                    return false;
                }
            }
            ToneCurve curve = ToneCurve.parse(profile.getData(CURVE_TAGS[channel]));
            if (curve == null) {
                return false;
            }
            for (int level = 0; level <= 255; level++) {
                double encoded = level / 255.0;
                if (Math.abs(curve.linear(encoded) - srgbToLinear(encoded)) > CURVE_TOLERANCE) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The JDK's own sRGB profile's colorants, the reference; read once. */
    private static double[][] srgbColorants() {
        double[][] colorants = srgbColorants;
        if (colorants == null) {
            ICC_Profile srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB);
            colorants = new double[3][];
            for (int channel = 0; channel < 3; channel++) {
                colorants[channel] = xyz(srgb.getData(COLORANT_TAGS[channel]));
            }
            srgbColorants = colorants;
        }
        return colorants;
    }

    /** The sRGB transfer function (IEC 61966-2-1), from encoded value to linear light, both 0..1. */
    static double srgbToLinear(double encoded) {
        return encoded <= 0.04045 ? encoded / 12.92 : Math.pow((encoded + 0.055) / 1.055, 2.4);
    }

    /** An {@code XYZ } tag's first value, or null when the tag is missing or of another type. */
    private static double[] xyz(byte[] tag) {
        if (tag == null || tag.length < 20 || !typeIs(tag, "XYZ ")) {
            return null;
        }
        ByteBuffer data = ByteBuffer.wrap(tag);
        return new double[] {s15Fixed16(data, 8), s15Fixed16(data, 12), s15Fixed16(data, 16)};
    }

    private static boolean typeIs(byte[] tag, String type) {
        for (int i = 0; i < 4; i++) {
            if (tag[i] != type.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static double s15Fixed16(ByteBuffer data, int at) {
        return data.getInt(at) / 65536.0;
    }

    /** A tone curve tag, {@code curv} (identity, gamma or table) or {@code para} (ICC function types 0-4). */
    private interface ToneCurve {

        /** Linear light for an encoded value, both 0..1. */
        double linear(double encoded);

        /** The curve, or null when the tag is missing, malformed or of another type. */
        static ToneCurve parse(byte[] tag) {
            if (tag == null || tag.length < 12) {
                return null;
            }
            ByteBuffer data = ByteBuffer.wrap(tag);
            if (typeIs(tag, "curv")) {
                long count = data.getInt(8) & 0xffffffffL;
                if (count == 0) {
                    return encoded -> encoded;
                }
                if (count == 1 && tag.length >= 14) {
                    double gamma = (data.getShort(12) & 0xffff) / 256.0;
                    return encoded -> Math.pow(encoded, gamma);
                }
                if (count > 1 && tag.length >= 12 + 2 * count) {
                    int entries = (int) count;
                    double[] table = new double[entries];
                    for (int i = 0; i < entries; i++) {
                        table[i] = (data.getShort(12 + 2 * i) & 0xffff) / 65535.0;
                    }
                    return encoded -> {
                        double position = encoded * (entries - 1);
                        int below = (int) Math.floor(position);
                        int above = Math.min(entries - 1, below + 1);
                        double fraction = position - below;
                        return table[below] * (1 - fraction) + table[above] * fraction;
                    };
                }
                return null;
            }
            if (typeIs(tag, "para")) {
                int function = data.getShort(8) & 0xffff;
                int[] parameterCounts = {1, 3, 4, 5, 7};
                if (function >= parameterCounts.length || tag.length < 12 + 4 * parameterCounts[function]) {
                    return null;
                }
                double[] p = new double[7];
                for (int i = 0; i < parameterCounts[function]; i++) {
                    p[i] = s15Fixed16(data, 12 + 4 * i);
                }
                double g = p[0];
                double a = p[1];
                double b = p[2];
                double c = p[3];
                double d = p[4];
                double e = p[5];
                double f = p[6];
                return switch (function) {
                    case 0 -> x -> Math.pow(x, g);
                    case 1 -> x -> x >= -b / a ? Math.pow(a * x + b, g) : 0;
                    case 2 -> x -> x >= -b / a ? Math.pow(a * x + b, g) + c : c;
                    case 3 -> x -> x >= d ? Math.pow(a * x + b, g) : c * x;
                    default -> x -> x >= d ? Math.pow(a * x + b, g) + e : c * x + f;
                };
            }
            return null;
        }
    }
}
