#!/usr/bin/env bash
# Start local infrastructure WITHOUT Docker:
#   - Apache Kafka 3.9.x (KRaft, single combined broker+controller) on 127.0.0.1:$KAFKA_PORT
#   - FerretDB v1 (MongoDB wire protocol, SQLite backend)       on 127.0.0.1:$MONGO_PORT
#
# First run installs everything under <repo>/.local-infra/ (jars via Maven, ferretdb via Go).
# Idempotent: already-running services are left alone, installed bits are not reinstalled.
# Processes are fully detached (setsid, stdio -> log files), so callers (e.g. jest) never hang.
#
# Env overrides:
#   KAFKA_PORT (9092)  KAFKA_CONTROLLER_PORT (KAFKA_PORT+1)  MONGO_PORT (27017)
#   UP_TIMEOUT (120, seconds to wait for readiness)  KAFKA_HEAP_OPTS (-Xms256m -Xmx512m)
#   LOCAL_INFRA_DIR (<repo>/.local-infra)
#   UP_SERVICES ("kafka ferretdb"; e.g. "ferretdb" starts only FerretDB, as infra/local/ferretdb.sh start does)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=infra/local/common.sh
. "$SCRIPT_DIR/common.sh" # REPO_ROOT, STATE, RUN_DIR, log, pid_alive

KAFKA_VERSION="3.9.1"
FERRETDB_VERSION="v1.24.2"
FERRETDB_MODULE="github.com/FerretDB/FerretDB"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
MONGO_PORT="${MONGO_PORT:-27017}"
UP_TIMEOUT="${UP_TIMEOUT:-120}"
UP_SERVICES="${UP_SERVICES:-kafka ferretdb}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"

KAFKA_HOME="$STATE/kafka"
KAFKA_LIB="$KAFKA_HOME/lib"
KAFKA_CONF="$KAFKA_HOME/config"
KAFKA_DATA="$KAFKA_HOME/data"
FERRET_BIN="$STATE/bin/ferretdb"
FERRET_DATA="$STATE/ferretdb/data"
FERRET_STATE="$STATE/ferretdb/state"
LOG_DIR="$STATE/logs"

die() { log "ERROR: $*"; exit 1; }
wanted() { case " $UP_SERVICES " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

mkdir -p "$STATE" "$RUN_DIR" "$LOG_DIR"

# Serialize concurrent invocations (e.g. several jest projects calling up.sh at once).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$RUN_DIR/up.lock"
  flock -w 900 9 || die "could not acquire $RUN_DIR/up.lock"
fi

# ---------------------------------------------------------------- helpers
port_open() { # port -> 0 if something accepts TCP connections on 127.0.0.1:port
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" >/dev/null 2>&1
}

# Start a command fully detached: new session, stdin from /dev/null, stdout/stderr to a
# log file, no inherited fds; the process writes its own pid (bash execs into the command).
start_detached() { # pidfile logfile cmd...
  local pidfile="$1" logfile="$2"
  shift 2
  rm -f "$pidfile"
  # shellcheck disable=SC2016 # expanded by the inner bash
  setsid bash -c '
    pidfile="$1"; shift
    for fd in /proc/self/fd/*; do n="${fd##*/}"; [ "$n" -gt 2 ] 2>/dev/null && eval "exec $n>&-" 2>/dev/null; done
    echo $$ > "$pidfile"
    exec "$@"
  ' start-detached "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 &
  # wait for the pid file (written immediately by the child)
  for _ in $(seq 1 50); do [ -s "$pidfile" ] && return 0; sleep 0.1; done
  die "process did not write $pidfile"
}

# die if the service is already running on a different port than requested now
assert_same_port() { # name key cmdline-match requested-port
  local pidfile="$RUN_DIR/$2.pid" port
  pid_alive "$pidfile" "$3" || return 0
  port="$(cat "$RUN_DIR/$2.port" 2>/dev/null || echo "$4")"
  [ "$port" = "$4" ] ||
    die "$1 is already running (pid $(cat "$pidfile")) on port $port, not $4; run infra/local/down.sh first"
}

# 0 (and a message) if the service is already up or starting; dies if it runs on another port
already_running() { # name key cmdline-match requested-port
  local pidfile="$RUN_DIR/$2.pid"
  pid_alive "$pidfile" "$3" || return 1
  assert_same_port "$@"
  if port_open "$4"; then
    log "$1 already running (pid $(cat "$pidfile"))"
  else
    log "$1 process $(cat "$pidfile") alive but port $4 not answering yet; waiting for it"
  fi
}

