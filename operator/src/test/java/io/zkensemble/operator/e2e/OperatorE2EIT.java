package io.zkensemble.operator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CI's end-to-end scenarios ({@link Scenarios#CI}) with live nodes; failsafe gives the JVM the
 * harness's DNS (see the operator's pom). The rest: {@code scripts/operator-e2e.sh --all}.
 */
class OperatorE2EIT {
  @Test
  void ciScenariosPass() throws Exception {
    List<OperatorE2e.Result> results =
        OperatorE2e.run(Scenarios.CI, Path.of("target", "e2e"), System.out);

    assertEquals(
        List.of(),
        results.stream().filter(r -> !r.passed()).map(OperatorE2e.Result::summary).toList());
  }
}
