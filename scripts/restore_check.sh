#!/bin/sh
# Prove that a backup restores: load DUMP into a fresh database, migrate (a no-op for a
# dump of the same version), start the app on it and check /healthz and a real page.
#   scripts/restore_check.sh DUMP [ADMIN_URL]
# ADMIN_URL is a PostgreSQL URL to the server (default postgres://postgres@127.0.0.1:5432/postgres).
set -eu
dump=${1:?usage: scripts/restore_check.sh DUMP [ADMIN_URL]}
admin=${2:-postgres://postgres@127.0.0.1:5432/postgres}
server=${admin%/*}
db="salescoach_restore_check_$$"
port=${RESTORE_CHECK_PORT:-8799}
python=${PYTHON:-.venv/bin/python}
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
  psql "$admin" -qc "DROP DATABASE IF EXISTS \"$db\"" >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM
psql "$admin" -qc "CREATE DATABASE \"$db\""
pg_restore --no-owner --no-privileges --dbname="$server/$db" "$dump"
export DATABASE_URL="$server/$db" DEBUG=0 SECRET_KEY="restore-check-$(date +%s)-not-a-real-secret-key-0123456789abcdef" \
  ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0
$python manage.py migrate --noinput -v0
$python manage.py collectstatic --noinput -v0
.venv/bin/gunicorn -c gunicorn.conf.py --bind "127.0.0.1:$port" --workers 2 config.wsgi >/tmp/restore-check-$$.log 2>&1 &
pid=$!
for _ in $(seq 1 30); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 1
done
health=$(curl -fs "http://127.0.0.1:$port/healthz")
echo "healthz: $health"
echo "$health" | grep -q '"status": "ok"'
login=$(curl -fs -o /dev/null -w "%{http_code}" "http://127.0.0.1:$port/accounts/login/")
[ "$login" = 200 ]
rows=$(psql "$server/$db" -tAc "SELECT count(*) FROM organisations_membership")
echo "restored database $db answers; $rows memberships; the app started on it"
