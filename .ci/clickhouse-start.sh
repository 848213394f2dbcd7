#!/usr/bin/env bash
# Starts a private ClickHouse (Debian's clickhouse-server) in a temp dir on 127.0.0.1 and a free port.
# Prints "CLICKHOUSE_URL=http://127.0.0.1:PORT" and "CLICKHOUSE_PID=PID". Usage: .ci/clickhouse-start.sh DIR
set -euo pipefail
dir=${1:-$(mktemp -d /tmp/billkit-ch.XXXXXX)}
mkdir -p "$dir"/{data,tmp,user_files,log}
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
tcp=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
sed -e "s#<http_port>8123</http_port>#<http_port>$port</http_port>#" \
    -e "s#<tcp_port>9000</tcp_port>#<tcp_port>$tcp</tcp_port>#" \
    -e "s#<interserver_http_port>9009</interserver_http_port>##" \
    -e "s#/var/lib/clickhouse/tmp/#$dir/tmp/#" \
    -e "s#/var/lib/clickhouse/user_files/#$dir/user_files/#" \
    -e "s#/var/lib/clickhouse/#$dir/data/#" \
    -e "s#/var/log/clickhouse-server/#$dir/log/#g" \
    -e "s#<listen_host>::1</listen_host>##" \
    -e "s#<!-- <listen_host>127.0.0.1</listen_host> -->#<listen_host>127.0.0.1</listen_host>#" \
    /etc/clickhouse-server/config.xml > "$dir/config.xml"
sed -i -e 's#<users_config>users.xml</users_config>#<users_config>/etc/clickhouse-server/users.xml</users_config>#' "$dir/config.xml"
sed -i -e 's#<listen_host>::</listen_host>##' "$dir/config.xml"
grep -q '<listen_host>127.0.0.1</listen_host>' "$dir/config.xml" || sed -i 's#</yandex>#<listen_host>127.0.0.1</listen_host></yandex>#' "$dir/config.xml"
cd "$dir"
nohup clickhouse-server --config-file="$dir/config.xml" >"$dir/log/stdout.log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/ping" >/dev/null 2>&1; then
    echo "CLICKHOUSE_URL=http://127.0.0.1:$port"; echo "CLICKHOUSE_PID=$pid"; exit 0
  fi
  sleep 0.5
done
echo "ClickHouse did not answer on $port; see $dir/log" >&2; tail -20 "$dir/log/"*.log >&2 || true; exit 1
