package org.emotionanalyser.local.runtime.cloudformation;

import org.emotionanalyser.cloudformation.yaml.CloudFormationYaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed CloudFormation template: its parameters, mappings, conditions and resources, with intrinsic functions
 * kept unresolved (see {@link TemplateEvaluator}).
 */
public record CloudFormationTemplate(Map<String, Map<String, Object>> parameters,
                                     Map<String, Object> mappings,
                                     Map<String, Object> conditions,
                                     Map<String, TemplateResource> resources) {

    /** Reads a template file. */
    public static CloudFormationTemplate load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the template " + file.getFileName()
                    + "; pass its location with --template", e);
        }
    }

    /** Parses template YAML (JSON is YAML too). */
    public static CloudFormationTemplate parse(String yaml) {
        Map<String, Object> document;
        try {
            document = CloudFormationYaml.parse(yaml);
        } catch (CloudFormationYaml.NotAMappingException e) {
            throw new TemplateException(e.getMessage());
        }
        Object transform = document.get("Transform");
        if (transform != null) {
            throw new TemplateException("the template declares Transform " + transform
                    + "; local mode reads plain CloudFormation only (no SAM or macros)");
        }
        Map<String, Map<String, Object>> parameters = new LinkedHashMap<>();
        mapAt(document, "Parameters").forEach((name, spec) -> parameters.put(name, asMap(spec, "Parameters." + name)));
        Map<String, TemplateResource> resources = new LinkedHashMap<>();
        Map<String, Object> rawResources = mapAt(document, "Resources");
        if (rawResources.isEmpty()) {
            throw new TemplateException("the template has no Resources");
        }
        rawResources.forEach((id, raw) -> resources.put(id, resource(id, asMap(raw, "Resources." + id))));
        return new CloudFormationTemplate(parameters, mapAt(document, "Mappings"), mapAt(document, "Conditions"),
                resources);
    }

    private static TemplateResource resource(String id, Map<String, Object> raw) {
        Object type = raw.get("Type");
        if (!(type instanceof String typeName)) {
            throw new TemplateException("resource " + id + " has no Type");
        }
        Object props = raw.get("Properties");
        Map<String, Object> properties = props == null ? Map.of() : asMap(props, "Resources." + id + ".Properties");
        Object dependsOn = raw.get("DependsOn");
        List<String> dependencies = dependsOn == null ? List.of()
                : dependsOn instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(dependsOn));
        Object condition = raw.get("Condition");
        return new TemplateResource(id, typeName, properties, condition == null ? null : condition.toString(),
                dependencies);
    }

    private static Map<String, Object> mapAt(Map<String, Object> document, String key) {
        Object value = document.get(key);
        return value == null ? Map.of() : asMap(value, key);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new TemplateException(where + " must be a mapping, but is " + describe(value));
    }

    static String describe(Object value) {
        return value == null ? "empty" : value instanceof List ? "a list" : "'" + value + "'";
    }
}
