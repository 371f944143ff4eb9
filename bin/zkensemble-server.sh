#!/usr/bin/env bash
#
# Starts, stops and inspects a zkensemble node; commands, messages and environment variables
# follow Apache ZooKeeper's bin/zkServer.sh so existing habits and tooling keep working.
#
#   zkensemble-server.sh {start|start-foreground|stop|status|restart|print-cmd} [zoo.cfg]
#
# The config defaults to $ZOOCFGDIR/zoo.cfg; a name without a directory is looked up in
# $ZOOCFGDIR, any other path is used as given (as Apache does).
#
# Environment:
#   JAVA_HOME        JDK to run (21 or newer). Unset: the newest JDK >= 21 under /usr/lib/jvm,
#                    else `java` on the PATH if it is 21 or newer.
#   ZOOCFGDIR        config directory (default: conf/ next to this script's directory)
#   ZOO_LOG_DIR      where `start` writes the node's output (default: logs/ in the same place)
#   ZOOPIDFILE       pid file (default: zookeeper_server.pid in the config's dataDir)
#   SERVER_JVMFLAGS, JVMFLAGS   extra JVM flags, in that order
#   ZKENSEMBLE_START_TIMEOUT    seconds `start` waits for the node to answer srvr (default 30)
#   ZKENSEMBLE_STOP_TIMEOUT     seconds `stop` waits after SIGTERM before SIGKILL (default 30)

set -euo pipefail

readonly MIN_JAVA=21
ROOT=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly JAR="$ROOT/node/target/quarkus-app/quarkus-run.jar"
readonly START_TIMEOUT=${ZKENSEMBLE_START_TIMEOUT:-30}
readonly STOP_TIMEOUT=${ZKENSEMBLE_STOP_TIMEOUT:-30}

die() {
  echo "zkensemble: $*" >&2
  exit 1
}

usage() {
  echo "Usage: $0 {start|start-foreground|stop|status|restart|print-cmd} [zoo.cfg]" >&2
  exit 2
}

