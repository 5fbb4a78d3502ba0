package org.emotionanalyser.cloudformation.yaml;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one reader of CloudFormation YAML in the project: the template's checks ({@code infra-cloudformation}'s
 * tests), local mode's provisioning ({@code local/runtime}) and the tests that create the stack's tables
 * ({@code tenants}) all read the template through it, so the template is validated under the same rules it is
 * provisioned with.
 *
 * <p>It turns the short-form tags ({@code !Ref}, {@code !Sub}, {@code !GetAtt}, ...) into their long forms
 * ({@code {"Ref": ...}}, {@code {"Fn::Sub": ...}}), so every reader sees one shape whichever form the author used.
 * Its settings are CloudFormation's, and strict: a duplicate key is an error (CloudFormation rejects it rather than
 * keeping the last), dates such as {@code AWSTemplateFormatVersion} stay text, and only safe YAML types are built.
 */
public final class CloudFormationYaml {

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
            Map.entry("!Transform", "Fn::Transform"),
            Map.entry("!ToJsonString", "Fn::ToJsonString"),
            Map.entry("!Length", "Fn::Length"));

    /** CloudFormation accepts template bodies up to 1 MB (from S3); this leaves room for any of them. */
    private static final int CODE_POINT_LIMIT = 20 * 1024 * 1024;

    private CloudFormationYaml() {
    }

    /**
     * Parses template text (JSON is YAML too) into plain maps (in document order), lists and scalars.
     *
     * @throws NotAMappingException when the document is not a mapping at the top level
     * @throws org.yaml.snakeyaml.error.YAMLException when the text is not valid YAML, repeats a key or uses an
     *                                                unknown tag
     */
    public static Map<String, Object> parse(String yamlText) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(CODE_POINT_LIMIT);
        options.setAllowDuplicateKeys(false);
        Object document = new Yaml(new IntrinsicConstructor(options)).load(yamlText);
        if (!(document instanceof Map<?, ?> map)) {
            throw new NotAMappingException();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) map;
        return result;
    }

    /** The document is a scalar or a list where a template (a mapping) was expected. */
    public static final class NotAMappingException extends IllegalArgumentException {
        NotAMappingException() {
            super("the template is not a YAML mapping; it must start with keys such as "
                    + "AWSTemplateFormatVersion and Resources");
        }
    }

    /** Builds the long form of every short-form tag; everything else is plain safe YAML. */
    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            // Template dates such as AWSTemplateFormatVersion stay text, as CloudFormation reads them.
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
            SHORT_FORMS.forEach((tag, function) -> yamlConstructors.put(new Tag(tag), new LongForm(function)));
        }

        private final class LongForm extends AbstractConstruct {
            private final String function;

            LongForm(String function) {
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
