#!/usr/bin/env bash
# The operator's end-to-end scenarios with live nodes: fabric8's mock API server, a fake cluster
# that runs every pod as a real node process on its own 127.0.1.x address, the operator as a
# process of its own, and a client writing all along (README, "Operator" / "End-to-end tests").
#
#   scripts/operator-e2e.sh                      every scenario
#   scripts/operator-e2e.sh --scenario scale     one (repeat --scenario for more)
#   scripts/operator-e2e.sh --all | --ci         every scenario | the ones CI runs
#
# Ends with "N passed, M failed"; exit code 0 only if none failed. Each scenario's logs (operator,
# every container, the acknowledged writes) are in operator/target/e2e/<scenario>/. Needs root
# (containers run in mount and UTS namespaces of their own).
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -ntp -q package -DskipTests -pl node,operator
classpath=operator/target/e2e-classpath.txt
./mvnw -B -ntp -q -pl operator dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/$classpath"
mkdir -p operator/target/e2e
exec "$JAVA_HOME/bin/java" \
  -Djdk.net.hosts.file=operator/target/e2e/hosts \
  -Dsun.net.inetaddr.ttl=0 \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Djava.security.properties=operator/src/test/resources/e2e-dns.security \
  -cp "operator/target/test-classes:operator/target/classes:$(cat "$classpath")" \
  io.zkensemble.operator.e2e.OperatorE2e "$@"
