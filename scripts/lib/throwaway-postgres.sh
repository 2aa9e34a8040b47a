# A throwaway PostgreSQL cluster for scripts and benchmarks (sourced, bash), as the tests' TestPostgres
# does it: initdb in a temporary directory (trust authentication), started on a free local port.
# The binaries come from the PATH or /usr/lib/postgresql/<version>/bin; as root, Debian's postgresql
# package is installed with apt-get when they are missing, and the cluster runs as the postgres user
# (PostgreSQL refuses to run as root).
#   pg_start            sets PGBIN, PGPORT, PGDIR and starts the cluster (login role "eddy")
#   pg_createdb NAME    creates a database
#   pg_stop             stops the cluster and deletes its directory (safe to call twice)

pg_find() {
  local d
  for d in $(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)") $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/createdb" ]; then
      dirname "$(readlink -f "$d/initdb")"; return 0
    fi
  done
  return 1
}

pg_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  if ! PGBIN="$(pg_find)"; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "PostgreSQL is not installed: installing Debian's postgresql package with apt-get" >&2
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    PGBIN="$(pg_find)" || { echo "needs PostgreSQL 12 or newer (initdb, pg_ctl, createdb)" >&2; return 1; }
  fi
  PGDIR="$(mktemp -d)"
  [ "$(id -u)" = 0 ] && chown postgres "$PGDIR"
  PGPORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  pg_as "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U eddy -E UTF8 --no-sync >/dev/null
  pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -t 60 \
    -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=64MB" \
    start >/dev/null
}

pg_createdb() {
  pg_as "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U eddy "$1"
}

pg_stop() {
  [ -n "${PGDIR:-}" ] || return 0
  pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
  PGDIR=""
}
