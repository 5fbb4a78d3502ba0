package org.emotionanalyser.router.testing;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Small files whose headers declare enormous pictures, written byte by byte so that making them never allocates
 * the picture: the inputs every layer must refuse from the header, before decoding a pixel. Shared by the
 * reader's, the analyser's and the local runtime's tests.
 */
public final class OversizedImages {

    private OversizedImages() {
    }

    /**
     * An ordinary 8-bit greyscale PNG of {@code width x height} black pixels; 20000x20000 is about 400 KB, and
     * decoding it as RGB floats would need 4.8 GB.
     */
    public static byte[] png(int width, int height) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", header.array());
        // each row: filter byte 0 and width zero samples, deflated as a stream so no row set is ever held
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] row = new byte[width + 1];
        byte[] buffer = new byte[64 * 1024];
        for (int y = 0; y < height; y++) {
            deflater.setInput(row);
            while (!deflater.needsInput()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        chunk(png, "IDAT", compressed.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** A small real JPEG whose start-of-frame header is patched to declare {@code width x height}. */
    public static byte[] jpegDeclaring(int width, int height) {
        BufferedImage small = new BufferedImage(96, 96, BufferedImage.TYPE_3BYTE_BGR);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(small, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jpeg = out.toByteArray();
        for (int i = 2; i + 9 < jpeg.length; i++) {
            int marker = jpeg[i + 1] & 0xff;
            if ((jpeg[i] & 0xff) == 0xff && (marker == 0xc0 || marker == 0xc1 || marker == 0xc2)) {
                // FFCn, length (2), precision (1), height (2), width (2)
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new IllegalStateException("the JDK's JPEG writer wrote no start-of-frame marker");
    }

    /**
     * An animated GIF (looping, {@code frames} frames) whose logical screen and every frame are
     * {@code width x height}; each frame's data is an empty LZW stream, so the file is a few dozen bytes.
     */
    public static byte[] animatedGif(int width, int height, int frames) {
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        gif.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
        littleEndian(gif, width);
        littleEndian(gif, height);
        gif.writeBytes(new byte[]{(byte) 0x80, 0, 0}); // global colour table of 2 entries
        gif.writeBytes(new byte[]{0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        gif.writeBytes(new byte[]{0x21, (byte) 0xff, 0x0b});
        gif.writeBytes("NETSCAPE2.0".getBytes(StandardCharsets.US_ASCII));
        gif.writeBytes(new byte[]{0x03, 0x01, 0x00, 0x00, 0x00}); // loop forever
        for (int frame = 0; frame < frames; frame++) {
            gif.writeBytes(new byte[]{0x21, (byte) 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00}); // 0.1 s delay
            gif.write(0x2c);
            littleEndian(gif, 0);
            littleEndian(gif, 0);
            littleEndian(gif, width);
            littleEndian(gif, height);
            gif.write(0);
            // LZW minimum code size 2; one sub-block holding the clear code and the end code (3 bits each)
            gif.writeBytes(new byte[]{0x02, 0x01, 0x2c, 0x00});
        }
        gif.write(0x3b);
        return gif.toByteArray();
    }

    private static void littleEndian(ByteArrayOutputStream out, int value) {
        out.write(value & 0xff);
        out.write((value >> 8) & 0xff);
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(name);
        png.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
