#!/usr/bin/env bash
# The example server and client against software nobody here wrote (issue 11), on loopback:
#   1. curl against httpwire-server: GET, HEAD, keep-alive across several URLs in one curl run,
#      a chunked upload (-T -), a large Content-Length upload, Expect: 100-continue; bodies
#      compared byte for byte;
#   2. httpwire-fetch against nginx serving static files: Content-Length responses, a chunked
#      one (gzip of a static file: nginx does not know the length, so it chunks), and a
#      close-delimited one (HTTP/1.0); bodies compared byte for byte with the files;
#   3. wrk against httpwire-server and against nginx serving the same response: 10 s, 2 threads,
#      64 connections; zero socket errors and zero non-2xx from ours, both request rates and
#      their ratio printed (a benchmark, not a pass/fail test: benches/RESULTS.md keeps them).
# Every server is started here, listens on 127.0.0.1 only, and is stopped by its own PID.
# Usage: bash .ci/field.sh [--no-wrk]   (WRK_SECONDS overrides the 10 s)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WRK_SECONDS=${WRK_SECONDS:-10}
RUN_WRK=1
[ "${1:-}" = "--no-wrk" ] && RUN_WRK=0

have() { command -v "$1" >/dev/null 2>&1; }
need=()
have curl || need+=(curl)
have nginx || need+=(nginx-light)
have wrk || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

cargo build --release -q -p httpwire-examples
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
SERVER=$TARGET_DIR/release/httpwire-server
FETCH=$TARGET_DIR/release/httpwire-fetch

