package org.emotionanalyser.local.analyser.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.emotionanalyser.local.analyser.domain.FaceAnalysisPipeline;
import org.emotionanalyser.local.analyser.domain.FaceGallery;
import org.emotionanalyser.local.analyser.domain.InvalidImageException;
import org.emotionanalyser.local.analyser.domain.RgbImage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The gallery of known people kept as photos on disk: {@code <folder>/<Person Name>/*.jpg|.jpeg|.png}. Each
 * person's embeddings are cached in {@code <Person Name>/.embeddings.json}, keyed by the SHA-256 of the photo, so a
 * restart does not re-run the models on photos it has seen.
 */
public final class KnownFacesFolder {

    /**
     * Cosine similarity a face needs to match a known person. Tuned on the sample photos: the same face mirrored
     * scored 0.88 or more, while the most similar two different people scored 0.71.
     */
    public static final double MATCH_THRESHOLD = 0.80;
    private static final String CACHE_FILE = ".embeddings.json";
    /** Part of every cache key: bump it when the embedding model or face crop changes, so old entries are ignored. */
    private static final String EMBEDDING_VERSION = "faceres-crop1.4:";
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} .'_-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(KnownFacesFolder.class.getName());

    private final Path folder;
    private final FaceAnalysisPipeline analyser;
    private volatile FaceGallery gallery;

    /** Reads (and embeds where not cached) every photo under {@code folder}, creating the folder if needed. */
    public KnownFacesFolder(Path folder, FaceAnalysisPipeline analyser) {
        this.folder = folder;
        this.analyser = analyser;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the known-faces folder " + folder, e);
        }
        this.gallery = load();
    }

    /** The gallery as of the last load or enrolment. */
    public FaceGallery gallery() {
        return gallery;
    }

    /**
     * Adds photos of a person (creating the person when new) and makes them recognisable at once.
     *
     * @throws InvalidEnrolmentException when the name is not a plain name or a photo has no detectable face
     */
    public synchronized void enrol(String name, List<byte[]> photos) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidEnrolmentException("Person name '" + name + "' must be 1-64 letters, digits, spaces or "
                    + ".'_- and start with a letter or digit.");
        }
        if (photos.isEmpty()) {
            throw new InvalidEnrolmentException("Give at least one photo of " + name + ".");
        }
        List<float[]> embeddings = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            RgbImage image;
            try {
                image = RgbImage.decode(photos.get(i));
            } catch (InvalidImageException e) {
                throw new InvalidEnrolmentException("Photo " + (i + 1) + " of " + name + " is not a JPEG or PNG image.");
            }
            int number = i + 1;
            embeddings.add(analyser.embedLargestFace(image).orElseThrow(() -> new InvalidEnrolmentException(
                    "Photo " + number + " of " + name + " shows no face the detector finds; use a clear, frontal photo.")));
        }
        Path personFolder = folder.resolve(name);
        try {
            Files.createDirectories(personFolder);
            ObjectNode cache = readCache(personFolder);
            for (int i = 0; i < photos.size(); i++) {
                byte[] photo = photos.get(i);
                String hash = sha256(photo);
                String extension = photo.length > 1 && (photo[0] & 0xff) == 0x89 && photo[1] == 'P' ? ".png" : ".jpg";
                Files.write(personFolder.resolve(hash.substring(0, 16) + extension), photo);
                cache.put(EMBEDDING_VERSION + hash, encode(embeddings.get(i)));
            }
            writeCache(personFolder, cache);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write photos of " + name + " into " + personFolder, e);
        }
        gallery = load();
    }

    private FaceGallery load() {
        List<FaceGallery.Entry> entries = new ArrayList<>();
        try (Stream<Path> people = Files.list(folder)) {
            for (Path person : people.filter(Files::isDirectory).sorted().toList()) {
                entries.addAll(loadPerson(person));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the known-faces folder " + folder, e);
        }
        return new FaceGallery(entries, MATCH_THRESHOLD);
    }

    private List<FaceGallery.Entry> loadPerson(Path person) throws IOException {
        String name = person.getFileName().toString();
        String id = sha256(name.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        ObjectNode cache = readCache(person);
        boolean changed = false;
        List<FaceGallery.Entry> entries = new ArrayList<>();
        List<Path> photos;
        try (Stream<Path> files = Files.list(person)) {
            photos = files.filter(KnownFacesFolder::isPhoto).sorted().toList();
        }
        for (Path photo : photos) {
            byte[] bytes = Files.readAllBytes(photo);
            String hash = EMBEDDING_VERSION + sha256(bytes);
            Optional<float[]> embedding;
            if (cache.has(hash)) {
                embedding = Optional.of(decode(cache.get(hash).asText()));
            } else {
                try {
                    embedding = analyser.embedLargestFace(RgbImage.decode(bytes));
                } catch (InvalidImageException e) {
                    embedding = Optional.empty();
                }
                if (embedding.isEmpty()) {
                    LOG.log(Level.WARNING, "Skipping {0}: no face found; replace it with a clear, frontal photo.", photo);
                    continue;
                }
                cache.put(hash, encode(embedding.get()));
                changed = true;
            }
            entries.add(new FaceGallery.Entry(name, id, embedding.get()));
        }
        if (changed) {
            writeCache(person, cache);
        }
        return entries;
    }

    private static boolean isPhoto(Path path) {
        String file = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(path) && (file.endsWith(".jpg") || file.endsWith(".jpeg") || file.endsWith(".png"));
    }

    private static ObjectNode readCache(Path person) throws IOException {
        Path cache = person.resolve(CACHE_FILE);
        if (Files.exists(cache)) {
            try {
                JsonNode node = JSON.readTree(cache.toFile());
                if (node instanceof ObjectNode object) {
                    return object;
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Ignoring the unreadable embedding cache {0}; it will be rebuilt.", cache);
            }
        }
        return JSON.createObjectNode();
    }

    private static void writeCache(Path person, ObjectNode cache) throws IOException {
        Path temporary = person.resolve(CACHE_FILE + ".tmp");
        JSON.writeValue(temporary.toFile(), cache);
        Files.move(temporary, person.resolve(CACHE_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String encode(float[] embedding) {
        ByteBuffer buffer = ByteBuffer.allocate(embedding.length * 4);
        buffer.asFloatBuffer().put(embedding);
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    private static float[] decode(String encoded) {
        ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(encoded));
        float[] embedding = new float[buffer.remaining() / 4];
        buffer.asFloatBuffer().get(embedding);
        return embedding;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
