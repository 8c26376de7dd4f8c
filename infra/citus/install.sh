#!/usr/bin/env bash
# Builds and installs Citus into the local PostgreSQL from the vendored source, when it is not installed yet.
#   infra/citus/install.sh [path to citus-13.2.2.tar.gz]   (default: ../shared/vendor/ beside the repository)
# Idempotent: does nothing when citus.so and citus.control are already in the server's directories.
set -euo pipefail
cd "$(dirname "$0")/../.."

TARBALL=${1:-${CITUS_TARBALL:-../shared/vendor/citus-13.2.2.tar.gz}}
PG_CONFIG=${PG_CONFIG:-$(ls -d /usr/lib/postgresql/*/bin/pg_config 2>/dev/null | sort -V | tail -n 1)}

installed() {
  [ -x "$PG_CONFIG" ] &&
    [ -f "$("$PG_CONFIG" --pkglibdir)/citus.so" ] &&
    [ -f "$("$PG_CONFIG" --sharedir)/extension/citus.control" ]
}
if installed; then
  echo "citus: already installed in $("$PG_CONFIG" --pkglibdir)"
  exit 0
fi
if [ ! -f "$TARBALL" ]; then
  echo "citus: source not found at $TARBALL" >&2
  exit 2
fi

# build packages from Debian (the vendor note's list)
need=()
for p in postgresql-server-dev-15 libcurl4-openssl-dev liblz4-dev libzstd-dev libkrb5-dev libssl-dev autoconf flex bison make gcc; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}"
fi
PG_CONFIG=${PG_CONFIG:-$(ls -d /usr/lib/postgresql/*/bin/pg_config | sort -V | tail -n 1)}
[ -x "$PG_CONFIG" ] || PG_CONFIG=$(ls -d /usr/lib/postgresql/*/bin/pg_config | sort -V | tail -n 1)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$TARBALL" -C "$work"
src=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n 1)

# The 15.x headers fix: Debian's PostgreSQL 15 headers (15.20) declare have_createdb_privilege() in
# commands/dbcommands.h (back-patched upstream), while Citus 13.2.2's pg_version_compat.h defines its own static
# inline copy for PostgreSQL < 16 — "static declaration follows non-static declaration". When the server's header
# declares it, the compat copy is dropped and the server's function is used instead.
compat="$src/src/include/pg_version_compat.h"
server_header="$("$PG_CONFIG" --includedir-server)/commands/dbcommands.h"
if grep -q 'have_createdb_privilege' "$server_header" && grep -q '^have_createdb_privilege(void)' "$compat"; then
  echo "citus: $server_header declares have_createdb_privilege(); removing pg_version_compat.h's static copy"
  perl -0pi -e 's/static inline bool\s*\nhave_createdb_privilege\(void\)\s*\n\{.*?\n\}\n/#include "commands\/dbcommands.h"\n/s' "$compat"
  if grep -q '^have_createdb_privilege(void)' "$compat"; then
    echo "citus: could not remove the static have_createdb_privilege() from $compat" >&2
    exit 1
  fi
fi

(
  cd "$src"
  PG_CONFIG="$PG_CONFIG" ./configure --without-libcurl >"$work/configure.log" 2>&1 || { tail -n 40 "$work/configure.log"; exit 1; }
  make -j"$(nproc)" >"$work/make.log" 2>&1 || { grep -n -m 20 -B2 -A4 'error' "$work/make.log"; exit 1; }
  make install >"$work/install.log" 2>&1 || { tail -n 40 "$work/install.log"; exit 1; }
)
installed || { echo "citus: make install finished but citus.so is not in $("$PG_CONFIG" --pkglibdir)" >&2; exit 1; }
echo "citus: installed $(basename "$src") into $("$PG_CONFIG" --pkglibdir)"
