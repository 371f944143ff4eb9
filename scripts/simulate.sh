#!/usr/bin/env bash
# The deterministic simulator of the consensus core (node/src/test/java/io/zkensemble/node/sim).
#
#   scripts/simulate.sh --seeds N --from S [--nodes 3|5] [--observers M] [--steps K] [--trace] [--verbose]
#
# Runs seeds S..S+N-1 (defaults: 100 seeds from 1, 3 voters, 1 observer, 20000 events each),
# prints one line per failing seed with the command that replays it, and ends with
# "N passed, M failed"; exits 1 if any seed failed. --trace prints every event of every seed
# (use it with --seeds 1 to replay one); --verbose prints a line per passing seed too.
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [[ ! -x $JAVA_HOME/bin/java ]]; then
  echo "the simulator needs a JDK 25: set JAVA_HOME (tried $JAVA_HOME)" >&2
  exit 2
fi

# Maven's own Guice warns about sun.misc.Unsafe on Java 25; it is harmless and not ours.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
classpath=$PWD/node/target/simulate.classpath
./mvnw -B -q -ntp -pl node test-compile -Dspotless.check.skip=true
./mvnw -B -q -ntp -pl node dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath" >/dev/null
exec "$JAVA_HOME/bin/java" -cp "node/target/test-classes:node/target/classes:$(<"$classpath")" \
  io.zkensemble.node.sim.SimulateMain "$@"
