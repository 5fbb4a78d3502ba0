package org.emotionanalyser.local.runtime.s3;

import org.emotionanalyser.lambdasupport.concurrent.DaemonThreads;
import org.emotionanalyser.local.runtime.edge.EdgeService;
import org.emotionanalyser.local.runtime.edge.HttpForwarder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * S3Proxy on a filesystem store, listening on loopback, announcing every object write as the S3 event notification
 * S3 would send. Signatures are not checked (any key works); aws-chunked bodies with checksum trailers, multipart
 * uploads and presigned URLs work as on S3. Bucket lifecycle configurations, which S3Proxy lacks, are answered by
 * {@link S3LifecycleApi} in front of it and applied by {@link S3LifecycleSweeper}.
 */
public final class S3Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3Server.class);

    private static final long START_TIMEOUT_NANOS = 30_000_000_000L;

    private final S3Proxy proxy;
    private final BlobStore store;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier;
    private final S3LifecycleConfigurations lifecycles;
    private S3LifecycleSweeper sweeper;
    /** The edge's kept-alive connections to S3Proxy; closed before it stops, which waits for open connections. */
    private final HttpForwarder forwarder;

    private S3Server(Path directory, Path lifecycleDirectory, String region) throws Exception {
        Files.createDirectories(directory);
        // Beside the objects, not among them: S3Proxy would take a directory in its root for a bucket.
        lifecycles = new S3LifecycleConfigurations(lifecycleDirectory);
        notifier = Executors.newSingleThreadExecutor(DaemonThreads.named("local-s3-notifications"));
        store = new NotifyingBlobStore(new FilesystemNio2BlobStore(directory.toAbsolutePath().toString()),
                new S3EventNotifications(region), this::publish);
        proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .ignoreUnknownHeaders(true)
                .jettyMaxThreads(32)
                .stopTimeout(2_000)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IOException("S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
            }
            Thread.sleep(10);
        }
        forwarder = new HttpForwarder(proxy.getPort());
    }

    /**
     * Starts S3Proxy on the objects in {@code directory}, with the lifecycle configurations of
     * {@code lifecycleDirectory} applied every {@code sweepInterval}.
     */
    public static S3Server start(Path directory, Path lifecycleDirectory, String region, Duration sweepInterval)
            throws IOException {
        S3Server server;
        try {
            server = new S3Server(directory, lifecycleDirectory, region);
        } catch (Exception e) {
            throw new IOException("S3Proxy could not start with data in " + directory + ": " + e, e);
        }
        server.sweeper = new S3LifecycleSweeper(server.store, server.lifecycles, Clock.systemUTC(), sweepInterval);
        return server;
    }

    int port() {
        return proxy.getPort();
    }

    /** S3Proxy's own address: object reads and writes without the edge (writes still notify). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** What the edge mounts as S3: the lifecycle API here, everything else passed to S3Proxy. */
    public EdgeService edgeService() {
        return new S3LifecycleApi(forwarder, store, lifecycles);
    }

    /** Deletes now every object a lifecycle rule has expired by {@code now}; returns how many. */
    public int expireObjects(Instant now) {
        return sweeper.sweep(now);
    }

    public void onObjectCreated(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Listeners run on one thread, in write order, after the write has answered, as S3 notifies asynchronously. */
    private void publish(String eventJson) {
        notifier.execute(() -> {
            for (Consumer<String> listener : listeners) {
                try {
                    listener.accept(eventJson);
                } catch (RuntimeException e) {
                    LOG.warn("local S3: an ObjectCreated listener failed: " + e);
                }
            }
        });
    }

    @Override
    public void close() throws Exception {
        try {
            if (sweeper != null) {
                sweeper.close();
            }
            forwarder.close();
            proxy.stop();
        } finally {
            notifier.shutdown();
            notifier.awaitTermination(5, TimeUnit.SECONDS);
            store.close();
        }
    }
}
