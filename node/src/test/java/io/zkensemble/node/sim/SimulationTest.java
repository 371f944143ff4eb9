package io.zkensemble.node.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CI seed set: each seed a full fault phase (crashes, partitions, slow servers, torn writes)
 * then a liveness phase, on 3 and on 5 voters with observers. About half a minute here.
 */
class SimulationTest {
  @Test
  void threeVotersAndAnObserver() {
    runSeeds(1, 1500, SimOptions.defaults(0));
  }

  @Test
  void fiveVotersAndTwoObservers() {
    runSeeds(100_001, 800, SimOptions.defaults(0).withVoters(5).withObservers(2));
  }

  private static void runSeeds(long from, int count, SimOptions template) {
    List<String> failures = new ArrayList<>();
    for (long seed = from; seed < from + count; seed++) {
      SimOptions options =
          new SimOptions(
              seed,
              template.voters(),
              template.observers(),
              template.steps(),
              template.clients(),
              template.crashRate(),
              template.partitionRate(),
              template.slowRate(),
              template.tornRate(),
              false);
      Simulation.Result result = Simulation.run(options, System.out);
      if (!result.ok()) {
        failures.add("seed " + seed + ": " + result.failure());
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }
}