# The value of key $1 in $ZOOCFG, read like java.util.Properties (key=value, key:value or
# key value; '#' and '!' start comments; the last occurrence wins), trimmed; empty if absent.
cfg_value() {
  local key=$1 line value=""
  local re='^([^=:[:space:]]+)[[:space:]]*[=:]?[[:space:]]*(.*)$'
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line#"${line%%[![:space:]]*}"}
    if [[ $line != [#!]* && $line =~ $re && ${BASH_REMATCH[1]} == "$key" ]]; then
      value=${BASH_REMATCH[2]}
    fi
  done <"$ZOOCFG"
  printf '%s' "${value%"${value##*[![:space:]]}"}"
}

# The major version of the java binary $1 (8 for "1.8.0_x"), or nothing if it does not run.
java_major() {
  local out
  out=$("$1" -version 2>&1) || return 0
  if [[ $out =~ version\ \"1\.([0-9]+) || $out =~ version\ \"([0-9]+) ]]; then
    echo "${BASH_REMATCH[1]}"
  fi
}

# Sets JAVA and JAVA_MAJOR: $JAVA_HOME/bin/java, else the newest JDK >= 21 under /usr/lib/jvm,
# else java on PATH.
find_java() {
  find_java_binary
  JAVA_MAJOR=$(java_major "$JAVA")
}

find_java_binary() {
  local candidate major best="" best_major=0
  if [[ -n ${JAVA_HOME:-} ]]; then
    JAVA="$JAVA_HOME/bin/java"
    [[ -x $JAVA ]] || die "JAVA_HOME=$JAVA_HOME has no bin/java"
    major=$(java_major "$JAVA")
    ((${major:-0} >= MIN_JAVA)) ||
      die "JAVA_HOME=$JAVA_HOME is Java ${major:-of unknown version}; zkensemble needs Java $MIN_JAVA or newer"
    return
  fi
  for candidate in /usr/lib/jvm/*/bin/java; do
    [[ -x $candidate ]] || continue
    major=$(java_major "$candidate")
    if ((${major:-0} > best_major)); then
      best=$candidate
      best_major=$major
    fi
  done
  if ((best_major >= MIN_JAVA)); then
    JAVA=$best
    return
  fi
  if candidate=$(command -v java) && major=$(java_major "$candidate") && ((${major:-0} >= MIN_JAVA)); then
    JAVA=$candidate
    return
  fi
  die "no Java $MIN_JAVA or newer found; set JAVA_HOME to a JDK $MIN_JAVA+ (e.g. /usr/lib/jvm/temurin-25-jdk-amd64)"
}

# Sets CMD to the command line that runs the node.
build_cmd() {
  find_java
  [[ -f $JAR ]] || die "$JAR not found; build it first: (cd $ROOT && ./mvnw -B -ntp package -DskipTests)"
  local -a flags
  read -r -a flags <<<"${SERVER_JVMFLAGS:-} ${JVMFLAGS:-}"
  # Netty (under Vert.x) uses sun.misc.Unsafe for direct buffers; Java 24+ warns at each start
  # unless that use is allowed explicitly.
  if ((JAVA_MAJOR >= 24)); then
    flags=(--sun-misc-unsafe-memory-access=allow "${flags[@]}")
  fi
  # Like Apache's -XX:OnOutOfMemoryError='kill -9 %p': a node out of memory must not limp on.
  CMD=("$JAVA" -XX:+ExitOnOutOfMemoryError "${flags[@]}" -jar "$JAR" "$ZOOCFG")
}

# True while process $1 exists and is not a zombie.
process_alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $state != Z* ]]
}

# The pid in the pid file if that process is alive and runs our jar; fails otherwise, so that a
# stale pid file never makes us signal an unrelated process that reused the pid.
node_pid() {
  local pid args
  [[ -f $ZOOPIDFILE ]] || return 1
  pid=$(<"$ZOOPIDFILE")
  [[ $pid =~ ^[0-9]+$ ]] && process_alive "$pid" || return 1
  args=$(ps -o args= -p "$pid" 2>/dev/null) && [[ $args == *quarkus-run.jar* ]] || return 1
  echo "$pid"
}

# Sends srvr to host $1 port $2 and prints the answer; fails if nothing answers.
srvr() {
  # shellcheck disable=SC2016 # $1 and $2 expand in the inner bash, bounded by timeout.
  timeout 5 bash -c 'exec 3<>"/dev/tcp/$1/$2" && printf srvr >&3 && cat <&3' _ "$1" "$2" 2>/dev/null
}

client_host() {
  local address
  address=$(cfg_value clientPortAddress)
  echo "${address:-localhost}"
}

do_start() {
  local pid deadline code=0
  build_cmd
  printf 'Starting zkensemble ... '
  if pid=$(node_pid); then
    echo "already running as process $pid."
    exit 1
  fi
  if srvr "$HOST" "$PORT" >/dev/null; then
    echo "FAILED TO START: a server already answers on $HOST:$PORT."
    exit 1
  fi
  mkdir -p "$ZOO_LOG_DIR" "$(dirname -- "$ZOOPIDFILE")"
  nohup "${CMD[@]}" >"$OUT" 2>&1 </dev/null &
  pid=$!
  if ! echo -n "$pid" >"$ZOOPIDFILE"; then
    kill "$pid"
    echo "FAILED TO WRITE PID to $ZOOPIDFILE"
    exit 1
  fi
  # Apache checks the pid once after a second; we wait until the node answers on its client port
  # (its data directory recovered, its ports bound), so that a bad config or data directory is
  # reported here. A member of an ensemble answers before it serves: it may still wait for a quorum.
  deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! process_alive "$pid"; then
      wait "$pid" || code=$?
      rm -f "$ZOOPIDFILE"
      echo "FAILED TO START (exit code $code); last lines of $OUT:"
      tail -n 5 "$OUT"
      exit 1
    fi
    if [[ -n $(srvr "$HOST" "$PORT") ]]; then
      echo STARTED
      return
    fi
    sleep 0.1
  done
  echo "FAILED TO START: process $pid does not answer on $HOST:$PORT after $START_TIMEOUT s;" \
    "it is still running (see $OUT; stop it with: $0 stop $ZOOCFG)"
  exit 1
}

do_stop() {
  local pid deadline
  printf 'Stopping zkensemble ... '
  if [[ ! -f $ZOOPIDFILE ]]; then
    echo "no zkensemble to stop (could not find file $ZOOPIDFILE)"
    return
  fi
  if pid=$(node_pid); then
    kill -TERM "$pid"
    deadline=$((SECONDS + STOP_TIMEOUT))
    while process_alive "$pid" && ((SECONDS < deadline)); do
      sleep 0.1
    done
    if process_alive "$pid"; then
      printf 'still running after %s s, killing process %s ... ' "$STOP_TIMEOUT" "$pid"
      kill -KILL "$pid"
      while process_alive "$pid"; do
        sleep 0.1
      done
    fi
  else
    printf 'removing stale pid file (no node runs as process %s) ... ' "$(<"$ZOOPIDFILE")"
  fi
  rm -f "$ZOOPIDFILE"
  echo STOPPED
}

# The client part ("[address:]port") of the line server.$2 in file $1, as Apache's zkServer.sh
# reads it; empty if there is none.
server_client_part() {
  local line re="^[[:space:]]*server\\.$2[[:space:]]*=[^;]*;[[:space:]]*([^[:space:]]*)"
  [[ -f $1 ]] || return 0
  while IFS= read -r line || [[ -n $line ]]; do
    if [[ $line =~ $re ]]; then
      printf '%s' "${BASH_REMATCH[1]}"
    fi
  done <"$1"
}

# Like zkServer.sh: without clientPort in the config, the client port (and address) come from this
# server's own line, server.<myid>=...;[address:]port, in the config or else in its
# dynamicConfigFile.
find_client_port_in_server_lines() {
  local data_dir myid part
  data_dir=$(cfg_value dataDir)
  myid=$(tr -d '[:space:]' 2>/dev/null <"$data_dir/myid") || true
  if [[ ! $myid =~ ^[0-9]+$ ]]; then
    echo "No clientPort, and no myid in $data_dir to find this server's line with a client port."
    return
  fi
  part=$(server_client_part "$ZOOCFG" "$myid")
  if [[ -z $part ]]; then
    echo "Client port not found in the static config file. Looking in the dynamic config file."
    part=$(server_client_part "$(cfg_value dynamicConfigFile)" "$myid")
  fi
  if [[ -z $part ]]; then
    echo "Client port not found in the server configs"
  elif [[ $part == *:* ]]; then
    HOST=${part%:*}
    PORT=${part##*:}
  else
    PORT=$part
  fi
}

# Reports the Mode srvr gives (leader, follower, observer, standalone, read-only), as zkServer.sh
# does; exit 0 only then. srvr is always enabled, whatever 4lw.commands.whitelist says, and a
# server that runs without serving answers it too, so srvr alone tells "not running" from "running
# but not serving"; ruok and isro would add nothing.
do_status() {
  local answer mode
  [[ $PORT =~ ^[0-9]+$ ]] || find_client_port_in_server_lines
  [[ $PORT =~ ^[0-9]+$ ]] || {
    echo "Unable to find the client port in $ZOOCFG or its server lines. Terminating."
    exit 1
  }
  echo "Client port found: $PORT. Client address: $HOST. Client SSL: false."
  if ! answer=$(srvr "$HOST" "$PORT") || [[ -z $answer ]]; then
    echo "Error contacting service. It is probably not running."
    exit 1
  fi
  if ! mode=$(grep '^Mode:' <<<"$answer"); then
    echo "Not serving: the server runs, but has no quorum yet, is still syncing with its leader," \
      "or is starting (srvr: ${answer%%$'\n'*})"
    exit 1
  fi
  echo "$mode"
}

(($# >= 1 && $# <= 2)) || usage
case $1 in
start | start-foreground | stop | restart | status | print-cmd) ;;
*) usage ;;
esac
ZOOCFGDIR=${ZOOCFGDIR:-$ROOT/conf}
ZOOCFG=${2:-zoo.cfg}
[[ $ZOOCFG == */* ]] || ZOOCFG="$ZOOCFGDIR/$ZOOCFG"
echo "Using config: $ZOOCFG" >&2
[[ -f $ZOOCFG ]] || die "config file $ZOOCFG not found (a name without a directory is looked up in $ZOOCFGDIR)"

if [[ -z ${ZOOPIDFILE:-} ]]; then
  DATA_DIR=$(cfg_value dataDir)
  [[ -n $DATA_DIR ]] || die "dataDir is not set in $ZOOCFG"
  ZOOPIDFILE="$DATA_DIR/zookeeper_server.pid"
fi
ZOO_LOG_DIR=${ZOO_LOG_DIR:-$ROOT/logs}
OUT="$ZOO_LOG_DIR/zkensemble-${USER:-$(id -un)}-server-$HOSTNAME.out"
HOST=$(client_host)
PORT=$(cfg_value clientPort)

case $1 in
start) do_start ;;
start-foreground)
  build_cmd
  exec "${CMD[@]}"
  ;;
stop) do_stop ;;
restart)
  do_stop
  do_start
  ;;
status) do_status ;;
print-cmd)
  build_cmd
  printf '%q ' "${CMD[@]}"
  printf '> %q 2>&1 < /dev/null\n' "$OUT"
  ;;
esac
