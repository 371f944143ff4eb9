package io.zkensemble.node.sim;

import java.io.PrintStream;

/**
 * {@code scripts/simulate.sh}: runs seeds {@code from .. from+seeds-1}, prints a line per failing
 * seed with the command that replays it, and ends with {@code N passed, M failed}. With {@code
 * --trace} (for one seed) every event is printed.
 */
public final class SimulateMain {
  private SimulateMain() {}

  public static void main(String[] args) {
    long from = 1;
    int seeds = 100;
    int voters = 3;
    int observers = 1;
    int steps = 20_000;
    boolean trace = false;
    boolean verbose = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--from" -> from = Long.parseLong(args[++i]);
        case "--seeds" -> seeds = Integer.parseInt(args[++i]);
        case "--nodes" -> voters = Integer.parseInt(args[++i]);
        case "--observers" -> observers = Integer.parseInt(args[++i]);
        case "--steps" -> steps = Integer.parseInt(args[++i]);
        case "--trace" -> trace = true;
        case "--verbose" -> verbose = true;
        default -> {
          System.err.println("unknown argument " + args[i]);
          System.exit(2);
        }
      }
    }
    PrintStream out = System.out;
    int passed = 0;
    int failed = 0;
    long started = System.nanoTime();
    for (long seed = from; seed < from + seeds; seed++) {
      SimOptions options =
          SimOptions.defaults(seed).withVoters(voters).withObservers(observers).withSteps(steps);
      if (trace) {
        options = options.traced();
      }
      Simulation.Result result = Simulation.run(options, out);
      if (result.ok()) {
        passed++;
        if (verbose) {
          out.printf(
              "seed %d ok: %d events, %d time units, %d committed, %d writes acknowledged%n",
              seed, result.events(), result.time(), result.committed(), result.acks());
        }
      } else {
        failed++;
        out.printf(
            "seed %d FAILED: %s%n  replay: scripts/simulate.sh --from %d --seeds 1 --nodes %d --observers %d --steps %d --trace%n",
            seed, result.failure(), seed, voters, observers, steps);
      }
    }
    out.printf(
        "%d passed, %d failed (%d voters, %d observers, %d steps each, %.1f s)%n",
        passed, failed, voters, observers, steps, (System.nanoTime() - started) / 1e9);
    System.exit(failed == 0 ? 0 : 1);
  }
}
