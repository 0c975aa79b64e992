#!/usr/bin/env bash
# Kafka's own console consumer (org.apache.kafka.tools.consumer.ConsoleConsumer, from the jars infra/local installed):
# a Kafka client that is not part of the project, the way a 111 service would read registry.changes.v1.
#   infra/local/kafka-console-consumer.sh --bootstrap-server 127.0.0.1:9092 --topic registry.changes.v1 \
#     --from-beginning --property print.key=true --timeout-ms 10000
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$SCRIPT_DIR/common.sh"
KAFKA_HOME="$STATE/kafka"
[ -d "$KAFKA_HOME/lib" ] || { log "Kafka is not installed here: run infra/local/up.sh first"; exit 1; }
exec java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
  -Dlog4j.configuration="file:$KAFKA_HOME/config/tools-log4j.properties" \
  -cp "$KAFKA_HOME/lib/*" org.apache.kafka.tools.consumer.ConsoleConsumer "$@"
