#!/usr/bin/env bash
#
# What observers cost the write path: zkbench write workloads against an ensemble of 3
# participants, then against the same with observers added, the clients connected to the
# participants only; R rounds, alternating, each on fresh ensembles; for zkensemble and for Apache
# ZooKeeper 3.9.5 with the same zoo.cfg, so that what the machine costs (every server shares its 2
# cores and its disk: observers log and fsync every transaction too) is told apart from what the
# implementation costs. Prints, per system and workload, the median ops/s and p99 with and without
# observers and their ratio (1.0: observers cost nothing).
#
#   scripts/observer-impact.sh [--rounds R] [--observers M] [--workloads LIST] [--duration S]
#                              [--systems zkensemble,apache]
#
#   R      rounds (default 3)
#   M      observers added (default 2)
#   LIST   zkbench workloads (default create,set)
#   S      seconds measured per workload (default 10, after 3 s of warm-up)
#
# Uses ../shared/zkbench (copied to node/target/zkbench and built there; its target/lib holds the
# Apache ZooKeeper 3.9.5 server jars) and the node's jar (built if missing); Temurin 25 unless
# $JAVA_HOME says otherwise. Raw results: node/target/observer-impact/results.tsv.

set -euo pipefail

ROOT=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly OUT=$ROOT/node/target/observer-impact
readonly BENCH=$ROOT/node/target/zkbench
readonly BASE_PORT=13180
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

usage() {
  echo "Usage: $0 [--rounds R] [--observers M] [--workloads LIST] [--duration S]" \
    "[--systems zkensemble,apache]" >&2
  exit 2
}

rounds=3
observers=2
workloads=create,set
duration=10
systems=zkensemble,apache
while (($# > 0)); do
  (($# >= 2)) || usage
  case $1 in
  --rounds) rounds=$2 ;;
  --observers) observers=$2 ;;
  --workloads) workloads=$2 ;;
  --duration) duration=$2 ;;
  --systems) systems=$2 ;;
  *) usage ;;
  esac
  shift 2
done

cd "$ROOT"
if [[ ! -f node/target/quarkus-app/quarkus-run.jar ]]; then
  ./mvnw -B -q -ntp -pl node package -DskipTests
fi
if [[ ! -f $BENCH/target/zkbench.jar ]]; then
  rm -rf "$BENCH"
  cp -r "$ROOT/../shared/zkbench" "$BENCH"
  ./mvnw -B -q -ntp -f "$BENCH/pom.xml" package
fi
rm -rf "$OUT"
mkdir -p "$OUT"

# zkensemble: the pseudo-cluster script writes the configs and starts the nodes.
zkensemble() {
  "$ROOT/bin/zkensemble-pseudo-cluster.sh" "$1" 3 --observers "$2" --base-port "$BASE_PORT" \
    --dir "$OUT/cluster" >>"$OUT/cluster.log" 2>&1
}

# Apache: the same ports and settings as the pseudo-cluster's zoo.cfg, one QuorumPeerMain each.
apache() {
  local command=$1 added=$2 id servers=$((3 + $2)) dir
  case $command in
  start)
    for ((id = 1; id <= servers; id++)); do
      dir=$OUT/cluster/$id
      mkdir -p "$dir/data"
      echo "$id" >"$dir/data/myid"
      {
        echo "tickTime=2000"
        echo "initLimit=10"
        echo "syncLimit=5"
        echo "dataDir=$dir/data"
        echo "clientPort=$((BASE_PORT + id))"
        echo "clientPortAddress=127.0.0.1"
        echo "admin.enableServer=false"
        echo "4lw.commands.whitelist=*"
        ((id > 3)) && echo "peerType=observer"
        local peer
        for ((peer = 1; peer <= servers; peer++)); do
          echo "server.$peer=127.0.0.1:$((BASE_PORT + 100 + peer)):$((BASE_PORT + 200 + peer))$( ((peer > 3)) && echo :observer)"
        done
      } >"$dir/zoo.cfg"
      "$JAVA_HOME/bin/java" -Xmx1g -cp "$BENCH/target/lib/*" \
        org.apache.zookeeper.server.quorum.QuorumPeerMain "$dir/zoo.cfg" >"$dir/server.out" 2>&1 &
      echo $! >"$dir/pid"
    done
    ;;
  status)
    for ((id = 1; id <= servers; id++)); do
      srvr "$((BASE_PORT + id))" | grep -q '^Mode:' || return 1
    done
    ;;
  stop)
    for ((id = 1; id <= servers; id++)); do
      if [[ -f $OUT/cluster/$id/pid ]]; then
        kill "$(<"$OUT/cluster/$id/pid")" 2>/dev/null || true
      fi
    done
    wait
    ;;
  esac
}

srvr() {
  # shellcheck disable=SC2016 # $1 expands in the inner bash, bounded by timeout.
  timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf srvr >&3 && cat <&3' _ "$1" 2>/dev/null
}

participants="127.0.0.1:$((BASE_PORT + 1)),127.0.0.1:$((BASE_PORT + 2)),127.0.0.1:$((BASE_PORT + 3))"
IFS=, read -ra system_list <<<"$systems"
IFS=, read -ra workload_list <<<"$workloads"
current=""
trap '[[ -n $current ]] && $current stop "$observers" || true' EXIT
for ((round = 1; round <= rounds; round++)); do
  for system in "${system_list[@]}"; do
    for added in 0 "$observers"; do
      rm -rf "$OUT/cluster"
      current=$system
      $system start "$added"
      # A server that won an election the others did not join waits initLimit (20 s) before it
      # looks again, in both systems: wait until every server serves.
      for ((wait = 0; wait < 120; wait++)); do
        $system status "$added" && break
        sleep 0.5
      done
      for workload in "${workload_list[@]}"; do
        result=$("$JAVA_HOME/bin/java" -jar "$BENCH/target/zkbench.jar" --connect "$participants" \
          --workload "$workload" --clients 8 --outstanding 16 --duration "$duration" --warmup 3 \
          2>>"$OUT/zkbench.log" | grep '^RESULT')
        ops=$(sed -E 's/.* ops_s=([0-9.]+).*/\1/' <<<"$result")
        p99=$(sed -E 's/.* p99_us=([0-9]+).*/\1/' <<<"$result")
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$system" "$added" "$workload" "$ops" "$p99" |
          tee -a "$OUT/results.tsv"
      done
      $system stop "$added"
      current=""
    done
  done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
column() {
  awk -F'\t' -v s="$1" -v a="$2" -v w="$3" -v c="$4" '$2 == s && $3 == a && $4 == w { print $c }' \
    "$OUT/results.tsv" | median
}
printf '\n%-11s %-8s %12s %12s %7s %12s %12s %7s\n' system workload "ops/s 3+0" "ops/s 3+$observers" \
  ratio "p99us 3+0" "p99us 3+$observers" ratio
for system in "${system_list[@]}"; do
  for workload in "${workload_list[@]}"; do
    ops0=$(column "$system" 0 "$workload" 5)
    ops1=$(column "$system" "$observers" "$workload" 5)
    p0=$(column "$system" 0 "$workload" 6)
    p1=$(column "$system" "$observers" "$workload" 6)
    printf '%-11s %-8s %12.0f %12.0f %7.2f %12.0f %12.0f %7.2f\n' "$system" "$workload" "$ops0" \
      "$ops1" "$(awk -v a="$ops1" -v b="$ops0" 'BEGIN { print a / b }')" "$p0" "$p1" \
      "$(awk -v a="$p1" -v b="$p0" 'BEGIN { print a / b }')"
  done
done
