package org.emotionanalyser.tenants.adapter;

import org.emotionanalyser.tenants.domain.ImageRecord;
import org.emotionanalyser.tenants.domain.ImageStatus;
import org.emotionanalyser.tenants.domain.InvalidPageTokenException;
import org.emotionanalyser.tenants.domain.Page;
import org.emotionanalyser.tenants.testing.Analyses;
import org.emotionanalyser.tenants.testing.DynamoDbLocalServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamoDbImageCatalogueIntegrationTest {

    private static final Instant AT = Instant.parse("2026-11-21T10:15:30.123Z");

    private DynamoDbImageCatalogue catalogue;

    @BeforeEach
    void setUp() {
        DynamoDbLocalServer server = DynamoDbLocalServer.shared();
        catalogue = new DynamoDbImageCatalogue(server.enhancedClient(), server.newStack().imagesTable());
    }

    private static String id(int n) {
        return String.format("%032x", n);
    }

    private static ImageRecord analyzed(String tenantId, int n) {
        return ImageRecord.analyzed(Analyses.happyAndSad(tenantId, id(n), AT), AT.plusSeconds(86_400));
    }

    private static ImageRecord rejected(String tenantId, int n) {
        return ImageRecord.rejected(Analyses.rejected(tenantId, id(n), AT), null);
    }

    @Test
    void find_whenRecorded_returnsEveryFieldIncludingTheFullAnalysis() {
        ImageRecord record = analyzed("acme", 1);
        catalogue.put(record);

        assertThat(catalogue.find("acme", id(1))).contains(record);
        assertThat(catalogue.find("acme", id(1)).orElseThrow().analysis().faces()).hasSize(2);
    }

    @Test
    void find_whenAnotherTenantAsksForTheSameImageId_findsNothing() {
        catalogue.put(analyzed("acme", 1));

        assertThat(catalogue.find("globex", id(1))).isEmpty();
    }

    @Test
    void recordIfAbsent_whenImageWasRecordedBefore_keepsAndReturnsTheFirstRecord() {
        ImageRecord first = analyzed("acme", 1);
        ImageRecord later = ImageRecord.analyzed(Analyses.happyAndSad("acme", id(1), AT.plusSeconds(60)), null);

        assertThat(catalogue.recordIfAbsent(first)).isEqualTo(first);
        assertThat(catalogue.recordIfAbsent(later)).isEqualTo(first);
        assertThat(catalogue.find("acme", id(1))).contains(first);
    }

    @Test
    void list_whenFilteredByStatusAcrossPages_returnsEachMatchingImageOnce() {
        for (int n = 0; n < 10; n++) {
            catalogue.put(n % 3 == 0 ? rejected("acme", n) : analyzed("acme", n));
        }
        catalogue.put(analyzed("globex", 50));

        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            Page<ImageRecord> page = catalogue.list("acme", ImageStatus.ANALYZED, 2, token);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2).allMatch(r -> r.status() == ImageStatus.ANALYZED);
            page.items().forEach(r -> seen.add(r.imageId()));
            token = page.nextToken();
        } while (token != null);

        // Same analysis time for all: newest first falls back to image id, descending.
        assertThat(seen).containsExactly(id(8), id(7), id(5), id(4), id(2), id(1));
    }

    @Test
    void list_whenFewImagesMatchTheStatus_stopsAfterTheReadCapAndResumesFromItsToken() {
        // 40 analysed images newer than the one rejected image: with pages of 2 (3 items per read) the rejected
        // image lies beyond the reads one request may make.
        catalogue.put(rejected("acme", 0));
        for (int n = 1; n <= 40; n++) {
            catalogue.put(analyzed("acme", n));
        }

        Page<ImageRecord> first = catalogue.list("acme", ImageStatus.REJECTED, 2, null);

        assertThat(first.items()).isEmpty();
        assertThat(first.nextToken()).isNotNull();
        List<String> found = new ArrayList<>();
        int requests = 1;
        String token = first.nextToken();
        while (token != null) {
            Page<ImageRecord> page = catalogue.list("acme", ImageStatus.REJECTED, 2, token);
            page.items().forEach(r -> found.add(r.imageId()));
            token = page.nextToken();
            requests++;
        }
        assertThat(found).containsExactly(id(0));
        // 41 items at 3 per read and 5 reads per request: at least 3 requests.
        assertThat(requests).isGreaterThanOrEqualTo(3);
    }

    @Test
    void list_whenImagesWereRecordedOutOfTimeOrder_returnsThemNewestFirstAcrossPages() {
        int[] minutesAfter = {3, 0, 7, 1, 5, 2, 6, 4};
        for (int n = 0; n < minutesAfter.length; n++) {
            Instant at = AT.plusSeconds(60L * minutesAfter[n]);
            catalogue.put(n % 2 == 0
                    ? ImageRecord.analyzed(Analyses.happyAndSad("acme", id(n), at), null)
                    : ImageRecord.rejected(Analyses.rejected("acme", id(n), at), null));
        }
        // 123 ms before the oldest: written without fixed-width milliseconds ("...:30Z") it would sort as newest.
        catalogue.put(ImageRecord.analyzed(Analyses.happyAndSad("acme", id(99),
                Instant.parse("2026-11-21T10:15:30Z")), null));
        catalogue.put(ImageRecord.analyzed(Analyses.happyAndSad("globex", id(50), AT.plusSeconds(3600)), null));

        List<Instant> times = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            Page<ImageRecord> page = catalogue.list("acme", null, 3, token);
            page.items().forEach(r -> {
                seen.add(r.imageId());
                times.add(r.analyzedAt());
            });
            token = page.nextToken();
        } while (token != null);

        assertThat(seen).containsExactly(id(2), id(6), id(4), id(7), id(0), id(5), id(3), id(1), id(99));
        assertThat(times).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void firstInKeyOrder_whenRecordsWereDeleted_returnsOnlyTheRemainingOnesOfTheTenant() {
        for (int n = 0; n < 4; n++) {
            catalogue.put(analyzed("acme", n));
        }
        catalogue.put(analyzed("globex", 9));
        catalogue.delete("acme", id(0));

        assertThat(catalogue.firstInKeyOrder("acme", 2)).extracting(ImageRecord::imageId)
                .containsExactly(id(1), id(2));
    }

    @Test
    void list_whenNoFilter_listsAllOfTheTenantsImages() {
        catalogue.put(analyzed("acme", 1));
        catalogue.put(rejected("acme", 2));
        catalogue.put(analyzed("globex", 3));

        assertThat(catalogue.list("acme", null, 10, null).items()).extracting(ImageRecord::imageId)
                .containsExactly(id(2), id(1));
    }

    @Test
    void list_whenPageTokenOfAnotherTenantIsReplayed_rejectsIt() {
        for (int n = 0; n < 3; n++) {
            catalogue.put(analyzed("acme", n));
            catalogue.put(analyzed("globex", n));
        }
        String acmeToken = catalogue.list("acme", null, 1, null).nextToken();

        assertThatThrownBy(() -> catalogue.list("globex", null, 1, acmeToken))
                .isInstanceOf(InvalidPageTokenException.class)
                .hasMessageContaining("without it");
    }

    @Test
    void delete_whenRecorded_removesOnlyThatImage() {
        catalogue.put(analyzed("acme", 1));
        catalogue.put(analyzed("acme", 2));

        catalogue.delete("acme", id(1));

        assertThat(catalogue.find("acme", id(1))).isEmpty();
        assertThat(catalogue.find("acme", id(2))).isPresent();
    }
}
