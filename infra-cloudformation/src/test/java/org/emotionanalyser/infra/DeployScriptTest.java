package org.emotionanalyser.infra;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * deploy.sh run against a stand-in AWS CLI (src/test/resources/deploy/aws) in a copy of the repository layout: what
 * it would send to AWS, what it refuses, and what it writes.
 */
class DeployScriptTest {

    /** The mood monitor page, relative to the repository root. */
    private static final String PAGE = "local/runtime/src/main/resources/dashboard/index.html";
    private static final String API_URL = "https://abc123.execute-api.eu-west-1.amazonaws.com/test";
    /** The page may call the API, and PUT presigned uploads to the upload bucket (both S3 endpoint forms). */
    private static final String CONNECT_SOURCES = "'self' https://abc123.execute-api.eu-west-1.amazonaws.com"
            + " https://emotion-analyser-test-images-123456789012-eu-west-1.s3.amazonaws.com"
            + " https://emotion-analyser-test-images-123456789012-eu-west-1.s3.eu-west-1.amazonaws.com";

    @TempDir
    Path repo;
    private Path log;
    private Path ingestJar;
    private Path page;

    @BeforeEach
    void layOutRepository() throws Exception {
        Path infra = Files.createDirectories(repo.resolve("infra-cloudformation"));
        Files.copy(Path.of("deploy.sh"), infra.resolve("deploy.sh"));
        Files.copy(Path.of("template.yaml"), infra.resolve("template.yaml"));
        page = Files.createDirectories(repo.resolve(PAGE).getParent()).resolve("index.html");
        Files.copy(Path.of("..").resolve(PAGE), page);
        ingestJar = Files.createDirectories(repo.resolve("ingest/target")).resolve("ingest-0.1.0-lambda.jar");
        Files.writeString(ingestJar, "ingest classes");
        Files.writeString(Files.createDirectories(repo.resolve("tenants/target")).resolve("tenants-0.1.0-lambda.jar"),
                "tenants classes");
        Path bin = Files.createDirectories(repo.resolve("stub-bin"));
        Files.copy(Path.of("src/test/resources/deploy/aws"), bin.resolve("aws"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(bin.resolve("aws"), PosixFilePermissions.fromString("rwxr-xr-x"));
        log = repo.resolve("aws-calls.log");
    }

    private record Run(int exitCode, String output) {
    }

    private Run deploy(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", repo.resolve("infra-cloudformation/deploy.sh").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", repo.resolve("stub-bin") + ":" + System.getenv("PATH"));
        builder.environment().put("STUB_LOG", log.toString());
        builder.environment().remove("ADMIN_KEY_SHA256");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("deploy.sh finished").isTrue();
        return new Run(process.exitValue(), output);
    }

    private List<String> awsCalls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void dryRun_whenFirstDeploy_createsChangeSetWithContentKeyedJarsAndDoesNotExecuteIt() throws Exception {
        Run run = deploy("--stage", "test", "--region", "eu-west-1", "--skip-build", "--dry-run");

        assertThat(run.exitCode()).as(run.output()).isZero();
        String jarKey = "lambda/ingest-" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(ingestJar))) + ".jar";
        assertThat(awsCalls()).anyMatch(c -> c.startsWith("s3api create-bucket --bucket "
                        + "emotion-analyser-artifacts-123456789012-eu-west-1"))
                .anyMatch(c -> c.startsWith("s3 cp") && c.endsWith(jarKey))
                .anyMatch(c -> c.startsWith("cloudformation deploy") && c.contains("--no-execute-changeset")
                        && c.contains("--stack-name emotion-analyser-test") && c.contains("CAPABILITY_IAM")
                        && c.contains("IngestJarKey=" + jarKey) && !c.contains("AdminKey"))
                .anyMatch(c -> c.startsWith("cloudformation describe-change-set"));
        assertThat(run.output()).contains("Change set (not executed)").contains("UploadBucket");
    }

    @Test
    void deploy_whenFirstDeploy_needsNoAdminKeyAndPointsAtTheSecretTheStackGenerated() throws Exception {
        Run run = deploy("--stage", "test", "--region", "eu-west-1", "--skip-build");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(awsCalls()).anyMatch(c -> c.startsWith("cloudformation deploy") && !c.contains("AdminKey"));
        assertThat(run.output()).contains("aws secretsmanager get-secret-value --secret-id "
                + "arn:aws:secretsmanager:eu-west-1:123456789012:secret:emotion-analyser-test-admin-key-AbCdEf");
    }

    @Test
    void deploy_whenStageInvalid_refusesWithoutCallingAws() throws Exception {
        Run run = deploy("--stage", "Prod_1");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("--stage must be");
        assertThat(awsCalls()).isEmpty();
    }

    @Test
    void deploy_whenPostmanEnvironmentExists_setsBaseUrlAndKeepsOtherValues() throws Exception {
        assumeTrue(new ProcessBuilder("jq", "--version").start().waitFor() == 0, "jq is installed");
        Path environment = Files.createDirectories(repo.resolve("postman")).resolve("aws.postman_environment.json");
        Files.writeString(environment, """
                {"name": "aws", "values": [
                  {"key": "baseUrl", "value": "", "type": "default", "enabled": true},
                  {"key": "tenantId", "value": "acme", "type": "default", "enabled": true}],
                 "_postman_variable_scope": "environment"}
                """);

        Run run = deploy("--stage", "test", "--region", "eu-west-1", "--skip-build");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(awsCalls()).anyMatch(c -> c.startsWith("cloudformation deploy")
                && !c.contains("--no-execute-changeset"));
        String written = Files.readString(environment);
        assertThat(written).contains("\"https://abc123.execute-api.eu-west-1.amazonaws.com/test\"")
                .contains("\"acme\"");
    }
    @Test
    void deploy_whenStackIsDeployed_publishesThePageWithTheApiUrlAndPrintsItsAddress() throws Exception {
        Run run = deploy("--stage", "test", "--region", "eu-west-1", "--skip-build");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(awsCalls()).anyMatch(c -> c.startsWith("s3 cp") && c.contains("--content-type text/html; charset=utf-8")
                && c.contains("--cache-control no-cache")
                && c.endsWith("s3://emotion-analyser-test-pagebucket-1a2b3c4d5e6f/index.html"));
        String published = Files.readString(repo.resolve("published-index.html"));
        assertThat(published)
                .contains("<meta name=\"emotion-analyser-api\" content=\"" + API_URL + "\">")
                .contains("connect-src " + CONNECT_SOURCES + ";")
                .doesNotContain("<meta name=\"emotion-analyser-api\" content=\"\">");
        assertThat(published.replace(API_URL, "").replace(CONNECT_SOURCES, "'self'"))
                .as("nothing else of the page changes").isEqualTo(Files.readString(page));
        assertThat(run.output().strip()).endsWith("Mood monitor page: https://d111111abcdef8.cloudfront.net/");
    }

    @Test
    void deploy_whenThePageLostTheTagItWritesTheApiUrlInto_failsInsteadOfPublishingAPageWithoutAnApi() throws Exception {
        Files.writeString(page, Files.readString(page).replace("name=\"emotion-analyser-api\"", "name=\"api\""));

        Run run = deploy("--stage", "test", "--region", "eu-west-1", "--skip-build");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("could not write the API URL into the page");
        assertThat(awsCalls()).noneMatch(c -> c.startsWith("s3 cp") && c.endsWith("/index.html"));
    }

    @Test
    void deploy_whenStageIsLocal_refusesWithoutCallingAws() throws Exception {
        Run run = deploy("--stage", "local", "--region", "eu-west-1", "--skip-build");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("reserved for local mode");
        assertThat(awsCalls()).isEmpty();
    }
}
