package io.zkensemble.operator.resources;

import io.zkensemble.operator.api.MemberKind;

/**
 * The observers' StatefulSet: pods name-observer-0, ..., ids 1001, ... It exists with 0 replicas
 * when there are no observers, so adding some only scales it.
 */
public class ObserverStatefulSetDependent extends MemberStatefulSetDependent {
  public ObserverStatefulSetDependent() {
    super(MemberKind.OBSERVER);
  }
}