rotate_log() { # keep one previous generation of logs that grew beyond 50 MB
  if [ -f "$1" ] && [ "$(stat -c %s "$1")" -gt 52428800 ]; then mv -f "$1" "$1.1"; fi
}

show_logs() {
  local f
  for f in "$@"; do
    [ -f "$f" ] || continue
    log "---- last 60 lines of $f ----"
    tail -n 60 "$f" >&2 || true
  done
}

kafka_java() { # run a Kafka CLI class with the installed jars (quiet logging)
  ${KAFKA_JAVA_TIMEOUT:+timeout "$KAFKA_JAVA_TIMEOUT"} java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dlog4j.configuration="file:$KAFKA_CONF/tools-log4j.properties" \
    -cp "$KAFKA_LIB/*" "$@"
}

# Real MongoDB wire-protocol round trip: OP_MSG {ping: 1, $db: "admin"} -> expects ok: 1.
mongo_ping() { # port
  if ! command -v node >/dev/null 2>&1; then port_open "$1"; return; fi
  # shellcheck disable=SC2016 # JavaScript, not shell
  node -e '
    const net = require("net");
    const port = Number(process.argv[1]);
    const s = (x) => Buffer.concat([Buffer.from(x), Buffer.from([0])]);
    const i32 = (n) => { const b = Buffer.alloc(4); b.writeInt32LE(n); return b; };
    const db = s("admin");
    const body = Buffer.concat([Buffer.from([0x10]), s("ping"), i32(1),
                                Buffer.from([0x02]), s("$db"), i32(db.length), db, Buffer.from([0])]);
    const doc = Buffer.concat([i32(body.length + 4), body]);
    const msg = Buffer.concat([i32(0), Buffer.from([0]), doc]);   // flagBits + section kind 0
    const hdr = Buffer.concat([i32(16 + msg.length), i32(1), i32(0), i32(2013)]);
    const sock = net.connect({ host: "127.0.0.1", port });
    const timer = setTimeout(() => { sock.destroy(); process.exit(2); }, 3000);
    let buf = Buffer.alloc(0);
    sock.on("connect", () => sock.write(Buffer.concat([hdr, msg])));
    sock.on("data", (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length < 4 || buf.length < buf.readInt32LE(0)) return;
      clearTimeout(timer); sock.destroy();
      const k = buf.indexOf(Buffer.from([0x01, 0x6f, 0x6b, 0x00]));       // double "ok"
      process.exit(k >= 0 && buf.readDoubleLE(k + 4) === 1 ? 0 : 3);
    });
    sock.on("error", () => process.exit(1));
  ' "$1" >/dev/null 2>&1
}

kafka_ready() {
  port_open "$KAFKA_PORT" || return 1
  # real metadata request through the broker
  KAFKA_JAVA_TIMEOUT=30 kafka_java org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "127.0.0.1:$KAFKA_PORT" --command-config "$KAFKA_CONF/admin.properties" \
    --list >/dev/null 2>&1
}

# ---------------------------------------------------------------- install: Kafka
install_kafka() {
  local marker="$KAFKA_LIB/.installed-$KAFKA_VERSION"
  [ -f "$marker" ] && return 0
  command -v mvn >/dev/null || die "mvn not found (needed to fetch Kafka jars)"
  command -v java >/dev/null || die "java not found (JDK 17+ required)"
  log "installing Kafka $KAFKA_VERSION jars from Maven Central (first run only)..."
  local t0=$SECONDS tmp="$KAFKA_HOME/lib.tmp"
  rm -rf "$tmp"
  mvn -B -q -f "$SCRIPT_DIR/kafka/pom.xml" \
    -Dmaven.repo.local="$STATE/m2" \
    -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" \
    >"$LOG_DIR/install-kafka.log" 2>&1 || { show_logs "$LOG_DIR/install-kafka.log"; die "maven failed"; }
  ls "$tmp"/kafka_2.13-*.jar >/dev/null 2>&1 || die "kafka jar missing after maven run"
  rm -rf "$KAFKA_LIB"
  mv "$tmp" "$KAFKA_LIB"
  touch "$marker"
  log "Kafka jars installed in $((SECONDS - t0))s"
}

