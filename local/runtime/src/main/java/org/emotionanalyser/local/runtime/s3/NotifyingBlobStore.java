package org.emotionanalyser.local.runtime.s3;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;

/** A blob store that reports every completed object write as an S3 ObjectCreated notification. */
public final class NotifyingBlobStore extends ForwardingBlobStore {

    /** S3Proxy records each open multipart upload as a hidden stub blob; S3 announces no such write. */
    private static final String MULTIPART_STUB_PREFIX = ".s3proxy-mpu-stub-";

    private final S3EventNotifications notifications;
    private final Consumer<String> sink;

    NotifyingBlobStore(BlobStore delegate, S3EventNotifications notifications, Consumer<String> sink) {
        super(delegate);
        this.notifications = notifications;
        this.sink = sink;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = super.putBlob(request, content);
        if (request.key().startsWith(MULTIPART_STUB_PREFIX)) {
            return response;
        }
        announce("ObjectCreated:Put", request.bucket(), request.key());
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        announce("ObjectCreated:Copy", request.destinationBucket(), request.destinationKey());
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
                                                                   CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        announce("ObjectCreated:CompleteMultipartUpload", upload.containerName(), upload.blobName());
        return response;
    }

    private void announce(String eventName, String bucket, String key) {
        // Size and ETag as stored: the request's own values may be absent (chunked bodies) or differ (multipart).
        HeadObjectResponse stored = delegate().blobMetadata(bucket, key);
        String eTag = stored.eTag() == null ? "" : stored.eTag().replace("\"", "");
        long size = stored.contentLength() == null ? 0 : stored.contentLength();
        sink.accept(notifications.objectCreated(eventName, bucket, key, size, eTag, Instant.now()));
    }
}
