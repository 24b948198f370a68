#!/usr/bin/env bash
# Starts PostgreSQL and Redis from Debian's packages on loopback for the tests that need real servers,
# and prints the two URLs as shell exports. Safe to run twice.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null || ! command -v redis-server >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql redis-server >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then pg_createcluster "$version" main >&2; fi
pg_ctlcluster "$version" main start >&2 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
su postgres -c "psql -q -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'calsync') THEN CREATE ROLE calsync LOGIN SUPERUSER PASSWORD 'calsync'; END IF; END \\\$\\\$;\"" >&2
redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || redis-server --bind 127.0.0.1 --port 6379 --save '' --appendonly no --daemonize yes >&2
for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done
echo "export TEST_DATABASE_URL=postgres://calsync:calsync@127.0.0.1:5432/postgres"
echo "export TEST_REDIS_URL=redis://127.0.0.1:6379"
