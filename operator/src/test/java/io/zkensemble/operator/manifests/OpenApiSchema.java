package io.zkensemble.operator.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a document against a CRD's structural OpenAPI schema as the API server would for the parts
 * this CRD uses: known fields, types, minimum/maximum, enums and patterns.
 */
final class OpenApiSchema {
  /** Every object has them; the API server checks them, not the CRD's schema. */
  private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private OpenApiSchema() {}

  /** Every violation, each with its path; none when the document is valid. */
  static List<String> violations(JSONSchemaProps schema, JsonNode value) {
    List<String> problems = new ArrayList<>();
    check(schema, value, "", problems);
    return problems;
  }

  private static void check(JSONSchemaProps schema, JsonNode value, String path, List<String> out) {
    if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
      if (!value.isIntegralNumber() && !value.isTextual()) {
        out.add(path + ": not an integer or a string");
      }
      return;
    }
    String type = schema.getType();
    if (type == null) {
      return;
    }
    switch (type) {
      case "object" -> checkObject(schema, value, path, out);
      case "array" -> {
        if (!value.isArray()) {
          out.add(path + ": not an array");
        } else {
          for (int i = 0; i < value.size(); i++) {
            check(schema.getItems().getSchema(), value.get(i), path + "[" + i + "]", out);
          }
        }
      }
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          out.add(path + ": not an integer");
        } else {
          checkBounds(schema, value.asDouble(), path, out);
        }
      }
      case "number" -> {
        if (!value.isNumber()) {
          out.add(path + ": not a number");
        } else {
          checkBounds(schema, value.asDouble(), path, out);
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          out.add(path + ": not a boolean");
        }
      }
      case "string" -> checkString(schema, value, path, out);
      default -> out.add(path + ": unknown schema type " + type);
    }
  }

  private static void checkObject(
      JSONSchemaProps schema, JsonNode value, String path, List<String> out) {
    if (!value.isObject()) {
      out.add(path + ": not an object");
      return;
    }
    Map<String, JSONSchemaProps> properties = schema.getProperties();
    JSONSchemaProps additional =
        schema.getAdditionalProperties() == null
            ? null
            : schema.getAdditionalProperties().getSchema();
    for (var field : value.properties()) {
      String at = path + "." + field.getKey();
      if (path.isEmpty() && ROOT_FIELDS.contains(field.getKey())) {
        continue;
      }
      if (properties != null && properties.containsKey(field.getKey())) {
        check(properties.get(field.getKey()), field.getValue(), at, out);
      } else if (additional != null) {
        check(additional, field.getValue(), at, out);
      } else if (!Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields())) {
        out.add(at + ": unknown field");
      }
    }
    for (String required : schema.getRequired()) {
      if (!value.has(required)) {
        out.add(path + "." + required + ": required");
      }
    }
  }

  private static void checkString(
      JSONSchemaProps schema, JsonNode value, String path, List<String> out) {
    if (!value.isTextual()) {
      out.add(path + ": not a string");
      return;
    }
    if (!schema.getEnum().isEmpty()
        && schema.getEnum().stream().noneMatch(e -> e.asText().equals(value.asText()))) {
      out.add(path + ": " + value.asText() + " is not one of " + schema.getEnum());
    }
    if (schema.getPattern() != null && !value.asText().matches(schema.getPattern())) {
      out.add(path + ": does not match " + schema.getPattern());
    }
  }

  private static void checkBounds(
      JSONSchemaProps schema, double number, String path, List<String> out) {
    if (schema.getMinimum() != null && number < schema.getMinimum()) {
      out.add(path + ": below the minimum " + schema.getMinimum());
    }
    if (schema.getMaximum() != null && number > schema.getMaximum()) {
      out.add(path + ": above the maximum " + schema.getMaximum());
    }
  }
}