# ---------------------------------------------------------------- install: FerretDB
install_ferretdb() {
  # Not `--version | grep -q`: under pipefail, grep quitting early can fail the pipe (SIGPIPE) and force a rebuild.
  if [ -x "$FERRET_BIN" ] && grep -qx "version: $FERRETDB_VERSION" <<<"$("$FERRET_BIN" --version 2>/dev/null)"; then
    return 0
  fi
  command -v go >/dev/null || die "go not found (needed to build FerretDB)"
  log "building FerretDB $FERRETDB_VERSION with Go (first run only, takes ~1.5-2 min)..."
  local t0=$SECONDS
  # `go install $FERRETDB_MODULE/cmd/ferretdb@$FERRETDB_VERSION` does not work here:
  #  1. it asks the proxy for the module's version list (deprecation check), which some
  #     proxies/mirrors refuse (403), and
  #  2. the module zip lacks build/version/version.txt (generated by FerretDB's Taskfile),
  #     so the resulting binary panics at startup.
  # So: download the exact module version, copy its source, add version.txt, build that.
  (build_ferretdb) >"$LOG_DIR/install-ferretdb.log" 2>&1 ||
    { show_logs "$LOG_DIR/install-ferretdb.log"; die "FerretDB build failed"; }
  "$FERRET_BIN" --version >/dev/null || die "built ferretdb does not run"
  log "FerretDB built in $((SECONDS - t0))s"
}

build_ferretdb() { # runs in a subshell; errexit is off here (caller uses ||), so check each step
  local src="$STATE/build/ferretdb-$FERRETDB_VERSION" dir
  export GOTOOLCHAIN=local GOFLAGS=-buildvcs=false CGO_ENABLED=0
  cd "$STATE" || return 1 # keep any go.mod in the caller's cwd out of the way
  dir="$(go mod download -json "$FERRETDB_MODULE@$FERRETDB_VERSION" | tee /dev/stderr |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    echo "go mod download $FERRETDB_MODULE@$FERRETDB_VERSION failed"
    return 1
  fi
  rm -rf "$src" && mkdir -p "$(dirname "$src")" "$STATE/bin" || return 1
  cp -R "$dir" "$src" && chmod -R u+w "$src" || return 1
  echo "$FERRETDB_VERSION" >"$src/build/version/version.txt" || return 1
  echo "local-infra" >"$src/build/version/package.txt" || return 1
  (cd "$src" && GOBIN="$STATE/bin" go install -trimpath ./cmd/ferretdb) || return 1
  rm -rf "$src"
  rmdir "$STATE/build" 2>/dev/null || true
}

# ---------------------------------------------------------------- configure + start: Kafka
write_kafka_config() {
  mkdir -p "$KAFKA_CONF" "$KAFKA_DATA"
  cat >"$KAFKA_CONF/server.properties" <<EOF
# generated by infra/local/up.sh -- edits are overwritten on every start
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DATA
auto.create.topics.enable=true
delete.topic.enable=true
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
log.retention.hours=24
log.segment.bytes=67108864
EOF
  cat >"$KAFKA_CONF/log4j.properties" <<EOF
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=$LOG_DIR/kafka.log
log4j.appender.file.MaxFileSize=20MB
log4j.appender.file.MaxBackupIndex=2
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.authorizer.logger=WARN
EOF
  cat >"$KAFKA_CONF/admin.properties" <<'EOF'
request.timeout.ms=5000
default.api.timeout.ms=10000
EOF
  cat >"$KAFKA_CONF/tools-log4j.properties" <<'EOF'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.appender.stderr.Target=System.err
EOF
}

start_kafka() {
  already_running Kafka kafka kafka.Kafka "$KAFKA_PORT" && return 0
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is already in use by another process (not started by up.sh)"
  install_kafka
  write_kafka_config
  if [ ! -f "$KAFKA_DATA/meta.properties" ]; then
    [ -s "$KAFKA_HOME/cluster-id" ] || kafka_java kafka.tools.StorageTool random-uuid >"$KAFKA_HOME/cluster-id"
    log "formatting Kafka storage (cluster id $(cat "$KAFKA_HOME/cluster-id"))"
    kafka_java kafka.tools.StorageTool format --ignore-formatted \
      -t "$(cat "$KAFKA_HOME/cluster-id")" -c "$KAFKA_CONF/server.properties" \
      >>"$LOG_DIR/kafka.out" 2>&1 || { show_logs "$LOG_DIR/kafka.out"; die "kafka storage format failed"; }
  fi
  log "starting Kafka on 127.0.0.1:$KAFKA_PORT"
  rotate_log "$LOG_DIR/kafka.out"
  echo "$KAFKA_PORT" >"$RUN_DIR/kafka.port"
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS is intentionally word-split
  start_detached "$RUN_DIR/kafka.pid" "$LOG_DIR/kafka.out" \
    java $KAFKA_HEAP_OPTS -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$KAFKA_CONF/log4j.properties" \
    -Dkafka.logs.dir="$LOG_DIR" \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_CONF/server.properties"
}

