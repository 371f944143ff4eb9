#!/usr/bin/env bash
#
# Runs a replicated zkensemble ensemble on this one machine (a "pseudo-cluster"): N participants
# and M observers on 127.0.0.1, each a node process started, stopped and queried through
# bin/zkensemble-server.sh with its own zoo.cfg and myid, in Apache ZooKeeper's formats.
#
#   zkensemble-pseudo-cluster.sh {start|stop|status} N [--observers M] [--base-port P] [--dir D]
#
#   N   participants, ids 1..N (at least 2; one server is bin/zkensemble-server.sh's job)
#   M   observers, ids N+1..N+M (default 0)
#   P   base port (default 12180); server <id> listens on 127.0.0.1 at
#         client port P+id, quorum port P+100+id, election port P+200+id, admin port P+300+id,
#       so ids go up to 99 and P..P+399 must be free. The default keeps clear of a standalone
#       node's 2181, of Apache's customary 2888/3888 and of the kernel's ephemeral ports.
#   D   the cluster's directory (default ./pseudo-cluster): D/<id>/zoo.cfg, D/<id>/data (dataDir,
#       with myid and the pid file) and D/<id>/logs (the node's output)
#
# start writes each server's zoo.cfg and myid, then starts every server that is not running yet,
# all at once (a participant serves only once a quorum runs); a running server is left alone.
# stop stops every server. status prints one line per server with the Mode its srvr reports, and
# exits 0 only when every server serves. JAVA_HOME, SERVER_JVMFLAGS, JVMFLAGS and the
# ZKENSEMBLE_*_TIMEOUT variables pass on to bin/zkensemble-server.sh.

set -euo pipefail

ROOT=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly SERVER_SCRIPT="$ROOT/bin/zkensemble-server.sh"
readonly HOST=127.0.0.1
readonly MAX_ID=99

die() {
  echo "zkensemble-pseudo-cluster: $*" >&2
  exit 1
}

usage() {
  echo "Usage: $0 {start|stop|status} N [--observers M] [--base-port P] [--dir D]" >&2
  exit 2
}

# Parses the command line into COMMAND, PARTICIPANTS, OBSERVERS, BASE_PORT and DIR.
parse_args() {
  (($# >= 2)) || usage
  COMMAND=$1
  PARTICIPANTS=$2
  shift 2
  OBSERVERS=0
  BASE_PORT=12180
  DIR=./pseudo-cluster
  while (($# > 0)); do
    (($# >= 2)) || usage
    case $1 in
    --observers) OBSERVERS=$2 ;;
    --base-port) BASE_PORT=$2 ;;
    --dir) DIR=$2 ;;
    *) usage ;;
    esac
    shift 2
  done
  case $COMMAND in
  start | stop | status) ;;
  *) usage ;;
  esac
  if [[ ! $PARTICIPANTS =~ ^[0-9]+$ ]] || ((PARTICIPANTS < 2)); then
    die "N=$PARTICIPANTS: a pseudo-cluster needs at least 2 participants (3 or 5 tolerate failures)"
  fi
  [[ $OBSERVERS =~ ^[0-9]+$ ]] || die "--observers $OBSERVERS is not a number"
  ((PARTICIPANTS + OBSERVERS <= MAX_ID)) || die "at most $MAX_ID servers in all"
  if [[ ! $BASE_PORT =~ ^[0-9]+$ ]] || ((BASE_PORT < 1024 || BASE_PORT + 399 > 65535)); then
    die "--base-port $BASE_PORT: must be a number from 1024 to 65136 (P..P+399 are used)"
  fi
  SERVERS=$((PARTICIPANTS + OBSERVERS))
}

role() {
  if (($1 > PARTICIPANTS)); then echo observer; else echo participant; fi
}

cfg_file() {
  echo "$DIR/$1/zoo.cfg"
}

# The zoo.cfg of server $1.
config() {
  local id=$1 other
  cat <<EOF
# Written by zkensemble-pseudo-cluster.sh: server $id ($(role "$id")) of a pseudo-cluster of
# $PARTICIPANTS participant(s) and $OBSERVERS observer(s), base port $BASE_PORT.
tickTime=2000
initLimit=10
syncLimit=5
dataDir=$DIR/$id/data
clientPort=$((BASE_PORT + id))
clientPortAddress=$HOST
admin.serverPort=$((BASE_PORT + 300 + id))
4lw.commands.whitelist=*
EOF
  if [[ $(role "$id") == observer ]]; then
    echo "peerType=observer"
  fi
  for ((other = 1; other <= SERVERS; other++)); do
    printf 'server.%d=%s:%d:%d%s\n' "$other" "$HOST" $((BASE_PORT + 100 + other)) \
      $((BASE_PORT + 200 + other)) "$([[ $(role "$other") == observer ]] && echo :observer)"
  done
}

