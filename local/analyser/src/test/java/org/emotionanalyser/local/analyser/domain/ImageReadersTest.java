package org.emotionanalyser.local.analyser.domain;

import org.emotionanalyser.local.analyser.TestPhotos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.emotionanalyser.local.analyser.api.BoundedImageDecoder;
import org.emotionanalyser.local.analyser.api.InvalidImageFormatException;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageInputStreamSpi;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The analyser decodes with the JDK's readers whatever else is registered: in local mode (and in these tests)
 * TwelveMonkeys' JPEG reader is registered ahead of the JDK's. Here a stand-in reader that answers every JPEG with
 * an 8x8 image of one colour is put ahead of both.
 */
class ImageReadersTest {

    private static final Color STAND_IN_COLOUR = new Color(1, 2, 3);
    private static final Color PHOTO_COLOUR = new Color(200, 40, 90);
    private final StandInJpegReaderSpi standIn = new StandInJpegReaderSpi();
    /** Makes the stand-in throw what a reader may throw on a damaged file. */
    private static volatile boolean standInThrows;

    @BeforeEach
    void registerTheStandInAheadOfTheJdksReader() {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        registry.registerServiceProvider(standIn, ImageReaderSpi.class);
        Iterator<ImageReaderSpi> providers = registry.getServiceProviders(ImageReaderSpi.class, true);
        while (providers.hasNext()) {
            ImageReaderSpi provider = providers.next();
            // ahead of every other reader (TwelveMonkeys' too, which the tests have on the classpath as local mode)
            if (provider != standIn) {
                registry.setOrdering(ImageReaderSpi.class, standIn, provider);
            }
        }
    }

    @AfterEach
    void deregister() {
        standInThrows = false;
        IIORegistry.getDefaultInstance().deregisterServiceProvider(standIn, ImageReaderSpi.class);
    }

