package org.emotionanalyser.infra;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CloudFormation template read from YAML, with the short-form intrinsic tags ({@code !Ref}, {@code !Sub},
 * {@code !GetAtt}, ...) turned into their long form ({@code {"Ref": ...}}, {@code {"Fn::Sub": ...}}), so the rest of
 * the checks see one shape whichever form the author used.
 */
public final class CloudFormationTemplate {

    /** The short-form tags CloudFormation's YAML accepts, each with the long-form key it stands for. */
    private static final Map<String, String> SHORT_FORMS = Map.ofEntries(
            Map.entry("!Ref", "Ref"),
            Map.entry("!Condition", "Condition"),
            Map.entry("!Sub", "Fn::Sub"),
            Map.entry("!GetAtt", "Fn::GetAtt"),
            Map.entry("!Join", "Fn::Join"),
            Map.entry("!Select", "Fn::Select"),
            Map.entry("!Split", "Fn::Split"),
            Map.entry("!If", "Fn::If"),
            Map.entry("!Equals", "Fn::Equals"),
            Map.entry("!Not", "Fn::Not"),
            Map.entry("!And", "Fn::And"),
            Map.entry("!Or", "Fn::Or"),
            Map.entry("!FindInMap", "Fn::FindInMap"),
            Map.entry("!ImportValue", "Fn::ImportValue"),
            Map.entry("!Base64", "Fn::Base64"),
            Map.entry("!GetAZs", "Fn::GetAZs"),
            Map.entry("!Cidr", "Fn::Cidr"),
            Map.entry("!ToJsonString", "Fn::ToJsonString"),
            Map.entry("!Length", "Fn::Length"));

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
    @SuppressWarnings("unchecked")
    public static CloudFormationTemplate parse(String yamlText) {
        Object document = new Yaml(new IntrinsicConstructor()).load(yamlText);
        if (!(document instanceof Map)) {
            throw new IllegalArgumentException("a template is a YAML mapping at the top level");
        }
        return new CloudFormationTemplate((Map<String, Object>) document);
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

    /** Logical ids of every resource of a type. */
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

    public List<String> resourcesOfType(String type) {
        return resources().keySet().stream().filter(id -> type.equals(type(id))).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(String name) {
        Object section = root.get(name);
        return section instanceof Map ? (Map<String, Object>) section : Map.of();
    }

    /** Builds the long form of every short-form tag; everything else is plain safe YAML. */
    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor() {
            super(new LoaderOptions());
            SHORT_FORMS.forEach((tag, function) -> yamlConstructors.put(new Tag(tag), new Intrinsic(function)));
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String function;

            Intrinsic(String function) {
                this.function = function;
            }

            @Override
            public Object construct(Node node) {
                Object argument;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    // "!GetAtt Resource.Attribute" is the short spelling of ["Resource", "Attribute"].
                    argument = "Fn::GetAtt".equals(function) && text.contains(".")
                            ? List.of(text.substring(0, text.indexOf('.')), text.substring(text.indexOf('.') + 1))
                            : text;
                } else if (node instanceof SequenceNode sequence) {
                    argument = constructSequence(sequence);
                } else {
                    argument = constructMapping((MappingNode) node);
                }
                Map<String, Object> longForm = new LinkedHashMap<>();
                longForm.put(function, argument);
                return longForm;
            }
        }
    }
}
