#!/bin/sh
# A throw-away PostgreSQL for tests: Debian's package, on 127.0.0.1, a temporary data folder.
#
#   eval "$(tests/pg.sh start)"   # sets PGDIR, PGPORT, DSN (postgresql://payoutkit@127.0.0.1:PORT/postgres)
#   tests/pg.sh stop "$PGDIR"     # stops it and removes the folder
#
# Installs the `postgresql` package when no server binaries are there (as root, or with sudo).
# initdb refuses to run as root, so as root (CI) the server runs as the `postgres` user the
# package creates. fsync is off: the data is thrown away.
set -eu

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

case "${1:-}" in
start)
  if [ -z "$(bindir)" ]; then
    SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
  fi
  B=$(bindir)
  d=$(mktemp -d /tmp/payoutkit-pg.XXXXXX)
  chmod 755 "$d"
  [ "$(id -u)" = 0 ] && chown postgres "$d"
  port=${PGPORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
  as_owner "$B/initdb -D $d/data -A trust -U payoutkit >$d/initdb.log 2>&1" || { cat "$d/initdb.log" >&2; exit 1; }
  as_owner "$B/pg_ctl -D $d/data -l $d/log -w -o \"-k $d -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start >/dev/null" \
    || { cat "$d/log" >&2; exit 1; }
  echo "PGDIR=$d"
  echo "PGPORT=$port"
  echo "DSN=postgresql://payoutkit@127.0.0.1:$port/postgres"
  ;;
stop)
  d=${2:?usage: tests/pg.sh stop PGDIR}
  B=$(bindir)
  [ -d "$d/data" ] && as_owner "$B/pg_ctl -D $d/data -m fast -w stop >/dev/null" || true
  rm -rf "$d"
  ;;
*)
  echo "usage: tests/pg.sh start | stop PGDIR" >&2
  exit 2
  ;;
esac
