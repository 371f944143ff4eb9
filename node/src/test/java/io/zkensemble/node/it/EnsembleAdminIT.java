package io.zkensemble.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four-letter words of a leader, a follower and an observer, ours against Apache ZooKeeper
 * 3.9.5's in the same ensemble layout (3 participants, 1 observer, each its own process): mntr has
 * the same keys in each role, srvr and conf the same lines, volatile values masked.
 */
class EnsembleAdminIT {
  private static final List<String> ROLES = List.of("leader", "follower", "observer");

  @TempDir Path dir;

  @Test
  void everyRoleAnswersWithApachesKeysAndLines() throws Exception {
    Map<String, Answers> apache;
    try (Ensemble ensemble = ApacheEnsemble.of(dir.resolve("apache"), 3, 1)) {
      apache = answersByRole(ensemble);
    }
    Map<String, Answers> ours;
    try (Ensemble ensemble = Ensemble.of(dir.resolve("ours"), 3, 1)) {
      ours = answersByRole(ensemble);
    }
    for (String role : ROLES) {
      assertEquals(apache.get(role).mntrKeys(), ours.get(role).mntrKeys(), role + " mntr");
      assertEquals(apache.get(role).srvr(), ours.get(role).srvr(), role + " srvr");
      assertEquals(apache.get(role).conf(), ours.get(role).conf(), role + " conf");
    }
  }

  private record Answers(Set<String> mntrKeys, String srvr, String conf) {}

  private static Map<String, Answers> answersByRole(Ensemble ensemble) {
    ensemble.start();
    ensemble.waitUntilAllServing();
    int leader = ensemble.waitForLeader();
    int follower = leader == 1 ? 2 : 1;
    int observer = 4;
    Map<String, Answers> answers = new TreeMap<>();
    answers.put("leader", answers(ensemble, leader));
    answers.put("follower", answers(ensemble, follower));
    answers.put("observer", answers(ensemble, observer));
    return answers;
  }

  private static Answers answers(Ensemble ensemble, int id) {
    Set<String> keys =
        ensemble
            .fourLetterWord(id, "mntr")
            .lines()
            .map(line -> line.substring(0, line.indexOf('\t')))
            // Summary sets Apache fills per request path and per learner: not produced here.
            .filter(key -> !key.endsWith("_per_namespace") && !key.contains("learner_handler_qp"))
            .collect(Collectors.toCollection(TreeSet::new));
    return new Answers(
        keys,
        masked(ensemble.fourLetterWord(id, "srvr")),
        masked(ensemble.fourLetterWord(id, "conf")));
  }

  private static String masked(String text) {
    return text.replaceAll("(?m)^(Zookeeper version: |dataDir=|dataLogDir=).*$", "$1X")
        .replaceAll("0x[0-9a-f]+", "0xH")
        .replaceAll("\\d+", "N");
  }
}
