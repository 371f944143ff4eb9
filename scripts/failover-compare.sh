#!/usr/bin/env bash
#
# Compares how long zkensemble and Apache ZooKeeper 3.9.5 take to accept writes again after their
# leader is killed with SIGKILL, on this machine, with the same settings (tickTime=2000,
# initLimit=10, syncLimit=5) and the same client (Apache's Java client, one session connected to
# every server but the leader, writing back to back). See FailoverProbe's Javadoc for the method.
#
#   scripts/failover-compare.sh [--runs R] [--servers N] [--only apache|zkensemble]
#
#   R   runs per system (default 5), each on the same ensemble: kill the leader, measure, restart
#       the killed server, wait until the ensemble is whole again
#   N   participants per ensemble (default 3; 3 or 5 as in production)
#   --only   measure one system only (no ratio)
#
# Two figures per run, from the kill: until the first write is acknowledged under a new leader
# (what the client sees, including the Apache client's random reconnection backoff of up to 1 s per
# attempt) and until a new leader serves (srvr "Mode: leader", the servers' part alone). Prints each
# run, each system's medians (with min and max) and the ratios of the medians, zkensemble / Apache
# (below 1: zkensemble fails over faster). The first figure is noisy: use 11 runs or more to decide
# anything.
#
# Builds what it needs first: the node's jar, the test classes (FailoverProbe and the Ensemble
# harness) and the test classpath, which holds Apache ZooKeeper 3.9.5. Runs on $JAVA_HOME (default:
# Temurin 25). The ensembles live in node/target/failover/<system>; each server's output is in
# node/target/failover/<system>/<id>/server.out.

set -euo pipefail

ROOT=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly CLASSPATH_FILE=node/target/failover-classpath.txt
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

die() {
  echo "failover-compare: $*" >&2
  exit 1
}

usage() {
  echo "Usage: $0 [--runs R] [--servers N] [--only apache|zkensemble]" >&2
  exit 2
}

runs=5
servers=3
systems=apache,zkensemble
while (($# > 0)); do
  (($# >= 2)) || usage
  case $1 in
  --runs) runs=$2 ;;
  --servers) servers=$2 ;;
  --only) systems=$2 ;;
  *) usage ;;
  esac
  shift 2
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs $runs: must be a positive number"
if [[ ! $servers =~ ^[0-9]+$ ]] || ((servers < 3)); then
  die "--servers $servers: must be 3 or more"
fi
[[ $systems == apache || $systems == zkensemble || $systems == apache,zkensemble ]] ||
  die "--only $systems: must be apache or zkensemble"
[[ -x $JAVA_HOME/bin/java ]] || die "JAVA_HOME=$JAVA_HOME has no bin/java (Temurin 25 is expected there)"

cd "$ROOT"
# Apache's servers and the probe run from the test classpath; our node runs from its packaged jar,
# which only `package` builds (with the test classes, whose compilation -DskipTests keeps).
goal=package
[[ $systems == apache ]] && goal=test-compile
echo "Building (./mvnw -pl node $goal dependency:build-classpath) ..."
./mvnw -B -q -ntp -pl node "$goal" dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile="$ROOT/$CLASSPATH_FILE"

cd node
exec "$JAVA_HOME/bin/java" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:$(<"$ROOT/$CLASSPATH_FILE")" io.zkensemble.node.it.FailoverProbe \
  --systems "$systems" --servers "$servers" --runs "$runs" --dir target/failover
