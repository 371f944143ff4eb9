package io.zkensemble.operator.resources;

import io.zkensemble.operator.api.MemberKind;
import io.zkensemble.operator.api.ZkEnsemble;

/** The names of the objects an ensemble owns, and of its members' DNS entries. */
public final class Names {
  private Names() {}

  public static String headlessService(ZkEnsemble ensemble) {
    return ensemble.getMetadata().getName() + "-headless";
  }

  /** The Service clients connect to: every participant and observer behind one name. */
  public static String clientService(ZkEnsemble ensemble) {
    return ensemble.getMetadata().getName() + "-client";
  }

  public static String configMap(ZkEnsemble ensemble) {
    return ensemble.getMetadata().getName() + "-config";
  }

  /** Participants are pods name-0, name-1, ...; observers name-observer-0, ... */
  public static String statefulSet(ZkEnsemble ensemble, MemberKind kind) {
    String name = ensemble.getMetadata().getName();
    return kind == MemberKind.PARTICIPANT ? name : name + "-observer";
  }

  /** The Secret with the super user's password, which the operator reconfigures with. */
  public static String superCredentials(ZkEnsemble ensemble) {
    return ensemble.getMetadata().getName() + "-super";
  }

  public static String podDisruptionBudget(ZkEnsemble ensemble) {
    return ensemble.getMetadata().getName();
  }

  public static String serviceMonitor(ZkEnsemble ensemble) {
    return ensemble.getMetadata().getName();
  }

  public static String pod(ZkEnsemble ensemble, MemberKind kind, int ordinal) {
    return statefulSet(ensemble, kind) + "-" + ordinal;
  }

  /**
   * The member's name in the headless Service's DNS zone. Without the cluster domain, so that it
   * resolves through the pod's search path whatever the cluster domain is.
   */
  public static String podHost(ZkEnsemble ensemble, MemberKind kind, int ordinal) {
    return pod(ensemble, kind, ordinal) + "." + memberDomain(ensemble);
  }

  /** The headless Service's DNS zone, where every member's name is. */
  public static String memberDomain(ZkEnsemble ensemble) {
    return headlessService(ensemble) + "." + ensemble.getMetadata().getNamespace() + ".svc";
  }
}
