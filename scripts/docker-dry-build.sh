#!/usr/bin/env bash
# Without a Docker engine: the Dockerfile's steps in clean folders (build stage, then run stage), and the
# result started against the local PostgreSQL with Redis unreachable, to show it boots, listens and stops.
# Prints what each step took; leaves nothing behind. Usage: scripts/docker-dry-build.sh [port]
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-3299}
ROOT=$(mktemp -d)
trap 'rm -rf "$ROOT"' EXIT
step() { printf '%s: ' "$1"; local t=$SECONDS; shift; "$@" >"$ROOT/step.log" 2>&1 || { cat "$ROOT/step.log"; exit 1; }; echo "ok ($((SECONDS - t)) s)"; }

mkdir -p "$ROOT/build" "$ROOT/run"
cp package.json package-lock.json tsconfig.json tsconfig.build.json "$ROOT/build/"
cp -r src "$ROOT/build/src"
step "npm install (build stage)" bash -c "cd '$ROOT/build' && npm install --no-audit --no-fund"
step "npm run build && npm prune --omit=dev" bash -c "cd '$ROOT/build' && npm run build && npm prune --omit=dev"
cp -r "$ROOT/build/node_modules" "$ROOT/build/dist" "$ROOT/run/"
cp package.json "$ROOT/run/"
cp -r config "$ROOT/run/config"
echo "run stage: $(du -sh "$ROOT/run/node_modules" | cut -f1) of production node_modules"

cd "$ROOT/run"
DB=${DRY_DATABASE:-bakti_docker_dry}
NODE_ENV=production PORT=$PORT APP_ROLE=all JWT_SECRET=dry-build-secret-of-at-least-32-characters \
  AUDIT_KEY=dry-build-audit-key-of-at-least-32-characters \
  DATABASE_URL=postgres://bakti_app@127.0.0.1:5432/$DB MIGRATION_DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB \
  REDIS_URL=redis://127.0.0.1:1 \
  QUEUE_PREFIX='{bakti-dry}' node dist/main.js >"$ROOT/run.log" 2>&1 &
PID=$!
for _ in $(seq 1 60); do
  node -e "fetch('http://127.0.0.1:$PORT/api/v1/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" && break
  sleep 0.5
done
echo "HEALTHCHECK command: $(node -e "fetch('http://127.0.0.1:$PORT/api/v1/health/live').then((r) => console.log(r.status), (e) => console.log(e.message))")"
echo "readiness with Redis unreachable: $(node -e "fetch('http://127.0.0.1:$PORT/api/v1/health').then(async (r) => console.log(r.status, await r.text()))")"
T=$(date +%s%N); kill -TERM $PID; wait $PID && CODE=0 || CODE=$?
echo "SIGTERM: exit $CODE after $(( ($(date +%s%N) - T) / 1000000 )) ms"
