package org.emotionanalyser.local.runtime.s3;

import org.emotionanalyser.local.runtime.edge.JsonStateFile;
import org.emotionanalyser.local.runtime.edge.AwsServiceException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Bucket lifecycle configurations, one file per bucket ({@code <bucket>.xml}) in a directory of their own, so they
 * survive a restart. The document is kept as the client sent it (rules, transitions and all), after checking it is
 * a lifecycle configuration S3 would accept, and is returned unchanged by GET.
 */
public final class S3LifecycleConfigurations {

    /** S3 bucket names: lower-case letters, digits, dots and hyphens - also safe as file names. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,62}");
    private static final int MAX_RULES = 1000;
    private static final int MAX_ID_LENGTH = 255;
    private static final Set<String> ACTIONS = Set.of("Expiration", "Transition", "Transitions",
            "NoncurrentVersionExpiration", "NoncurrentVersionTransition", "NoncurrentVersionTransitions",
            "AbortIncompleteMultipartUpload");
    private static final String SUFFIX = ".xml";

    private final Path directory;
    private final DocumentBuilderFactory parsers;

    S3LifecycleConfigurations(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
        parsers = DocumentBuilderFactory.newInstance();
        parsers.setNamespaceAware(true);
        try {
            // A lifecycle document never needs a DTD; refusing them rules out external entity tricks.
            parsers.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            parsers.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks secure processing: " + e.getMessage(), e);
        }
        parsers.setExpandEntityReferences(false);
    }

    /** The stored document of a bucket, exactly as it was put. */
    synchronized Optional<byte[]> get(String bucket) {
        try {
            return Optional.of(Files.readAllBytes(file(bucket)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the lifecycle configuration of bucket " + bucket + " failed", e);
        }
    }

    /**
     * Checks and stores a bucket's configuration, replacing any earlier one.
     *
     * @throws AwsServiceException {@code MalformedXML} or {@code InvalidArgument} when S3 would refuse it
     */
    synchronized void put(String bucket, byte[] document) {
        parse(document);
        Path target = file(bucket);
        try {
            // Atomic, so a crash mid-write leaves the previous configuration rather than half a document.
            JsonStateFile.replace(target, document);
        } catch (IOException e) {
            throw new UncheckedIOException("storing the lifecycle configuration of bucket " + bucket + " failed", e);
        }
    }

    synchronized void delete(String bucket) {
        try {
            Files.deleteIfExists(file(bucket));
        } catch (IOException e) {
            throw new UncheckedIOException("deleting the lifecycle configuration of bucket " + bucket + " failed", e);
        }
    }

    /** The rules of every bucket that has a configuration, by bucket name. */
    synchronized Map<String, List<S3LifecycleRule>> all() {
        Map<String, List<S3LifecycleRule>> rules = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path path : (Iterable<Path>) files::iterator) {
                String name = path.getFileName().toString();
                if (name.endsWith(SUFFIX)) {
                    rules.put(name.substring(0, name.length() - SUFFIX.length()), parse(Files.readAllBytes(path)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the lifecycle configurations in " + directory + " failed", e);
        }
        return rules;
    }

    private Path file(String bucket) {
        if (!BUCKET_NAME.matcher(bucket).matches()) {
            throw new AwsServiceException(400, "InvalidBucketName", "The specified bucket is not valid: "
                    + "use 3-63 lower-case letters, digits, dots and hyphens.");
        }
        return directory.resolve(bucket + SUFFIX);
    }

    /** The rules of a lifecycle document, checked the way S3 checks a PutBucketLifecycleConfiguration body. */
    List<S3LifecycleRule> parse(byte[] document) {
        Element root = parseXml(document).getDocumentElement();
        if (!"LifecycleConfiguration".equals(name(root))) {
            throw malformed("the root element must be LifecycleConfiguration, not " + name(root));
        }
        List<Element> ruleElements = children(root, "Rule");
        if (ruleElements.isEmpty() || ruleElements.size() > MAX_RULES) {
            throw malformed("a lifecycle configuration holds 1 to " + MAX_RULES + " Rule elements, not "
                    + ruleElements.size());
        }
        List<S3LifecycleRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Element rule : ruleElements) {
            rules.add(rule(rule, ids));
        }
        return rules;
    }

    private static S3LifecycleRule rule(Element rule, Set<String> ids) {
        String id = text(rule, "ID").orElse("");
        if (id.length() > MAX_ID_LENGTH) {
            throw new AwsServiceException(400, "InvalidArgument", "ID length should not exceed allowed limit of "
                    + MAX_ID_LENGTH);
        }
        if (!id.isEmpty() && !ids.add(id)) {
            throw new AwsServiceException(400, "InvalidArgument", "Rule ID must be unique. Found same ID for more "
                    + "than one rule: " + id);
        }
        String status = text(rule, "Status").orElseThrow(() -> malformed("every Rule needs a Status"));
        if (!status.equals("Enabled") && !status.equals("Disabled")) {
            throw malformed("Status must be Enabled or Disabled, not " + status);
        }
        if (children(rule).stream().noneMatch(child -> ACTIONS.contains(name(child)))) {
            throw new AwsServiceException(400, "InvalidRequest", "At least one action needs to be specified in a "
                    + "rule (Expiration, Transition, NoncurrentVersionExpiration, ...)");
        }
        Optional<Element> filter = child(rule, "Filter");
        Optional<String> legacyPrefix = text(rule, "Prefix");
        if (filter.isPresent() && legacyPrefix.isPresent()) {
            throw malformed("a Rule has either a Filter or a Prefix, not both");
        }
        Element conditions = filter.flatMap(f -> child(f, "And")).or(() -> filter).orElse(null);
        String prefix = legacyPrefix.orElse(conditions == null ? "" : text(conditions, "Prefix").orElse(""));
        boolean tagged = conditions != null && child(conditions, "Tag").isPresent();
        long greaterThan = conditions == null ? -1 : number(conditions, "ObjectSizeGreaterThan");
        long lessThan = conditions == null ? -1 : number(conditions, "ObjectSizeLessThan");
        int days = child(rule, "Expiration").map(expiration -> (int) number(expiration, "Days")).orElse(-1);
        if (days == 0) {
            throw new AwsServiceException(400, "InvalidArgument", "'Days' for Expiration action must be a "
                    + "positive integer");
        }
        return new S3LifecycleRule(id, status.equals("Enabled"), prefix, greaterThan, lessThan, tagged,
                Math.max(days, 0));
    }

    private Document parseXml(byte[] document) {
        try {
            DocumentBuilder parser = parsers.newDocumentBuilder();
            parser.setErrorHandler(null);
            return parser.parse(new ByteArrayInputStream(document));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw malformed("it is not well-formed XML");
        }
    }

    /** A non-negative whole number child, or -1 when the element has no such child. */
    private static long number(Element parent, String childName) {
        Optional<String> value = text(parent, childName);
        if (value.isEmpty()) {
            return -1;
        }
        try {
            long number = Long.parseLong(value.get().trim());
            if (number < 0 || (childName.equals("Days") && number > Integer.MAX_VALUE)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new AwsServiceException(400, "InvalidArgument", "'" + childName + "' must be a non-negative "
                    + "whole number, not " + value.get());
        }
    }

    private static AwsServiceException malformed(String why) {
        return new AwsServiceException(400, "MalformedXML", "The XML you provided was not well-formed or did not "
                + "validate against our published schema: " + why);
    }

    /** Local name, so documents with or without the S3 namespace read alike. */
    private static String name(Node node) {
        return node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    private static List<Element> children(Element parent, String childName) {
        return children(parent).stream().filter(child -> name(child).equals(childName)).toList();
    }

    private static Optional<Element> child(Element parent, String childName) {
        return children(parent, childName).stream().findFirst();
    }

    private static Optional<String> text(Element parent, String childName) {
        return child(parent, childName).map(Node::getTextContent);
    }
}
