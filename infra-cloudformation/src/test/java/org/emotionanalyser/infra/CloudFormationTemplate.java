package org.emotionanalyser.infra;

import org.emotionanalyser.cloudformation.yaml.CloudFormationYaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A CloudFormation template as the checks see it, read by {@link CloudFormationYaml} (the reader local mode
 * provisions with), so short-form tags arrive in their long form.
 */
public final class CloudFormationTemplate {

    private final Map<String, Object> root;

    private CloudFormationTemplate(Map<String, Object> root) {
        this.root = root;
    }

    /** Reads the template at {@code path}. */
    public static CloudFormationTemplate load(Path path) {
        try {
            return parse(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + path, e);
        }
    }

    /** Parses template text. */
    public static CloudFormationTemplate parse(String yamlText) {
        return new CloudFormationTemplate(CloudFormationYaml.parse(yamlText));
    }

    /** The whole document. */
    public Map<String, Object> root() {
        return root;
    }

    public Map<String, Object> parameters() {
        return section("Parameters");
    }

    public Map<String, Object> conditions() {
        return section("Conditions");
    }

    /** Logical id to resource definition, in template order. */
    public Map<String, Object> resources() {
        return section("Resources");
    }

    public Map<String, Object> outputs() {
        return section("Outputs");
    }

    /** The resource's {@code Type}. */
    public String type(String logicalId) {
        return (String) resource(logicalId).get("Type");
    }

    /** One resource definition. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> resource(String logicalId) {
        Object resource = resources().get(logicalId);
        if (!(resource instanceof Map)) {
            throw new IllegalArgumentException("no resource " + logicalId + " in the template");
        }
        return (Map<String, Object>) resource;
    }

    /** A resource's {@code Properties}, empty when it has none. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> properties(String logicalId) {
        Object properties = resource(logicalId).get("Properties");
        return properties instanceof Map ? (Map<String, Object>) properties : Map.of();
    }

    /** The path of an API Gateway resource, e.g. {@code /tenants/{tenantId}/images}, from PathPart up through ParentId. */
    public String apiPath(String resourceId) {
        List<String> parts = new ArrayList<>();
        String current = resourceId;
        while (resources().containsKey(current) && "AWS::ApiGateway::Resource".equals(type(current))) {
            Map<String, Object> properties = properties(current);
            parts.add(0, String.valueOf(properties.get("PathPart")));
            Object parent = properties.get("ParentId") instanceof Map<?, ?> ref ? ref.get("Ref") : null;
            current = parent == null ? "" : String.valueOf(parent);
        }
        return "/" + String.join("/", parts);
    }

    /** Logical ids of every resource of a type. */
    public List<String> resourcesOfType(String type) {
        return resources().keySet().stream().filter(id -> type.equals(type(id))).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(String name) {
        Object section = root.get(name);
        return section instanceof Map ? (Map<String, Object>) section : Map.of();
    }
}
