package io.zkensemble.operator.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The cluster's DNS as a hosts file for {@code -Djdk.net.hosts.file}: the machine's own names, one
 * line per pod, and one line per endpoint of each Service. Rewritten whole, atomically (a temporary
 * file renamed over it), so that a reader sees either the old or the new file, never a torn one.
 */
final class HostsFile {
  private final Path file;
  private String written;

  HostsFile(Path file) {
    this.file = file;
  }

  /** Writes the content if it differs from what this harness last wrote. */
  synchronized void write(String content) {
    if (content.equals(written)) {
      return;
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".hosts", ".tmp");
      Files.writeString(temporary, content);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      written = content;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * The file's content. Pods first, so that a reverse lookup of a pod's address (the JDK takes the
   * first line with that address) gives the pod's name: {@code <ip> <hostname>.<subdomain>.<ns>.svc
   * <hostname>.<subdomain>.<ns>.svc.cluster.local <hostname>} for every existing pod, ready or not,
   * terminating or not, and {@code <ip> <hostname>} for a pod without a subdomain (its own name
   * inside a pod's {@code /etc/hosts}). Then, per Service with a selector, {@code <ip>
   * <service>.<ns>.svc <service>.<ns>.svc.cluster.local} for each endpoint: the pods its selector
   * matches that have an IP and are ready and not terminating, or all of them with {@code
   * publishNotReadyAddresses}. That is what a headless Service's DNS answers; for a Service with a
   * cluster IP the lines stand for the virtual IP that kube-proxy would balance over those pods.
   */
  static String render(
      String namespace,
      String machineHostname,
      Collection<Pod> pods,
      Collection<Service> services,
      Function<String, String> podIp) {
    StringBuilder out = new StringBuilder();
    out.append("# written by FakeCluster for namespace ").append(namespace).append('\n');
    out.append("127.0.0.1 localhost ").append(machineHostname).append('\n');
    List<Pod> sorted = new ArrayList<>(pods);
    sorted.sort(Comparator.comparing(p -> p.getMetadata().getName()));
    for (Pod pod : sorted) {
      String name = pod.getMetadata().getName();
      String hostname = Objects.requireNonNullElse(pod.getSpec().getHostname(), name);
      String subdomain = pod.getSpec().getSubdomain();
      out.append(podIp.apply(name));
      if (subdomain != null && !subdomain.isEmpty()) {
        String fqdn = hostname + "." + subdomain + "." + namespace + ".svc";
        out.append(' ').append(fqdn).append(' ').append(fqdn).append(".cluster.local");
      }
      out.append(' ').append(hostname).append('\n');
    }
    List<Service> sortedServices = new ArrayList<>(services);
    sortedServices.sort(Comparator.comparing(s -> s.getMetadata().getName()));
    for (Service service : sortedServices) {
      Map<String, String> selector = service.getSpec().getSelector();
      if (selector == null
          || selector.isEmpty()
          || "ExternalName".equals(service.getSpec().getType())) {
        continue;
      }
      String fqdn = service.getMetadata().getName() + "." + namespace + ".svc";
      boolean notReadyToo = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
      for (Pod pod : sorted) {
        if (matches(selector, pod) && hasIp(pod) && (notReadyToo || serving(pod))) {
          out.append(pod.getStatus().getPodIP()).append(' ').append(fqdn).append(' ');
          out.append(fqdn).append(".cluster.local\n");
        }
      }
    }
    return out.toString();
  }

  static boolean ready(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static boolean serving(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null && ready(pod);
  }

  private static boolean hasIp(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getPodIP() != null;
  }

  private static boolean matches(Map<String, String> selector, Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels != null && labels.entrySet().containsAll(selector.entrySet());
  }
}
