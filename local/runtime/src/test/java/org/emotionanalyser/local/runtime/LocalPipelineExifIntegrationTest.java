package org.emotionanalyser.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A phone photo as phones store it: the pixels sideways, with EXIF Orientation 6 saying "turn 90 degrees clockwise".
 * Through the whole local pipeline, with the template's default Person gate (90), the photo of three clearly
 * visible people is analysed with all three faces — the local analyser honours the orientation as Rekognition does,
 * and reports a visible person's confidence on Rekognition's scale, above the gate.
 */
class LocalPipelineExifIntegrationTest {

    @TempDir
    static Path dataDir;
    private static LocalRuntime runtime;
    private static PipelineClient client;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalPipelineIntegrationTest.projectStack(dataDir.resolve("data"), false));
        client = new PipelineClient(runtime.apiEndpoint(), runtime.adminKey());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void upload_whenGroupPhotoIsStoredSidewaysWithExifOrientation_expectAnalysedWithAllItsFaces() throws Exception {
        // sample1.jpg: three people, upright; stored turned 90 degrees counter-clockwise + Orientation 6
        BufferedImage upright = ImageIO.read(PipelineClient.photo("sample1.jpg").toFile());
        Path sideways = dataDir.resolve("sideways-group.jpg");
        Files.write(sideways, withOrientation6(jpeg(turnedCounterClockwise(upright))));
        String key = client.createTenant("exif");

        String imageId = client.upload("exif", key, sideways);
        JsonNode image = client.awaitAnalysed("exif", key, imageId, Duration.ofSeconds(120));

        assertThat(image.path("faceCount").asInt()).as("faces of the sideways group photo: %s", image).isEqualTo(3);
    }

    private static BufferedImage turnedCounterClockwise(BufferedImage image) {
        BufferedImage turned = new BufferedImage(image.getHeight(), image.getWidth(), BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                turned.setRGB(y, image.getWidth() - 1 - x, image.getRGB(x, y));
            }
        }
        return turned;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    /** The JPEG with an APP1 Exif segment right after SOI: big-endian TIFF, IFD0 with one entry, Orientation = 6. */
    private static byte[] withOrientation6(byte[] jpeg) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, // header, IFD0 at offset 8
                0, 1, // one entry
                0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, // Orientation, SHORT, count 1, value 6
                0, 0, 0, 0}; // no next IFD
        byte[] exif = new byte[6 + tiff.length];
        System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, exif, 0, 6);
        System.arraycopy(tiff, 0, exif, 6, tiff.length);
        int length = exif.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.write(exif, 0, exif.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
