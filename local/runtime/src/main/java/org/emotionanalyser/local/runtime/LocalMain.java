package org.emotionanalyser.local.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar emotion-analyser-local.jar [options]}: runs the whole pipeline on this machine until Ctrl-C.
 *
 * <pre>
 *   --data-dir DIR          state kept between runs (default ./local-data)
 *   --port N                API port (default 8080)
 *   --edge-port N           AWS edge endpoint port (default 4566)
 *   --analyzer local|rekognition
 *                           local ONNX models (default) or the real Rekognition with this machine's credentials
 *   --known-faces DIR       gallery of people to recognise, DIR/Person Name/*.jpg (default DATA_DIR/known-faces)
 *   --template FILE         CloudFormation template (default infra-cloudformation/template.yaml, else the bundled one)
 *   --concurrency N         invocations per function at once where the template reserves none (default: cores, min 2)
 * </pre>
 */
public final class LocalMain {

    private static final String BUNDLED_TEMPLATE = "/stack/template.yaml";
    /**
     * Below this the JIT's code cache fills under load: local mode compiles about 24,000 methods (some 45 MB with
     * C1 only) within minutes of a steady stream of uploads, and a full cache stops all further compilation, so code
     * that becomes hot later runs interpreted. With {@code -XX:TieredStopAtLevel=1} the JVM reserves only 48 MB.
     */
    static final long CODE_CACHE_ADVISED_BYTES = 128L * 1024 * 1024;

    private LocalMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> flags;
        try {
            flags = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        if (flags.containsKey("help")) {
            usage(System.out);
            return;
        }
        LocalRuntimeOptions options;
        try {
            options = options(flags);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        codeCacheAdvice(codeCacheBytes()).ifPresent(System.err::println);
        LocalRuntime runtime;
        try {
            runtime = LocalRuntime.start(options);
        } catch (RuntimeException e) {
            System.err.println("Local mode could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping...");
            runtime.close();
            stopped.countDown();
        }, "shutdown"));
        printBanner(runtime, options, System.out);
        stopped.await();
    }

    /** What this JVM reserves for compiled code: the sum of its code heaps' maximum sizes. */
    static long codeCacheBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.NON_HEAP && pool.getName().startsWith("Code"))
                .mapToLong(pool -> Math.max(0, pool.getUsage().getMax())).sum();
    }

    /** A warning, with the fix, when the code cache is too small for local mode's code; empty when it is not. */
    static Optional<String> codeCacheAdvice(long codeCacheBytes) {
        if (codeCacheBytes >= CODE_CACHE_ADVISED_BYTES) {
            return Optional.empty();
        }
        return Optional.of("Warning: this JVM reserves " + codeCacheBytes / (1024 * 1024) + " MB for compiled code; "
                + "local mode fills that under load and the JIT then stops compiling, so it slows down. Start it "
                + "with -XX:ReservedCodeCacheSize=240m as the README shows.");
    }

    static LocalRuntimeOptions options(Map<String, String> flags) {
        Path dataDir = Path.of(flags.getOrDefault("data-dir", "local-data")).toAbsolutePath().normalize();
        LocalRuntimeOptions defaults = LocalRuntimeOptions.defaults(dataDir, Path.of("template.yaml"));
        String analyzer = flags.getOrDefault("analyzer", "local").toUpperCase(Locale.ROOT);
        LocalRuntimeOptions.Analyzer chosen;
        try {
            chosen = LocalRuntimeOptions.Analyzer.valueOf(analyzer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--analyzer must be local or rekognition, not " + flags.get("analyzer"));
        }
        return new LocalRuntimeOptions(dataDir,
                port(flags, "port", defaults.apiPort()),
                port(flags, "edge-port", defaults.edgePort()),
                chosen,
                flags.containsKey("known-faces") ? Path.of(flags.get("known-faces")) : defaults.knownFacesDir(),
                template(flags, dataDir),
                defaults.asyncRetryDelays(),
                true,
                concurrency(flags));
    }

    private static int concurrency(Map<String, String> flags) {
        String value = flags.get("concurrency");
        if (value == null) {
            return LocalRuntimeOptions.defaultFunctionConcurrency();
        }
        try {
            int concurrency = Integer.parseInt(value);
            if (concurrency >= 1 && concurrency <= 1000) {
                return concurrency;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--concurrency must be a whole number from 1 to 1000, not " + value);
    }

    private static Path template(Map<String, String> flags, Path dataDir) {
        if (flags.containsKey("template")) {
            return Path.of(flags.get("template"));
        }
        Path inCheckout = Path.of("infra-cloudformation", "template.yaml");
        if (Files.isRegularFile(inCheckout)) {
            return inCheckout;
        }
        try (InputStream bundled = LocalMain.class.getResourceAsStream(BUNDLED_TEMPLATE)) {
            if (bundled == null) {
                throw new IllegalArgumentException("no template: run from the project's root folder, or pass "
                        + "--template path/to/template.yaml");
            }
            Files.createDirectories(dataDir);
            Path copy = dataDir.resolve("template.yaml");
            Files.copy(bundled, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the bundled template into " + dataDir, e);
        }
    }

    private static int port(Map<String, String> flags, String name, int fallback) {
        String value = flags.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a port number (0-65535), not " + value);
        }
    }

    /** {@code --name=value}, {@code --name value} and {@code --help}. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (name.equals("help")) {
                value = "";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!Set.of("data-dir", "port", "edge-port", "analyzer", "known-faces", "template", "help")
                    .contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            flags.put(name, value);
        }
        return flags;
    }

    private static void printBanner(LocalRuntime runtime, LocalRuntimeOptions options, PrintStream out) {
        out.println();
        out.println("emotion-analyser local mode is running (Ctrl-C stops it; data in " + options.dataDir() + ")");
        out.println("  API           " + runtime.apiEndpoint() + "   (dashboard: " + runtime.apiEndpoint() + "/)");
        out.println("  AWS endpoint  " + runtime.edgeEndpoint() + "   (region " + runtime.region()
                + ", any access key)");
        out.println("  admin key     " + runtime.adminKey());
        runtime.demoTenantKey().ifPresentOrElse(
                key -> out.println("  demo tenant   " + LocalRuntime.DEMO_TENANT + ", API key " + key),
                () -> out.println("  demo tenant   not available (see the log above)"));
        if (options.analyzer() == LocalRuntimeOptions.Analyzer.REKOGNITION) {
            out.println("  analyser      the real Rekognition, with this machine's AWS credentials");
        } else if (runtime.analyserAvailable()) {
            out.println("  analyser      local models; known faces in " + options.knownFacesDir());
        } else {
            out.println("  analyser      ABSENT: uploads will be rejected with ANALYSIS_FAILED (see the log above)");
        }
        out.println();
        out.println("  curl -X PUT -H 'Authorization: Bearer <key>' -H 'Content-Type: image/jpeg' \\");
        out.println("       --data-binary @photo.jpg " + runtime.apiEndpoint() + "/tenants/demo/images/photo.jpg");
        out.println();
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar emotion-analyser-local.jar [--data-dir DIR] [--port N] [--edge-port N]");
        out.println("                                           [--analyzer local|rekognition] [--known-faces DIR]");
        out.println("                                           [--template FILE] [--concurrency N]");
    }
}
