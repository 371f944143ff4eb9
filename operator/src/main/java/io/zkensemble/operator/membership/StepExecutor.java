package io.zkensemble.operator.membership;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.membership.EnsembleClient.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Carries out the planner's step. Pods are created and deleted by the StatefulSets, whose replicas
 * the dependents have already set from the plan; what is left is done here: reconfig through
 * ZooKeeper, leadership transfer through the leader's admin endpoint, restarts by deleting pods.
 * Every step can be repeated safely: a reconfig is conditional on the configuration it was planned
 * from, a transfer to the current leader or a deletion of a deleted pod does nothing.
 */
@ApplicationScoped
public class StepExecutor {
  private static final Logger LOG = Logger.getLogger(StepExecutor.class);

  private final KubernetesClient kubernetes;
  private final EnsembleClient ensembles;

  public StepExecutor(KubernetesClient kubernetes, EnsembleClient ensembles) {
    this.kubernetes = kubernetes;
    this.ensembles = ensembles;
  }

  /**
   * @param password the super user's, null while the ensemble's Secret does not exist
   * @param pods the ensemble's pods, for their addresses
   * @return what the ensemble answered, when the step asked it something
   */
  public Optional<Outcome> execute(
      ZkEnsemble ensemble, Step step, String password, List<Pod> pods) {
    return switch (step) {
      case Step.AddToConfig add ->
          Optional.of(
              password == null
                  ? noPassword()
                  : ensembles.add(
                      ensemble,
                      password,
                      Membership.serverLine(add.member().id(), add.line()),
                      add.fromVersion()));
      case Step.RemoveFromConfig remove ->
          Optional.of(
              password == null
                  ? noPassword()
                  : ensembles.remove(ensemble, password, remove.id(), remove.fromVersion()));
      case Step.TransferLeadership transfer ->
          Optional.of(
              podIp(pods, transfer.from().pod())
                  .map(ip -> ensembles.transferLeadership(ensemble, ip, transfer.to().id()))
                  .orElseGet(() -> new Outcome(false, transfer.from().pod() + " has no IP")));
      case Step.RestartPods restart -> {
        for (MemberView member : restart.members()) {
          LOG.infof(
              "%s: deleting %s to restart it", ensemble.getMetadata().getName(), member.pod());
          kubernetes
              .pods()
              .inNamespace(ensemble.getMetadata().getNamespace())
              .withName(member.pod())
              .delete();
        }
        yield Optional.empty();
      }
      case Step.CreatePod create -> Optional.empty();
      case Step.DeletePod delete -> Optional.empty();
      case Step.Wait wait -> Optional.empty();
      case Step.Blocked blocked -> Optional.empty();
      case Step.Nothing nothing -> Optional.empty();
    };
  }

  private static Outcome noPassword() {
    return new Outcome(false, "the super user's Secret does not exist yet");
  }

  private static Optional<String> podIp(List<Pod> pods, String name) {
    return pods.stream()
        .filter(pod -> pod.getMetadata().getName().equals(name))
        .map(pod -> pod.getStatus() == null ? null : pod.getStatus().getPodIP())
        .filter(ip -> ip != null && !ip.isEmpty())
        .findFirst();
  }
}
