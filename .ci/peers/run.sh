#!/usr/bin/env bash
# Differential checks against independent peers (issue 11), for .ci/run:
#   1. HTTP/1 heads: httpwire vs h11 (PyPI) and node's llhttp (loopback servers), every
#      disagreement covered by a class of .ci/peers/differences.py (http1_diff.py)
#   2. HPACK both ways with python-hpack (hpack_diff.py)
# Installs what is missing (node from apt, a venv with h11 and hpack under target/), builds the
# CLI in release, runs each check under a time bound, exits non-zero on any failure. Works from
# any current directory. Servers are started by node_peer.js (its own process, stopped by its
# PID by http1_diff.py, and by the trap below if this script is interrupted).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
PEERS=$ROOT/.ci/peers
VENV=$ROOT/target/peers-venv
H11_REQ='h11==0.16.*'
HPACK_REQ='hpack==4.2.*'
HTTP1_SECONDS=${HTTP1_SECONDS:-120}
HPACK_SECONDS=${HPACK_SECONDS:-120}

CHILD=
cleanup() {
    if [ -n "$CHILD" ] && kill -0 "$CHILD" 2>/dev/null; then
        kill -- "$CHILD" 2>/dev/null || true
    fi
}
trap cleanup EXIT INT TERM

say() { printf 'peers: %s\n' "$*"; }

if ! command -v node >/dev/null 2>&1; then
    say "installing nodejs (apt)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null
fi
if ! "$VENV/bin/python" -c 'import h11, hpack' 2>/dev/null; then
    say "creating $VENV with $H11_REQ $HPACK_REQ"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "$H11_REQ" "$HPACK_REQ"
fi
say "node $(node --version), $("$VENV/bin/python" -c 'import sys, h11, hpack; print("python %d.%d, h11 %s, hpack %s" % (sys.version_info[0], sys.version_info[1], h11.__version__, hpack.__version__))')"

say "building httpwire (release)"
cargo build --locked --release -p httpwire-cli --quiet
BIN=$ROOT/target/release/httpwire

run_check() { # name seconds command...
    local name=$1 secs=$2 t0 rc
    shift 2
    t0=$(date +%s)
    say "$name (at most ${secs}s)"
    timeout --kill-after=5 "$secs" "$@" &
    CHILD=$!
    rc=0
    wait "$CHILD" || rc=$?
    CHILD=
    if [ "$rc" = 124 ]; then
        say "$name: timed out after ${secs}s"
    fi
    say "$name: $([ "$rc" = 0 ] && echo ok || echo "FAILED ($rc)") in $(($(date +%s) - t0))s"
    return "$rc"
}

status=0
run_check "http1 differential" "$HTTP1_SECONDS" \
    "$VENV/bin/python" "$PEERS/http1_diff.py" --httpwire "$BIN" --node "$(command -v node)" || status=1
if [ -f "$PEERS/hpack_diff.py" ]; then
    run_check "hpack both ways" "$HPACK_SECONDS" \
        "$VENV/bin/python" "$PEERS/hpack_diff.py" --httpwire "$BIN" || status=1
fi
exit "$status"
