#!/bin/sh
# Back up the PostgreSQL database: `scripts/backup.sh [OUT_FILE]` (custom format, compressed).
# Uses DATABASE_URL. Run it from cron; keep copies off the machine.
set -eu
: "${DATABASE_URL:?set DATABASE_URL}"
out=${1:-salescoach-$(date -u +%Y%m%dT%H%M%SZ).dump}
pg_dump --format=custom --no-owner --no-privileges --file="$out" "$DATABASE_URL"
echo "$out"
