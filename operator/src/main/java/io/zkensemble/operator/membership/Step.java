package io.zkensemble.operator.membership;

import io.zkensemble.operator.api.MemberKind;
import java.util.List;
import java.util.stream.Collectors;

/** The one thing the operator does next to an ensemble, as the {@link Planner} decides it. */
public sealed interface Step {
  /** What the status says about it. */
  String describe();

  /** Every member runs the spec: nothing to do. */
  record Nothing() implements Step {
    @Override
    public String describe() {
      return "every member runs the current spec";
    }
  }

  /** Something has to happen by itself first: a pod to start, a member to sync, an election. */
  record Wait(String reason) implements Step {
    @Override
    public String describe() {
      return reason;
    }
  }

  /** Nothing can go on until a person acts: the reason says what is wrong. */
  record Blocked(String reason) implements Step {
    @Override
    public String describe() {
      return reason;
    }
  }

  /** Raise a StatefulSet's replicas by one, making the pod of {@code ordinal}. */
  record CreatePod(MemberKind kind, int ordinal, String pod) implements Step {
    @Override
    public String describe() {
      return "creating " + pod + " to add it to the ensemble";
    }
  }

  /** Lower a StatefulSet's replicas by one, deleting its highest pod, already out of the config. */
  record DeletePod(MemberKind kind, int ordinal, String pod) implements Step {
    @Override
    public String describe() {
      return "deleting " + pod + ", removed from the configuration";
    }
  }

  /** {@code reconfig -add} a synced member, if the configuration is still {@code fromVersion}. */
  record AddToConfig(MemberView member, String line, long fromVersion) implements Step {
    @Override
    public String describe() {
      return "adding " + member.name() + " to the configuration as " + member.kind().label();
    }
  }

  /** {@code reconfig -remove} a member, if the configuration is still {@code fromVersion}. */
  record RemoveFromConfig(long id, String pod, long fromVersion) implements Step {
    @Override
    public String describe() {
      return "removing " + pod + " (id " + id + ") from the configuration";
    }
  }

  /** Delete pods, so that their StatefulSet makes them again from the current template. */
  record RestartPods(List<MemberView> members) implements Step {
    public RestartPods {
      members = List.copyOf(members);
    }

    @Override
    public String describe() {
      return "restarting "
          + members.stream().map(MemberView::name).collect(Collectors.joining(", "))
          + " with the current pod template";
    }
  }

  /** The leader hands leadership to a synced voter before it restarts or leaves. */
  record TransferLeadership(MemberView from, MemberView to) implements Step {
    @Override
    public String describe() {
      return "moving leadership from " + from.name() + " to " + to.name();
    }
  }
}
