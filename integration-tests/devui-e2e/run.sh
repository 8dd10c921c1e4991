#!/usr/bin/env bash
# End-to-end test of the Dev UI: starts the example application in dev mode from the reactor (no install needed),
# drives its Dev UI in headless Chromium with Playwright (devui-e2e.mjs), and always stops dev mode again, on success,
# failure or interruption. Screenshots and the dev-mode log go to integration-tests/devui-e2e/target/.
#
# Needs Chromium at /usr/bin/chromium (or $CHROMIUM), Node.js and npm: `bash install.sh` installs them on Debian.
# DEVUI_E2E_PORT (default 8095) is the application's HTTP port.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/target"
port=${DEVUI_E2E_PORT:-8095}
base="http://localhost:$port"
startup_timeout=${DEVUI_E2E_STARTUP_TIMEOUT:-300}
browser_timeout=${DEVUI_E2E_BROWSER_TIMEOUT:-300}

log() { printf '[devui-e2e] %s\n' "$*"; }

chromium=${CHROMIUM:-/usr/bin/chromium}
for tool in "$chromium" node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        log "$tool is missing: run 'bash $here/install.sh' (Debian packages chromium, nodejs, npm)"
        exit 1
    fi
done
if curl -s -o /dev/null "$base"; then
    log "port $port is taken: stop what listens there or set DEVUI_E2E_PORT to a free port"
    exit 1
fi

rm -rf "$out"
mkdir -p "$out"
(cd "$here" && timeout 300 npm ci --no-audit --no-fund --loglevel=error)

devmode_pid=
stop_devmode() {
    if [ -n "$devmode_pid" ] && kill -0 "$devmode_pid" 2>/dev/null; then
        log "stopping dev mode (process group $devmode_pid)"
        kill -TERM -- "-$devmode_pid" 2>/dev/null || true
        for _ in $(seq 1 30); do
            kill -0 "$devmode_pid" 2>/dev/null || break
            sleep 1
        done
        kill -KILL -- "-$devmode_pid" 2>/dev/null || true
    fi
}
trap stop_devmode EXIT
trap 'exit 130' INT TERM

log "starting the example application in dev mode on port $port (log: $out/devmode.log)"
# setsid: dev mode runs in a process group of its own, so that stopping it stops Maven and the application both.
setsid "$root/mvnw" -B -f "$root/pom.xml" -pl runtime,runtime-dev,deployment,integration-tests \
    compile quarkus:dev -Dquarkus.http.port="$port" -Dquarkus.console.enabled=false -Ddebug=false \
    -Dquarkus.analytics.disabled=true </dev/null >"$out/devmode.log" 2>&1 &
devmode_pid=$!

deadline=$((SECONDS + startup_timeout))
until curl -sf -o /dev/null "$base/q/dev-ui/"; do
    if ! kill -0 "$devmode_pid" 2>/dev/null; then
        log "dev mode exited before serving the Dev UI; the end of its log:"
        tail -n 40 "$out/devmode.log"
        exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then
        log "the Dev UI did not answer within ${startup_timeout}s; the end of the dev-mode log:"
        tail -n 40 "$out/devmode.log"
        exit 1
    fi
    sleep 2
done
log "dev mode is up at $base"

CHROMIUM="$chromium" timeout "$browser_timeout" node "$here/devui-e2e.mjs" "$base" "$out"
