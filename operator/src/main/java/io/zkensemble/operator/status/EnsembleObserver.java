package io.zkensemble.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.zkensemble.operator.api.ZkEnsemble;
import java.util.List;
import java.util.Map;

/** Asks the members of an ensemble who they are: the source of the leader and the zxids. */
public interface EnsembleObserver {
  /**
   * @param pods the ensemble's pods
   * @return the reports of the members that answered, by pod name
   */
  Map<String, MemberReport> observe(ZkEnsemble ensemble, List<Pod> pods);
}
