package org.emotionanalyser.router.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantResourceNamesTest {

    private static final String PREFIX = "emotion-analyser-dev";
    /** Fixed, so a failure names ids that reproduce it. */
    private static final long SEED = 20261202L;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-";
    /** Pieces of names that a hostile tenant id would try to reproduce. */
    private static final List<String> HOSTILE_PARTS = List.of("dlq", "-dlq", "tenant", "-tenant-", "acme", "-", "--");

    @Test
    void of_whenTenantIdEndsWithDlq_doesNotNameAnotherTenantsDeadLetterQueue() {
        TenantResourceNames acme = TenantResourceNames.of(PREFIX, "acme");
        TenantResourceNames acmeDlq = TenantResourceNames.of(PREFIX, "acme-dlq");

        assertThat(acmeDlq.queueName()).isNotEqualTo(acme.deadLetterQueueName());
        assertThat(acmeDlq.deadLetterQueueName()).isNotEqualTo(acme.deadLetterQueueName());
        assertThat(acme.queueName()).isEqualTo(PREFIX + "-tenant_acme");
        assertThat(acme.deadLetterQueueName()).isEqualTo(PREFIX + "-tenant_acme_dlq");
    }

    @Test
    void of_whenGivenManyGeneratedIds_neverGivesTwoTenantsOrTwoStagesTheSameName() {
        Random random = new Random(SEED);
        Set<String> ids = new LinkedHashSet<>();
        while (ids.size() < 20_000) {
            String id = randomId(random);
            ids.add(id);
            // Every id next to the ids it might be confused with: itself with a hostile suffix or prefix.
            for (String part : HOSTILE_PARTS) {
                addIfValid(ids, id + part);
                addIfValid(ids, part + id);
            }
        }
        // Stages are part of the prefix; stage "dev-tenant" must not reach stage "dev"'s names either.
        List<String> prefixes = List.of(PREFIX, PREFIX + "-tenant", PREFIX + "-dlq", "emotion-analyser-de");

        Map<String, String> queues = new HashMap<>();   // SQS: queues and dead-letter queues share one namespace
        Map<String, String> rules = new HashMap<>();
        Map<String, String> topics = new HashMap<>();
        for (String prefix : prefixes) {
            for (String id : ids) {
                if (id.length() > TenantResourceNames.maxTenantIdLength(prefix)) {
                    continue;
                }
                TenantResourceNames names = TenantResourceNames.of(prefix, id);
                String owner = prefix + " / " + id;
                claim(queues, names.queueName(), owner + " queue");
                claim(queues, names.deadLetterQueueName(), owner + " dlq");
                claim(rules, names.ruleName(), owner);
                claim(topics, names.topicName(), owner);
            }
        }
        assertThat(queues).hasSizeGreaterThan(2 * 20_000);
    }

    @Test
    void of_whenGivenTheLongestAllowedId_staysWithinAwsNameLimits() {
        for (String prefix : List.of("emotion-analyser-local", "emotion-analyser-abcdefghij", "p")) {
            String longest = "a".repeat(TenantResourceNames.maxTenantIdLength(prefix));
            TenantResourceNames names = TenantResourceNames.of(prefix, longest);

            assertThat(names.queueName().length()).isLessThanOrEqualTo(80);
            assertThat(names.deadLetterQueueName().length()).isLessThanOrEqualTo(80);
            assertThat(names.ruleName().length()).isLessThanOrEqualTo(64);
            assertThat(names.topicName().length()).isLessThanOrEqualTo(256);
            assertThat(names.queueName()).matches("[A-Za-z0-9_-]+");
        }
    }

    @Test
    void of_whenPrefixContainsTheMark_refusesIt() {
        assertThatThrownBy(() -> TenantResourceNames.of("stage_x", "acme"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RESOURCE_PREFIX");
    }

    private static void claim(Map<String, String> owners, String name, String owner) {
        String previous = owners.putIfAbsent(name, owner);
        assertThat(previous).as("name %s of %s is already %s's", name, owner, previous).isNull();
    }

    private static String randomId(Random random) {
        int length = 3 + random.nextInt(20);
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    private static void addIfValid(Set<String> ids, String candidate) {
        if (TenantId.isValid(candidate)) {
            ids.add(candidate);
        }
    }
}
