package org.emotionanalyser.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The CloudFormation resource specification as the AWS CDK is generated from it: the {@code db.json.gz} database of
 * the npm package {@code @aws-cdk/aws-service-spec}. Its {@code resource} table holds every resource type with its
 * properties (type, required), attributes; its {@code typeDefinition} table holds the nested property types that
 * properties point at with {@code {"type": "ref", "reference": {"$ref": id}}}.
 *
 * <p>Property types are {@code string, integer, number, boolean, date-time, json, tag}, {@code array} and {@code map}
 * (with an {@code element} type), {@code ref} (a type definition) and {@code union} (any of {@code types}); a
 * property may also list {@code previousTypes} it used to have.
 */
public final class ResourceSpecification {

    private static final String DATABASE_ENTRY = "package/db.json.gz";
    private static final int TAR_BLOCK = 512;

    private static volatile ResourceSpecification pinned;

    private final Map<String, JsonNode> resourceTypes = new HashMap<>();
    private final Map<String, JsonNode> typeDefinitions = new HashMap<>();

    private ResourceSpecification(JsonNode database) {
        JsonNode schema = database.path("schema");
        for (JsonNode resource : schema.path("resource").path("entities")) {
            resourceTypes.put(resource.path("cloudFormationType").asText(), resource);
        }
        for (JsonNode type : schema.path("typeDefinition").path("entities")) {
            typeDefinitions.put(type.path("$id").asText(), type);
        }
    }

    /**
     * The specification pinned by the build (system properties {@code aws.service.spec.tarball} and
     * {@code aws.service.spec.sha256}, set by the module's pom), loaded once per test JVM.
     */
    public static ResourceSpecification pinned() {
        ResourceSpecification spec = pinned;
        if (spec == null) {
            synchronized (ResourceSpecification.class) {
                if (pinned == null) {
                    String tarball = System.getProperty("aws.service.spec.tarball");
                    String sha256 = System.getProperty("aws.service.spec.sha256");
                    if (tarball == null || sha256 == null) {
                        throw new IllegalStateException("aws.service.spec.tarball/sha256 are not set; run the tests "
                                + "through Maven (mvn test in infra-cloudformation), which fetches the spec");
                    }
                    pinned = load(Path.of(tarball), sha256);
                }
                spec = pinned;
            }
        }
        return spec;
    }

    /**
     * Reads the database out of the npm tarball after checking the tarball's SHA-256.
     *
     * @throws IllegalStateException when the file is missing or is not the pinned one
     */
    public static ResourceSpecification load(Path tarball, String expectedSha256) {
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException(tarball + " is missing; delete it and run mvn test once online so the "
                    + "build can fetch @aws-cdk/aws-service-spec with npm pack");
        }
        try {
            byte[] bytes = Files.readAllBytes(tarball);
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            if (!actual.equalsIgnoreCase(expectedSha256)) {
                throw new IllegalStateException(tarball + " has SHA-256 " + actual + ", not the pinned "
                        + expectedSha256 + "; delete it so the build fetches it again, or update the pin in the pom "
                        + "together with aws.service.spec.version");
            }
            byte[] database = tarEntry(new GZIPInputStream(new ByteArrayInputStream(bytes)), DATABASE_ENTRY);
            try (InputStream json = new GZIPInputStream(new ByteArrayInputStream(database))) {
                return new ResourceSpecification(new ObjectMapper().readTree(json));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tarball, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The content of one file in a (ustar) tar stream. */
    private static byte[] tarEntry(InputStream tar, String wanted) throws IOException {
        while (true) {
            byte[] header = tar.readNBytes(TAR_BLOCK);
            if (header.length < TAR_BLOCK || header[0] == 0) {
                throw new IOException(wanted + " is not in the tarball");
            }
            String name = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            String path = prefix.isEmpty() ? name : prefix + "/" + name;
            long size = Long.parseLong(field(header, 124, 12).trim(), 8);
            long padded = (size + TAR_BLOCK - 1) / TAR_BLOCK * TAR_BLOCK;
            if (path.equals(wanted)) {
                byte[] content = tar.readNBytes((int) size);
                tar.skipNBytes(padded - size);
                return content;
            }
            tar.skipNBytes(padded);
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    /** How many resource types the database knows. */
    public int resourceTypeCount() {
        return resourceTypes.size();
    }

    /** A resource type's entry ({@code properties}, {@code attributes}, ...), if the type exists. */
    public Optional<JsonNode> resourceType(String cloudFormationType) {
        return Optional.ofNullable(resourceTypes.get(cloudFormationType));
    }

    /** A nested property type by its {@code $id}. */
    public JsonNode typeDefinition(String id) {
        JsonNode type = typeDefinitions.get(id);
        if (type == null) {
            throw new IllegalStateException("the specification refers to type " + id + " but does not define it");
        }
        return type;
    }
}
