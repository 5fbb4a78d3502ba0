package org.emotionanalyser.local.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The keys local mode keeps in its data directory, readable by the owner only: the admin API key (generated on
 * first start) and the demo tenant's key (as the admin API returned it).
 */
final class LocalSecrets {

    private static final String ADMIN_KEY_FILE = "admin-key";
    private static final String DEMO_KEY_FILE = "demo-tenant-key";

    private final Path dataDir;

    LocalSecrets(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** The admin key, generated and stored the first time. */
    String adminKey() {
        Optional<String> stored = read(ADMIN_KEY_FILE);
        if (stored.isPresent()) {
            return stored.get();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = "admin-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        write(ADMIN_KEY_FILE, key);
        return key;
    }

    Optional<String> demoTenantKey() {
        return read(DEMO_KEY_FILE);
    }

    void storeDemoTenantKey(String key) {
        write(DEMO_KEY_FILE, key);
    }

    /** Lower-case hex SHA-256, the form ADMIN_KEY_SHA256 takes. */
    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private Optional<String> read(String name) {
        Path file = dataDir.resolve(name);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file).strip()).filter(s -> !s.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + "; check its permissions", e);
        }
    }

    private void write(String name, String value) {
        Path file = dataDir.resolve(name);
        try {
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + "; check the data directory is writable", e);
        }
    }
}