    @Test
    void jdkFirst_whenAnotherReaderIsRegisteredAhead_ordersTheJdksReaderFirst() throws IOException {
        byte[] jpeg = jpeg(96, 64);
        assertThat(ImageIO.getImageReaders(ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))).next()
                .getOriginatingProvider())
                .as("the stand-in is what ImageIO offers first").isSameAs(standIn);

        List<ImageReader> readers = ImageReaders.jdkFirst(jpeg);

        assertThat(readers).hasSizeGreaterThanOrEqualTo(2);
        assertThat(readers.get(0).getClass().getName()).startsWith("com.sun.imageio.plugins.jpeg");
        assertThat(readers.subList(1, readers.size())).extracting(ImageReader::getOriginatingProvider)
                .contains(standIn);
    }

    @Test
    void decode_whenAnotherReaderIsRegisteredAhead_decodesThePhotosOwnPixels() {
        byte[] jpeg = jpeg(96, 64);

        RgbImage unbounded = RgbImage.decode(jpeg);
        RgbImage bounded = new BoundedImageDecoder().decode(jpeg, "DetectFaces");

        for (RgbImage image : List.of(unbounded, bounded)) {
            assertThat(image.width()).isEqualTo(96);
            assertThat(image.height()).isEqualTo(64);
            assertThat(image.at(48, 32, 0)).isCloseTo(PHOTO_COLOUR.getRed(), within(4f));
        }
    }

    @Test
    void decode_whenTheJdksReaderRefusesTheImage_decodesWithTheNextReader() {
        byte[] twelveBit = twelveBitPrecision(jpeg(96, 64));

        RgbImage unbounded = RgbImage.decode(twelveBit);
        RgbImage bounded = new BoundedImageDecoder().decode(twelveBit, "DetectFaces");

        for (RgbImage image : List.of(unbounded, bounded)) {
            assertThat(image.width()).isEqualTo(8);
            assertThat(image.at(4, 4, 2)).isEqualTo(STAND_IN_COLOUR.getBlue());
        }
    }

    @Test
    void decode_whenAReaderThrowsAnUncheckedException_refusesTheImageAsUnreadable() {
        byte[] twelveBit = twelveBitPrecision(jpeg(96, 64));
        standInThrows = true;

        assertThatThrownBy(() -> RgbImage.decode(twelveBit)).isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("could not be decoded");
        assertThatThrownBy(() -> new BoundedImageDecoder().decode(twelveBit, "DetectFaces"))
                .isInstanceOf(InvalidImageFormatException.class).hasMessageContaining("could not be decoded");
    }

    @Test
    void read_whenImageIoMayCacheStreamsOnDisk_writesNoTemporaryFile(@TempDir Path cache) throws IOException {
        boolean usedCache = ImageIO.getUseCache();
        File cacheDirectory = ImageIO.getCacheDirectory();
        ImageIO.setUseCache(true);
        ImageIO.setCacheDirectory(cache.toFile());
        // Only the JDK's stream providers, as for the analyser without TwelveMonkeys on the classpath: the JDK's
        // provider for an InputStream copies it into a temporary file while ImageIO's disk cache is on (its default).
        IIORegistry registry = IIORegistry.getDefaultInstance();
        List<ImageInputStreamSpi> others = new ArrayList<>();
        registry.getServiceProviders(ImageInputStreamSpi.class, true).forEachRemaining(provider -> {
            if (!provider.getClass().getName().startsWith("com.sun.imageio.")) {
                others.add(provider);
            }
        });
        others.forEach(provider -> registry.deregisterServiceProvider(provider, ImageInputStreamSpi.class));
        try {
            List<String> filesWhileReading = ImageReaders.read(jpeg(96, 64), reader -> {
                reader.read(0);
                try (Stream<Path> files = Files.list(cache)) {
                    return files.map(file -> file.getFileName().toString()).toList();
                }
            }).orElseThrow();

            assertThat(filesWhileReading).as("files ImageIO's disk cache made for the decode").isEmpty();
        } finally {
            others.forEach(provider -> registry.registerServiceProvider(provider, ImageInputStreamSpi.class));
            ImageIO.setUseCache(usedCache);
            ImageIO.setCacheDirectory(cacheDirectory);
        }
    }

    private static byte[] jpeg(int width, int height) {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = picture.createGraphics();
        graphics.setColor(PHOTO_COLOUR);
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        return TestPhotos.jpeg(picture);
    }

    /** The JPEG with its frame header declaring 12-bit samples, which the JDK's reader refuses. */
    private static byte[] twelveBitPrecision(byte[] jpeg) {
        byte[] patched = jpeg.clone();
        for (int i = 2; i + 4 < patched.length; i++) {
            if ((patched[i] & 0xff) == 0xFF && (patched[i + 1] & 0xff) == 0xC0) {
                patched[i + 4] = 12;
                return patched;
            }
        }
        throw new IllegalStateException("no baseline frame header");
    }

    private static final class StandInJpegReaderSpi extends ImageReaderSpi {
        StandInJpegReaderSpi() {
            super("emotion-analyser tests", "1", new String[] {"jpeg"}, new String[] {"jpg"},
                    new String[] {"image/jpeg"}, StandInJpegReader.class.getName(),
                    new Class<?>[] {ImageInputStream.class}, null, false, null, null, null, null, false, null, null,
                    null, null);
        }

        @Override
        public boolean canDecodeInput(Object source) throws IOException {
            ImageInputStream input = (ImageInputStream) source;
            input.mark();
            try {
                return input.read() == 0xFF && input.read() == 0xD8;
            } finally {
                input.reset();
            }
        }

        @Override
        public ImageReader createReaderInstance(Object extension) {
            return new StandInJpegReader(this);
        }

        @Override
        public String getDescription(Locale locale) {
            return "a JPEG reader that answers one colour";
        }
    }

    private static final class StandInJpegReader extends ImageReader {
        StandInJpegReader(ImageReaderSpi provider) {
            super(provider);
        }

        @Override
        public int getNumImages(boolean allowSearch) {
            return 1;
        }

        @Override
        public int getWidth(int imageIndex) {
            return 8;
        }

        @Override
        public int getHeight(int imageIndex) {
            return 8;
        }

        @Override
        public Iterator<ImageTypeSpecifier> getImageTypes(int imageIndex) {
            return List.of(ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_3BYTE_BGR)).iterator();
        }

        @Override
        public IIOMetadata getStreamMetadata() {
            return null;
        }

        @Override
        public IIOMetadata getImageMetadata(int imageIndex) {
            return null;
        }

        @Override
        public BufferedImage read(int imageIndex, ImageReadParam param) throws IIOException {
            if (standInThrows) {
                throw new IllegalStateException("damaged data");
            }
            BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D graphics = image.createGraphics();
            graphics.setColor(STAND_IN_COLOUR);
            graphics.fillRect(0, 0, 8, 8);
            graphics.dispose();
            return image;
        }
    }
}
