package org.emotionanalyser.ingest.domain;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import org.emotionanalyser.lambdasupport.testing.EventFixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UploadedObjectTest {

    @Test
    void constructor_whenNotificationHadNoVersionId_keepsNoVersionSoS3IsNotAskedForAnEmptyOne() {
        // The Lambda serializer fills an absent versionId with "", which S3 answers with an error.
        S3ObjectEntity object = EventFixtures.event("s3-object-created-single-upload.json", S3Event.class)
                .getRecords().get(0).getS3().getObject();

        UploadedObject upload = new UploadedObject("bucket", object.getUrlDecodedKey(), object.geteTag(),
                object.getVersionId());

        assertThat(upload.versionId()).isNull();
        assertThat(upload.eTag()).isEqualTo("b1946ac92492d2347c6235b4d2611184-3");
    }

    @Test
    void constructor_whenVersionIdPresent_keepsIt() {
        assertThat(new UploadedObject("bucket", "uploads/abc/x.jpg", " ", "3HL4kqtJlcpXroDTDmJ").versionId())
                .isEqualTo("3HL4kqtJlcpXroDTDmJ");
    }
}