WORK=$(mktemp -d)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    for p in "${PIDS[@]}"; do
        wait "$p" 2>/dev/null || true
    done
    [ -n "${KEEP_WORK:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
    echo "field: FAILED: $*" >&2
    exit 1
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_port() { # wait until 127.0.0.1:$1 accepts (5 s at most)
    for _ in $(seq 50); do
        if python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1",int(sys.argv[1])),0.2).close()' "$1" 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    fail "nothing listens on 127.0.0.1:$1"
}

# The files: deterministic bytes (no randomness: a failure reproduces).
FILES=$WORK/files
mkdir -p "$FILES"
python3 - "$FILES" <<'EOF'
import sys, os
d = sys.argv[1]
open(os.path.join(d, "hello.txt"), "wb").write(b"hello\n")
# 1 MiB of bytes from a fixed linear congruential sequence (every byte value occurs).
x, out = 12345, bytearray()
for _ in range(1 << 20):
    x = (x * 1103515245 + 12345) & 0x7FFFFFFF
    out.append(x >> 16 & 0xFF)
open(os.path.join(d, "big.bin"), "wb").write(out)
# A text file that gzip shrinks: nginx compresses it on the fly and so sends it chunked.
lines = [f"line {i}: the quick brown fox jumps over the lazy dog {i * i}\n" for i in range(20000)]
open(os.path.join(d, "text.txt"), "w").write("".join(lines))
open(os.path.join(d, "index.html"), "w").write("<!doctype html><title>httpwire</title><p>hi</p>\n")
EOF
# (nginx's workers run as an unprivileged user: they must be able to read the files.)
chmod 755 "$WORK"
chmod -R a+rX "$FILES"

# ---- 1. curl against httpwire-server ----
PORT=$(free_port)
"$SERVER" --addr "127.0.0.1:$PORT" --root "$FILES" >"$WORK/server.log" 2>&1 &
PIDS+=($!)
wait_port "$PORT"
BASE=http://127.0.0.1:$PORT

curl -sS --fail -o "$WORK/get" "$BASE/"
printf 'hello\n' | cmp -s - "$WORK/get" || fail "GET / body"
echo "curl GET /: ok"

curl -sS --fail -I "$BASE/files/big.bin" >"$WORK/head"
grep -qi '^content-length: 1048576' "$WORK/head" || fail "HEAD: no Content-Length 1048576: $(cat "$WORK/head")"
# (curl -I stops after the head; this asks with Connection: close and reads to the end.)
python3 - "$PORT" <<'PY' || fail "HEAD sent a body"
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), 5)
s.sendall(b"HEAD /files/big.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
data = b""
while chunk := s.recv(65536):
    data += chunk
head, sep, rest = data.partition(b"\r\n\r\n")
sys.exit(0 if sep and head.startswith(b"HTTP/1.1 200") and rest == b"" else 1)
PY
echo "curl HEAD: ok"

# Several URLs in one run: curl reuses the connection when the server keeps it alive.
curl -sS --fail -v -o "$WORK/ka1" "$BASE/files/hello.txt" -o "$WORK/ka2" "$BASE/files/big.bin" \
    -o "$WORK/ka3" "$BASE/files/index.html" 2>"$WORK/ka.err"
cmp -s "$FILES/hello.txt" "$WORK/ka1" || fail "keep-alive: hello.txt"
cmp -s "$FILES/big.bin" "$WORK/ka2" || fail "keep-alive: big.bin"
cmp -s "$FILES/index.html" "$WORK/ka3" || fail "keep-alive: index.html"
reused=$(grep -c -i 're-using existing connection' "$WORK/ka.err" || true)
[ "$reused" -ge 2 ] || fail "keep-alive: curl did not reuse the connection ($reused reuses): $(grep -i connect "$WORK/ka.err")"
echo "curl keep-alive, 3 URLs on one connection: ok"

# A chunked upload: curl -T - sends stdin chunked.
curl -sS --fail -T - -H 'Transfer-Encoding: chunked' -o "$WORK/echo_chunked" "$BASE/echo" <"$FILES/text.txt"
cmp -s "$FILES/text.txt" "$WORK/echo_chunked" || fail "chunked upload echoed differently"
echo "curl chunked upload: ok"

# A large Content-Length upload (and no Expect: an empty Expect header turns it off).
curl -sS --fail -H 'Expect:' --data-binary "@$FILES/big.bin" -o "$WORK/echo_big" "$BASE/echo"
cmp -s "$FILES/big.bin" "$WORK/echo_big" || fail "Content-Length upload echoed differently"
echo "curl Content-Length upload (1 MiB): ok"

# Expect: 100-continue: the server answers 100 before curl sends the body.
curl -sS --fail -v -H 'Expect: 100-continue' --data-binary "@$FILES/big.bin" -o "$WORK/echo_expect" \
    "$BASE/echo" 2>"$WORK/expect.err"
grep -q '< HTTP/1.1 100 Continue' "$WORK/expect.err" || fail "no 100 Continue: $(grep '^[<>]' "$WORK/expect.err")"
cmp -s "$FILES/big.bin" "$WORK/echo_expect" || fail "Expect upload echoed differently"
echo "curl Expect: 100-continue: ok"

# The chunked route with trailers, through curl (body) and our client (trailers).
curl -sS --fail -o "$WORK/chunked" "$BASE/chunked?size=100000&chunk=4096"
curl -sS --fail -o "$WORK/bytes" "$BASE/bytes?n=100000"
cmp -s "$WORK/chunked" "$WORK/bytes" || fail "chunked route differs from bytes route"
echo "curl chunked response: ok"

# ---- 2. httpwire-fetch against nginx ----
NPORT=$(free_port)
NGINX_DIR=$WORK/nginx
mkdir -p "$NGINX_DIR"
cat >"$NGINX_DIR/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $NGINX_DIR/body;
    proxy_temp_path $NGINX_DIR/proxy;
    fastcgi_temp_path $NGINX_DIR/fastcgi;
    uwsgi_temp_path $NGINX_DIR/uwsgi;
    scgi_temp_path $NGINX_DIR/scgi;
    types { text/plain txt; text/html html; application/octet-stream bin; }
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$NPORT;
        root $FILES;
        gzip on;
        gzip_http_version 1.0;
        gzip_types text/plain;
        gzip_min_length 0;
        location = / { default_type text/plain; return 200 "hello\n"; }
        location /close/ { alias $FILES/; chunked_transfer_encoding off; }
    }
}
EOF
nginx -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR" &
PIDS+=($!)
wait_port "$NPORT"
NBASE=http://127.0.0.1:$NPORT

