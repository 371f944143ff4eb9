package io.zkensemble.operator.validation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.zkensemble.operator.api.StorageSpec;
import io.zkensemble.operator.api.ZkEnsembleSpec;
import io.zkensemble.operator.resources.Labels;
import io.zkensemble.operator.resources.Ports;
import io.zkensemble.operator.resources.ZooCfg;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks what the CRD's OpenAPI schema cannot express: the zoo.cfg keys the operator owns, the
 * shape of extra keys and values, distinct ports, labels that would break the selectors, storage
 * that can no longer change, and settings that work but are likely mistakes.
 */
public final class SpecValidator {
  /** Keys of zoo.cfg the operator writes itself, and what to do instead. */
  private static final Map<String, String> OWNED_KEYS = ownedKeys();

  /** System properties that would let others than the operator reconfig. */
  private static final List<String> OWNED_PROPERTIES =
      List.of("zookeeper.skipACL", "zookeeper.DigestAuthenticationProvider.superDigest");

  /** A properties key that round-trips through zoo.cfg unchanged. */
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-]+");

  private SpecValidator() {}

  public static SpecValidation validate(ZkEnsembleSpec spec) {
    return validate(spec, List.of());
  }

  /**
   * @param existing the ensemble's StatefulSets as they are, none before they are created
   */
  public static SpecValidation validate(ZkEnsembleSpec spec, Collection<StatefulSet> existing) {
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    checkExtraConfig(spec.config.extra, errors);
    checkPorts(spec, errors);
    checkAddressesUnchanged(spec, existing, errors);
    checkLabels(spec.pod.labels, errors);
    checkJvmOptions(spec.jvmOptions, errors);
    if (spec.storage.size == null || spec.storage.size.getNumericalAmount().signum() <= 0) {
      errors.add("spec.storage.size must be a positive quantity, e.g. 10Gi");
    } else {
      checkStorageUnchanged(spec.storage, existing, errors);
    }
    if (spec.replicas % 2 == 0) {
      warnings.add(
          "spec.replicas="
              + spec.replicas
              + " is even: it survives no more failures than "
              + (spec.replicas - 1)
              + " participants would; prefer an odd number");
    }
    int tolerated = (spec.replicas - 1) / 2;
    if (spec.podDisruptionBudget.maxUnavailable > tolerated) {
      warnings.add(
          "spec.podDisruptionBudget.maxUnavailable="
              + spec.podDisruptionBudget.maxUnavailable
              + " lets a node drain take down more participants than the quorum of "
              + spec.replicas
              + " survives ("
              + tolerated
              + ")");
    }
    return new SpecValidation(List.copyOf(errors), List.copyOf(warnings));
  }

  /** Kubernetes refuses any change to a StatefulSet's volume claim templates: say so first. */
  private static void checkStorageUnchanged(
      StorageSpec storage, Collection<StatefulSet> existing, List<String> errors) {
    for (StatefulSet set : existing) {
      for (PersistentVolumeClaim claim : set.getSpec().getVolumeClaimTemplates()) {
        Quantity size = claim.getSpec().getResources().getRequests().get("storage");
        String problem = null;
        if (size != null
            && size.getNumericalAmount().compareTo(storage.size.getNumericalAmount()) != 0) {
          problem = "spec.storage.size cannot change once the ensemble exists: it is " + size;
        } else if (!Objects.equals(
            claim.getSpec().getStorageClassName(), storage.storageClassName)) {
          problem =
              "spec.storage.storageClassName cannot change once the ensemble exists: it is "
                  + claim.getSpec().getStorageClassName();
        }
        if (problem != null && !errors.contains(problem)) {
          errors.add(problem);
        }
      }
    }
  }

  private static void checkExtraConfig(Map<String, String> extra, List<String> errors) {
    for (Map.Entry<String, String> entry : extra.entrySet()) {
      String key = entry.getKey();
      String owned =
          key.startsWith("server.") ? "the operator writes the server lines" : OWNED_KEYS.get(key);
      if (owned != null) {
        errors.add("spec.config.extra." + key + " is not allowed: " + owned);
      } else if (!KEY.matcher(key).matches()) {
        errors.add(
            "spec.config.extra key '" + key + "' must be letters, digits, '.', '_' or '-' only");
      } else if (entry.getValue() == null || entry.getValue().contains("\n")) {
        errors.add("spec.config.extra." + key + " must be a single-line value");
      }
    }
  }

  /**
   * The client, quorum and election ports are in every member's server line, in the configuration
   * the members agreed on: they stay what they were.
   */
  private static void checkAddressesUnchanged(
      ZkEnsembleSpec spec, Collection<StatefulSet> existing, List<String> errors) {
    Map<String, Integer> wanted =
        Map.of(
            Ports.CLIENT, spec.ports.client,
            Ports.QUORUM, spec.ports.quorum,
            Ports.ELECTION, spec.ports.election);
    for (StatefulSet set : existing) {
      if (set.getSpec().getTemplate() == null) {
        continue;
      }
      for (Container container : set.getSpec().getTemplate().getSpec().getContainers()) {
        for (ContainerPort port : container.getPorts()) {
          Integer asked = wanted.get(port.getName());
          String problem =
              "spec.ports."
                  + port.getName()
                  + " cannot change once the ensemble exists (it is in every member's address in"
                  + " the configuration): it is "
                  + port.getContainerPort();
          if (asked != null
              && !asked.equals(port.getContainerPort())
              && !errors.contains(problem)) {
            errors.add(problem);
          }
        }
      }
    }
  }

  private static void checkPorts(ZkEnsembleSpec spec, List<String> errors) {
    Map<Integer, String> seen = new HashMap<>();
    Map<String, Integer> ports =
        Map.of(
            Ports.CLIENT, spec.ports.client,
            Ports.QUORUM, spec.ports.quorum,
            Ports.ELECTION, spec.ports.election,
            Ports.ADMIN, spec.ports.admin,
            Ports.METRICS, spec.ports.metrics);
    for (String name :
        List.of(Ports.CLIENT, Ports.QUORUM, Ports.ELECTION, Ports.ADMIN, Ports.METRICS)) {
      String earlier = seen.putIfAbsent(ports.get(name), name);
      if (earlier != null) {
        errors.add(
            "spec.ports."
                + earlier
                + " and spec.ports."
                + name
                + " are both "
                + ports.get(name)
                + "; every port must be different");
      }
    }
  }

  private static void checkLabels(Map<String, String> labels, List<String> errors) {
    for (String own : List.of(Labels.NAME, Labels.INSTANCE, Labels.COMPONENT, Labels.MANAGED_BY)) {
      if (labels.containsKey(own)) {
        errors.add(
            "spec.pod.labels."
                + own
                + " is not allowed: the operator selects its pods with that label");
      }
    }
  }

  private static void checkJvmOptions(List<String> options, List<String> errors) {
    for (String option : options) {
      if (option == null || option.isBlank()) {
        errors.add("spec.jvmOptions must not hold empty options");
      } else {
        for (String owned : OWNED_PROPERTIES) {
          if (option.startsWith("-D" + owned + "=")) {
            errors.add(
                "spec.jvmOptions "
                    + option
                    + " is not allowed: only the operator changes the"
                    + " membership, as the super user");
          }
        }
      }
    }
  }

  private static Map<String, String> ownedKeys() {
    Map<String, String> keys = new HashMap<>();
    String volume = "the data directory is the member's volume, " + ZooCfg.DATA_DIR;
    keys.put("dataDir", volume);
    keys.put("dataLogDir", volume);
    keys.put("myid", "the operator derives each member's id from its pod");
    keys.put("dynamicConfigFile", "the operator writes the membership");
    String reconfig = "only the operator changes the membership, as the super user";
    keys.put("reconfigEnabled", reconfig);
    keys.put("skipACL", reconfig + "; skipACL would let every client reconfig");
    keys.put("DigestAuthenticationProvider.superDigest", reconfig);
    keys.put("peerType", "set spec.observers for observers");
    keys.put("standaloneEnabled", "an operated ensemble never runs standalone");
    keys.put("quorumListenOnAllIPs", "pods must listen before their DNS names resolve");
    keys.put("clientPort", "set spec.ports.client");
    keys.put("clientPortAddress", "members serve clients on every interface");
    keys.put("admin.serverPort", "set spec.ports.admin");
    keys.put("admin.enableServer", "the probes and the status need the admin server");
    keys.put("metricsProvider.httpPort", "set spec.ports.metrics");
    for (String own :
        List.of("tickTime", "initLimit", "syncLimit", "snapCount", "maxClientCnxns")) {
      keys.put(own, "set spec.config." + own);
    }
    keys.put("autopurge.snapRetainCount", "set spec.config.autopurge.snapRetainCount");
    keys.put("autopurge.purgeInterval", "set spec.config.autopurge.purgeInterval");
    return Map.copyOf(keys);
  }
}
