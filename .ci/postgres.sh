#!/usr/bin/env bash
# A throwaway PostgreSQL for tests and benchmarks, from the machine's Debian packages.
#
#   .ci/postgres.sh start DIR   initdb + pg_ctl start in DIR; prints the server's URL on stdout
#   .ci/postgres.sh stop DIR    stops it and deletes DIR
#
# PostgreSQL refuses to run as root (CI runs as root): then the server runs as the `postgres`
# user (created by the Debian package), else `nobody`. It listens on 127.0.0.1 only, on a free
# port, with a random password; no Unix socket outside DIR. Durability is off (fsync=off): the
# data is thrown away anyway.
set -euo pipefail

command=${1:-}
dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

bin=""
for candidate in /usr/lib/postgresql/*/bin; do
  if [ -x "$candidate/initdb" ]; then bin=$candidate; fi
done
if [ -z "$bin" ] && command -v initdb >/dev/null 2>&1; then bin=$(dirname "$(command -v initdb)"); fi
if [ -z "$bin" ]; then
  echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    local user=postgres
    id "$user" >/dev/null 2>&1 || user=nobody
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

case "$command" in
start)
  mkdir -p "$dir"
  data="$dir/data"
  password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  printf '%s\n' "$password" > "$dir/pwfile"
  if [ "$(id -u)" = 0 ]; then
    owner=postgres
    id "$owner" >/dev/null 2>&1 || owner=nobody
    chown -R "$owner" "$dir"
    if ! runuser -u "$owner" -- test -w "$dir"; then
      echo "$dir is not reachable by the user $owner: use a folder such as \$(mktemp -d)" >&2
      exit 1
    fi
  fi
  chmod 700 "$dir"
  as_owner "$bin/initdb" --pgdata="$data" --username=jj --pwfile="$dir/pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$dir/pwfile"
  as_owner "$bin/pg_ctl" --pgdata="$data" --log="$dir/server.log" --wait --timeout=60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  echo "postgresql://jj:$password@127.0.0.1:$port/postgres"
  ;;
stop)
  if [ -d "$dir/data" ]; then
    as_owner "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait stop >/dev/null || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 2
  ;;
esac