mkdir -p "$WORK/fetched"
"$FETCH" --out-dir "$WORK/fetched" "$NBASE/hello.txt" "$NBASE/big.bin" "$NBASE/index.html" 2>"$WORK/fetch.err" ||
    fail "fetch from nginx: $(cat "$WORK/fetch.err")"
for f in hello.txt big.bin index.html; do
    cmp -s "$FILES/$f" "$WORK/fetched/$f" || fail "fetch from nginx: $f differs"
done
echo "httpwire-fetch from nginx, Content-Length: ok ($(grep -c -i reused "$WORK/fetch.err" || true) lines say reused)"
cat "$WORK/fetch.err"

# A response nginx sends chunked: gzip of a static file (the compressed length is not known
# when the head goes out). And one it sends close-delimited: the same with chunked coding off.
"$FETCH" -H 'Accept-Encoding: gzip' -o "$WORK/text.gz" "$NBASE/text.txt" \
    -o "$WORK/text_close.gz" "$NBASE/close/text.txt" 2>"$WORK/fetch_gz.err" ||
    fail "fetch gzip from nginx: $(cat "$WORK/fetch_gz.err")"
cat "$WORK/fetch_gz.err"
grep -q 'text.txt.*chunked' "$WORK/fetch_gz.err" || fail "nginx did not send text.txt chunked"
grep -q 'close/text.txt.*close' "$WORK/fetch_gz.err" || fail "nginx did not send close/text.txt close-delimited"
for f in text.gz text_close.gz; do
    python3 -c 'import gzip,sys; sys.stdout.buffer.write(gzip.decompress(open(sys.argv[1],"rb").read()))' \
        "$WORK/$f" >"$WORK/$f.out" || fail "$f is not gzip"
    cmp -s "$FILES/text.txt" "$WORK/$f.out" || fail "$f does not decompress to text.txt"
done
echo "httpwire-fetch from nginx, chunked (gzip) and close-delimited: ok"

# ---- 3. wrk: ours and nginx, the same response ----
if [ "$RUN_WRK" = 1 ]; then
    wrk_run() { # name url
        wrk -t2 -c64 -d"${WRK_SECONDS}s" --latency "$2" >"$WORK/wrk_$1.txt" 2>&1 || fail "wrk $1: $(cat "$WORK/wrk_$1.txt")"
        cat "$WORK/wrk_$1.txt" >&2
    }
    # The same bytes: `hello\n`, text/plain, Content-Length, keep-alive.
    curl -sS -D - -o /dev/null "$BASE/" >&2
    curl -sS -D - -o /dev/null "$NBASE/" >&2
    wrk_run httpwire "$BASE/"
    wrk_run nginx "$NBASE/"
    python3 - "$WORK/wrk_httpwire.txt" "$WORK/wrk_nginx.txt" <<'PY'
import re, sys
def figures(path):
    text = open(path).read()
    rate = float(re.search(r"Requests/sec:\s*([\d.]+)", text).group(1))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return rate, sum(map(int, errors.groups())) if errors else 0, int(non2xx.group(1)) if non2xx else 0
ours, theirs = figures(sys.argv[1]), figures(sys.argv[2])
print(f"wrk: httpwire-server {ours[0]:,.0f} req/s, nginx {theirs[0]:,.0f} req/s, ratio {ours[0] / theirs[0]:.2f} "
      f"(socket errors {ours[1]} and {theirs[1]}, non-2xx {ours[2]} and {theirs[2]})")
if ours[1] or ours[2]:
    sys.exit("field: FAILED: httpwire-server had socket errors or non-2xx responses under wrk")
PY
fi
echo "field: ok"