# The lines of a zoo.cfg on stdin without its comments.
settings() {
  grep -v '^#' || true
}

# The pid of server $1 if its pid file names a live process started with its zoo.cfg.
running_pid() {
  local pid_file="$DIR/$1/data/zookeeper_server.pid" pid args
  [[ -f $pid_file ]] || return 1
  pid=$(<"$pid_file")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  args=$(ps -o args= -p "$pid" 2>/dev/null) && [[ $args == *"$(cfg_file "$1")"* ]] || return 1
  echo "$pid"
}

# Runs bin/zkensemble-server.sh $1 for server $2 with that server's own log directory (and pid
# file, in its dataDir), writing what it prints to D/<id>/<command>.txt.
server_script() {
  local command=$1 id=$2
  env -u ZOOPIDFILE -u ZOOCFGDIR ZOO_LOG_DIR="$DIR/$id/logs" \
    "$SERVER_SCRIPT" "$command" "$(cfg_file "$id")" >"$DIR/$id/$command.txt" 2>&1
}

# "server <id> (<role>, <client address>):", the start of each line we print, with the client
# address from the server's zoo.cfg.
label() {
  local port
  port=$(sed -n 's/^clientPort=//p' "$(cfg_file "$1")")
  printf 'server %d (%s, %s:%s):' "$1" "$(role "$1")" "$HOST" "$port"
}

# What bin/zkensemble-server.sh printed for command $1 on server $2, after our label: its verdict
# on the label's line, anything more indented below; without the config and client port lines.
outcome() {
  local line first=1
  while IFS= read -r line; do
    case $line in
    "Using config: "* | "Client port found: "*) continue ;;
    esac
    line=${line#"Starting zkensemble ... "}
    line=${line#"Stopping zkensemble ... "}
    if ((first)); then
      printf ' %s\n' "$line"
      first=0
    else
      printf '    %s\n' "$line"
    fi
  done <"$DIR/$2/$1.txt"
}

do_start() {
  local id pid cfg wanted failed=0
  local -a started=()
  mkdir -p "$DIR"
  DIR=$(cd "$DIR" && pwd)
  for ((id = 1; id <= SERVERS; id++)); do
    cfg=$(cfg_file "$id")
    wanted=$(config "$id")
    if pid=$(running_pid "$id"); then
      [[ $(settings <"$cfg") == $(settings <<<"$wanted") ]] ||
        die "server $id runs (process $pid) with other settings in $cfg; stop the cluster" \
          "first, with the N and --observers it was started with"
      echo "$(label "$id") already running as process $pid"
      continue
    fi
    mkdir -p "$DIR/$id/data"
    printf '%s\n' "$wanted" >"$cfg"
    echo "$id" >"$DIR/$id/data/myid"
    server_script start "$id" &
    started[id]=$!
  done
  for id in "${!started[@]}"; do
    wait "${started[id]}" || failed=1
    printf '%s' "$(label "$id")"
    outcome start "$id"
  done
  ((failed == 0)) || return 1
  echo "Connect string: $(connect_string)"
}

do_stop() {
  local id
  local -a stopping=()
  [[ -d $DIR ]] || die "no pseudo-cluster in $DIR"
  DIR=$(cd "$DIR" && pwd)
  for ((id = 1; id <= SERVERS; id++)); do
    if [[ -f $(cfg_file "$id") ]]; then
      server_script stop "$id" &
      stopping[id]=$!
    else
      echo "server $id: no $(cfg_file "$id"), nothing to stop"
    fi
  done
  for id in "${!stopping[@]}"; do
    wait "${stopping[id]}" || true
    printf '%s' "$(label "$id")"
    outcome stop "$id"
  done
}

do_status() {
  local id serving=0
  [[ -d $DIR ]] || die "no pseudo-cluster in $DIR"
  DIR=$(cd "$DIR" && pwd)
  for ((id = 1; id <= SERVERS; id++)); do
    if [[ ! -f $(cfg_file "$id") ]]; then
      echo "server $id: no $(cfg_file "$id")"
    else
      if server_script status "$id"; then
        serving=$((serving + 1))
      fi
      printf '%s' "$(label "$id")"
      outcome status "$id"
    fi
  done
  ((serving == SERVERS))
}

connect_string() {
  local id list=""
  for ((id = 1; id <= SERVERS; id++)); do
    list+="${list:+,}$HOST:$((BASE_PORT + id))"
  done
  echo "$list"
}

parse_args "$@"
case $COMMAND in
start) do_start ;;
stop) do_stop ;;
status) do_status ;;
esac
