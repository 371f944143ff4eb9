package io.zkensemble.node.sim;

/**
 * One simulation run: the seed, the ensemble, how long the run lasts and how often faults happen.
 * Every rate is a probability per scheduling decision, all drawn from the seed.
 *
 * @param seed the seed every choice derives from
 * @param voters voting members (ids 1..voters)
 * @param observers observers (ids after the voters)
 * @param steps events processed in the fault phase
 * @param clients clients writing and reading
 * @param crashRate chance per fault decision that a running server crashes
 * @param partitionRate chance per fault decision that links are cut
 * @param slowRate chance per fault decision that a server becomes slow for a while
 * @param tornRate chance that a crash tears the last unsynced record
 * @param trace whether to print every event
 */
record SimOptions(
    long seed,
    int voters,
    int observers,
    int steps,
    int clients,
    double crashRate,
    double partitionRate,
    double slowRate,
    double tornRate,
    boolean trace) {

  static SimOptions defaults(long seed) {
    return new SimOptions(seed, 3, 1, 20_000, 4, 0.02, 0.03, 0.02, 0.5, false);
  }

  SimOptions withVoters(int count) {
    return new SimOptions(
        seed,
        count,
        observers,
        steps,
        clients,
        crashRate,
        partitionRate,
        slowRate,
        tornRate,
        trace);
  }

  SimOptions withObservers(int count) {
    return new SimOptions(
        seed, voters, count, steps, clients, crashRate, partitionRate, slowRate, tornRate, trace);
  }

  SimOptions withSteps(int count) {
    return new SimOptions(
        seed,
        voters,
        observers,
        count,
        clients,
        crashRate,
        partitionRate,
        slowRate,
        tornRate,
        trace);
  }

  SimOptions traced() {
    return new SimOptions(
        seed,
        voters,
        observers,
        steps,
        clients,
        crashRate,
        partitionRate,
        slowRate,
        tornRate,
        true);
  }
}
