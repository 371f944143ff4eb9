package io.zkensemble.operator.resources;

import io.zkensemble.operator.api.MemberKind;

/** The participants' StatefulSet: pods name-0..name-(replicas-1), ids 1..replicas. */
public class ParticipantStatefulSetDependent extends MemberStatefulSetDependent {
  public ParticipantStatefulSetDependent() {
    super(MemberKind.PARTICIPANT);
  }
}