# ---------------------------------------------------------------- start: FerretDB
start_ferretdb() {
  already_running FerretDB ferretdb ferretdb "$MONGO_PORT" && return 0
  port_open "$MONGO_PORT" && die "port $MONGO_PORT is already in use by another process (not started by up.sh)"
  install_ferretdb
  mkdir -p "$FERRET_DATA" "$FERRET_STATE"
  log "starting FerretDB on 127.0.0.1:$MONGO_PORT"
  rotate_log "$LOG_DIR/ferretdb.log"
  echo "$MONGO_PORT" >"$RUN_DIR/ferretdb.port"
  start_detached "$RUN_DIR/ferretdb.pid" "$LOG_DIR/ferretdb.log" \
    "$FERRET_BIN" \
    --handler=sqlite \
    --sqlite-url="file:$FERRET_DATA/" \
    --listen-addr="127.0.0.1:$MONGO_PORT" \
    --state-dir="$FERRET_STATE" \
    --debug-addr=- \
    --telemetry=disable \
    --log-level=INFO
}

# ---------------------------------------------------------------- main
T0=$SECONDS
wanted kafka || wanted ferretdb || die "UP_SERVICES names neither kafka nor ferretdb: $UP_SERVICES"
wanted kafka && assert_same_port Kafka kafka kafka.Kafka "$KAFKA_PORT"
wanted ferretdb && assert_same_port FerretDB ferretdb ferretdb "$MONGO_PORT"
# Install both first (Kafka via Maven is quick; FerretDB build is the slow part) so that
# the ferretdb build does not compete for CPU with a starting JVM.
wanted kafka && { pid_alive "$RUN_DIR/kafka.pid" kafka.Kafka || install_kafka; }
wanted ferretdb && { pid_alive "$RUN_DIR/ferretdb.pid" ferretdb || install_ferretdb; }
wanted kafka && start_kafka
wanted ferretdb && start_ferretdb

deadline=$((SECONDS + UP_TIMEOUT))
kafka_ok=0 ferret_ok=0
wanted kafka || kafka_ok=2
wanted ferretdb || ferret_ok=2
while :; do
  if [ $ferret_ok = 0 ] && mongo_ping "$MONGO_PORT"; then ferret_ok=1; log "FerretDB ready"; fi
  if [ $kafka_ok = 0 ] && kafka_ready; then kafka_ok=1; log "Kafka ready"; fi
  [ $kafka_ok != 0 ] && [ $ferret_ok != 0 ] && break
  if [ $kafka_ok = 0 ] && ! pid_alive "$RUN_DIR/kafka.pid" kafka.Kafka; then
    show_logs "$LOG_DIR/kafka.out" "$LOG_DIR/kafka.log"; die "Kafka process died"
  fi
  if [ $ferret_ok = 0 ] && ! pid_alive "$RUN_DIR/ferretdb.pid" ferretdb; then
    show_logs "$LOG_DIR/ferretdb.log"; die "FerretDB process died"
  fi
  if [ $SECONDS -ge $deadline ]; then
    [ $kafka_ok != 0 ] || show_logs "$LOG_DIR/kafka.out" "$LOG_DIR/kafka.log"
    [ $ferret_ok != 0 ] || show_logs "$LOG_DIR/ferretdb.log"
    die "timed out after ${UP_TIMEOUT}s waiting for services (kafka_ok=$kafka_ok ferretdb_ok=$ferret_ok)"
  fi
  sleep 1
done

log "all services up in $((SECONDS - T0))s (state: $STATE)"
if wanted kafka; then echo "KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT"; fi
if wanted ferretdb; then echo "MONGODB_URL=mongodb://127.0.0.1:$MONGO_PORT"; fi
