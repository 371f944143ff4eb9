package io.zkensemble.operator.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.zkensemble.operator.ZkEnsembleReconciler;
import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.validation.SpecValidator;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema check of crds/ and manifests/ (kubeconform is neither in Debian nor on npm, and it
 * needs schemas from the network): every object deserialises into fabric8's model of its kind with
 * no field the model does not know, the sample passes the CRD's own OpenAPI schema and the
 * operator's validation, and the RBAC grants what the operator's dependents need.
 */
class ManifestsTest {
  private static final Path ROOT = Path.of("..");
  private static KubernetesClient client;

  @BeforeAll
  static void client() {
    client = new KubernetesClientBuilder().build();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void crdDescribesTheNamespacedZkEnsembleWithItsStatusSubresource() throws IOException {
    CustomResourceDefinition crd = crd();

    assertEquals("zkensembles.zkensemble.io", crd.getMetadata().getName());
    assertEquals(HasMetadata.getFullResourceName(ZkEnsemble.class), crd.getMetadata().getName());
    assertEquals("Namespaced", crd.getSpec().getScope());
    assertEquals(List.of("zke"), crd.getSpec().getNames().getShortNames());
    var version = crd.getSpec().getVersions().getFirst();
    assertEquals("v1alpha1", version.getName());
    assertTrue(version.getSubresources().getStatus() != null);
    assertEquals(
        List.of("Age", "Replicas", "Version", "Leader", "Phase", "Ready"),
        version.getAdditionalPrinterColumns().stream().map(c -> c.getName()).toList());
    assertNoUnknownFields(crd);
  }

  @Test
  void sampleIsValidForTheSchemaAndTheOperator() throws IOException {
    JsonNode sample = yaml(ROOT.resolve("manifests/samples/zkensemble.yaml"));

    assertEquals(List.of(), OpenApiSchema.violations(schema(), sample));
    ZkEnsemble zk = Serialization.unmarshal(sample.toString(), ZkEnsemble.class);
    assertEquals(3, zk.getSpec().replicas);
    assertEquals(2, zk.getSpec().observers);
    assertTrue(SpecValidator.validate(zk.getSpec()).valid());
    assertTrue(SpecValidator.validate(zk.getSpec()).warnings().isEmpty());
  }

  @Test
  void schemaRefusesWhatTheApiServerWouldRefuse() throws IOException {
    ObjectNode sample = (ObjectNode) yaml(ROOT.resolve("manifests/samples/zkensemble.yaml"));
    ObjectNode spec = (ObjectNode) sample.get("spec");
    spec.put("replicas", 10);
    spec.put("imagePullPolicy", "Sometimes");
    spec.put("observer", 1);
    ((ObjectNode) spec.get("storage")).put("reclaimPolicy", "Recycle");
    spec.remove("image");

    assertEquals(
        List.of(
                ".spec.replicas: above the maximum 9.0",
                ".spec.imagePullPolicy: Sometimes is not one of [\"Always\", \"IfNotPresent\", \"Never\"]",
                ".spec.observer: unknown field",
                ".spec.storage.reclaimPolicy: Recycle is not one of [\"Delete\", \"Retain\"]",
                ".spec.image: required")
            .stream()
            .sorted()
            .toList(),
        OpenApiSchema.violations(schema(), sample).stream().sorted().toList());
  }

  @Test
  void manifestsAreKnownKindsWithOnlyKnownFields() throws IOException {
    List<HasMetadata> objects = manifests();

    assertEquals(
        List.of(
            "Namespace/zkensemble-system",
            "ServiceAccount/zkensemble-operator",
            "ClusterRole/zkensemble-operator",
            "ClusterRoleBinding/zkensemble-operator",
            "Deployment/zkensemble-operator"),
        objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList());
    for (HasMetadata object : objects) {
      assertNoUnknownFields(object);
    }
    Deployment deployment = (Deployment) objects.get(4);
    assertEquals(
        "zkensemble-operator",
        deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
  }

  @Test
  void clusterRoleGrantsWhatEveryDependentAndThePodInformerNeed() throws Exception {
    ClusterRole role =
        manifests().stream()
            .filter(ClusterRole.class::isInstance)
            .map(ClusterRole.class::cast)
            .findFirst()
            .orElseThrow();
    List<String> missing = new ArrayList<>();
    for (Dependent dependent :
        ZkEnsembleReconciler.class.getAnnotation(Workflow.class).dependents()) {
      DependentResource<?, ?> resource = dependent.type().getDeclaredConstructor().newInstance();
      @SuppressWarnings("unchecked")
      Class<? extends HasMetadata> type = (Class<? extends HasMetadata>) resource.resourceType();
      // Server-side apply creates and updates with PATCH.
      String group = HasMetadata.getGroup(type) == null ? "" : HasMetadata.getGroup(type);
      requireVerbs(
          role, group, HasMetadata.getPlural(type), missing, "get", "list", "watch", "patch");
    }
    requireVerbs(role, "", "pods", missing, "get", "list", "watch", "delete");
    requireVerbs(role, "zkensemble.io", "zkensembles", missing, "get", "list", "watch");
    requireVerbs(role, "zkensemble.io", "zkensembles/status", missing, "patch");
    assertEquals(List.of(), missing);
  }

  private static void requireVerbs(
      ClusterRole role, String group, String resource, List<String> missing, String... verbs) {
    for (String verb : verbs) {
      boolean granted =
          role.getRules().stream()
              .filter((PolicyRule rule) -> rule.getApiGroups().contains(group))
              .filter(rule -> rule.getResources().contains(resource))
              .anyMatch(rule -> rule.getVerbs().contains(verb));
      if (!granted) {
        missing.add(verb + " " + (group.isEmpty() ? "" : group + "/") + resource);
      }
    }
  }

  private static CustomResourceDefinition crd() throws IOException {
    try (InputStream in =
        Files.newInputStream(ROOT.resolve("crds/zkensembles.zkensemble.io-v1.yml"))) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    }
  }

  private static JSONSchemaProps schema() throws IOException {
    return crd().getSpec().getVersions().getFirst().getSchema().getOpenAPIV3Schema();
  }

  private static List<HasMetadata> manifests() throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("manifests"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          objects.addAll(client.load(in).items());
        }
      }
    }
    return objects;
  }

  private static JsonNode yaml(Path file) throws IOException {
    return Serialization.yamlMapper().readTree(Files.readString(file));
  }

  /** A field the model does not know lands in some object's additionalProperties. */
  private static void assertNoUnknownFields(Object model) {
    List<String> unknown = new ArrayList<>();
    collectUnknown(model, model.getClass().getSimpleName(), unknown);
    assertEquals(List.of(), unknown);
  }

  private static void collectUnknown(Object value, String path, List<String> unknown) {
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        collectUnknown(item, path + "[" + i++ + "]", unknown);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> collectUnknown(item, path + "." + key, unknown));
      return;
    }
    if (value == null
        || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || !getter.getName().startsWith("get")
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      try {
        Object field = getter.invoke(value);
        if (getter.getName().equals("getAdditionalProperties")) {
          if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
            unknown.add(path + ": " + extra.keySet());
          }
        } else {
          collectUnknown(field, path + "." + getter.getName().substring(3), unknown);
        }
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
  }
}
