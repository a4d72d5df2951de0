"""HTTP/1 differential: httpwire against h11 and node (llhttp) on generated heads.

    python http1_diff.py --httpwire BIN [--node NODE] [--show CLASS|unclassified] [--limit N]

Runs every case of heads.py through the three parsers, reduces each answer to a verdict
(refused, or accepted with the start line, the field list and the body framing), compares
httpwire with each peer and sorts every disagreement into a class of differences.py. Fails
(exit 1) on a disagreement no class covers and on a class that covers nothing. Prints a summary.

How framing is observed: each head is followed by a probe body, PROBE below. A parser that
frames by chunked reads "X" and ends; by Content-Length N the first N bytes of the probe (and
ends when N <= 13); with no body nothing; close-delimited (responses) the whole probe, ending at
the peer's EOF. The peers' framing comes from what they actually delivered, not from their
headers; httpwire's from `--head-only`, which reports `http1::request_framing` /
`response_framing` as they are.
"""

import argparse
import collections
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

import h11

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import differences  # noqa: E402
import heads  # noqa: E402

PROBE = b"1\r\nX\r\n0\r\n\r\n"
NODE_TIMEOUT = 90


def trim(v):
    return v.strip(b" \t")


def norm_fields(pairs):
    return [(n.lower(), trim(v)) for n, v in pairs]


def framing_from_body(body, ended, fields, kind):
    """A peer's framing from what it delivered of PROBE (see the module docs)."""
    if ended and body == b"X":
        return "chunked"
    if ended and body == b"":
        return "none"
    if ended and body == PROBE[: len(body)] and len(body) < len(PROBE):
        return "cl:%d" % len(body)
    if body == PROBE:
        cls = [v for n, v in fields if n == b"content-length"]
        if ended:
            if kind == "request" or cls:
                return "cl:%d" % len(PROBE)
            return "close"
        # Not ended: a length past the probe; the peer's own field says which.
        if cls and trim(cls[0]).isdigit():
            return "cl:%d" % int(trim(cls[0]))
        return "cl:>%d" % len(PROBE)
    return "unclear(%r, ended=%s)" % (body, ended)


# ---- httpwire ------------------------------------------------------------------------------
def latin1(s):
    return s.encode("latin-1")


def run_httpwire(binary, cases):
    out = {}
    for kind in ("request", "response"):
        sub = [c for c in cases if c[1] == kind]
        with tempfile.NamedTemporaryFile("w", suffix=".hex", delete=False) as f:
            for _, _, _, head in sub:
                f.write((head + PROBE).hex() + "\n")
            path = f.name
        try:
            p = subprocess.run([binary, kind, "--json", "--batch", "--head-only", path],
                               capture_output=True, timeout=60, check=False)
        finally:
            os.unlink(path)
        lines = p.stdout.decode().split("\n")[:-1]
        if p.returncode != 0 or len(lines) != len(sub):
            sys.exit("httpwire %s --batch failed (%d, %d lines for %d inputs): %s"
                     % (kind, p.returncode, len(lines), len(sub), p.stderr.decode()[-500:]))
        for c, line in zip(sub, lines):
            out[c[0]] = hw_verdict(json.loads(line), kind)
    return out


def hw_verdict(o, kind):
    if not o["ok"]:
        return {"ok": False, "why": o["error"]["kind"]}
    fr = o["framing"]
    framing = {"content-length": "cl:%s" % fr["length"], "close": "close"}.get(fr["kind"], fr["kind"])
    if framing == "cl:0":
        framing = "none"
    version = latin1(o["version"])[len(b"HTTP/"):]
    if kind == "request":
        start = (latin1(o["method"]), latin1(o["target"]), version)
    else:
        start = (version, o["status"], latin1(o["reason"]))
    fields = norm_fields((latin1(n), latin1(v)) for n, v in o["headers"])
    return {"ok": True, "start": start, "fields": fields, "framing": framing}


# ---- h11 -----------------------------------------------------------------------------------
def h11_events(conn, data):
    """Feeds data then EOF; returns (events, error) up to the first message's end."""
    events = []
    try:
        conn.receive_data(data)
        conn.receive_data(b"")
        while True:
            e = conn.next_event()
            if e is h11.NEED_DATA or e is h11.PAUSED:
                break
            events.append(e)
            if isinstance(e, (h11.EndOfMessage, h11.ConnectionClosed, h11.InformationalResponse)):
                break
    except h11.RemoteProtocolError as err:
        return events, str(err)
    return events, None


def h11_verdict(kind, head):
    if kind == "request":
        conn = h11.Connection(h11.SERVER)
        events, err = h11_events(conn, head + PROBE)
        first = (h11.Request,)
    else:
        conn = h11.Connection(h11.CLIENT)
        conn.send(h11.Request(method="GET", target="/", headers=[("Host", "example.com")]))
        conn.send(h11.EndOfMessage())
        events, err = h11_events(conn, head + PROBE)
        first = (h11.Response, h11.InformationalResponse)
    if not events or not isinstance(events[0], first):
        return {"ok": False, "why": err or "no message"}
    m = events[0]
    fields = norm_fields(m.headers.raw_items())
    if kind == "request":
        start = (m.method, m.target, m.http_version)
    else:
        start = (m.http_version, m.status_code, m.reason)
    if isinstance(m, h11.InformationalResponse):
        framing = "none"
    else:
        body = b"".join(bytes(e.data) for e in events if isinstance(e, h11.Data))
        ended = any(isinstance(e, h11.EndOfMessage) for e in events)
        framing = framing_from_body(body, ended, fields, kind)
    return {"ok": True, "start": start, "fields": fields, "framing": framing}


# ---- node ----------------------------------------------------------------------------------
def run_node(node, cases):
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as d:
        inp, outp = os.path.join(d, "cases.jsonl"), os.path.join(d, "node.jsonl")
        with open(inp, "w") as f:
            for i, kind, _, head in cases:
                f.write(json.dumps({"id": i, "kind": kind, "hex": (head + PROBE).hex()}) + "\n")
        proc = subprocess.Popen([node, os.path.join(here, "node_peer.js"), inp, outp])
        try:
            rc = proc.wait(timeout=NODE_TIMEOUT)
        except subprocess.TimeoutExpired:
            rc = "timeout"
        finally:
            if proc.poll() is None:  # stopped by its own PID
                proc.kill()
                proc.wait()
        if rc != 0:
            sys.exit("node peer failed: %s" % rc)
        with open(outp) as f:
            raw = [json.loads(line) for line in f if line.strip()]
    kinds = {c[0]: c[1] for c in cases}
    return {o["id"]: node_verdict(o, kinds[o["id"]]) for o in raw}


def node_verdict(o, kind):
    if not o["ok"]:
        return {"ok": False, "why": o["why"]}
    raw = [bytes.fromhex(h) for h in o["raw_headers"]]
    fields = norm_fields(zip(raw[0::2], raw[1::2]))
    version = o["version"].encode()
    if kind == "request":
        start = (o["method"].encode("latin-1"), bytes.fromhex(o["url"]), version)
    else:
        start = (version, o["status"], bytes.fromhex(o["reason"]))
    if o.get("informational"):
        framing = "none"
    elif o.get("upgrade"):
        framing = "tunnel"
    elif o.get("tunnel"):
        # CONNECT or Upgrade request: node gives the socket away after the head, no body read.
        framing = "none"
    else:
        framing = framing_from_body(bytes.fromhex(o["body"]), o["ended"], fields, kind)
    return {"ok": True, "start": start, "fields": fields, "framing": framing}


# ---- comparison ----------------------------------------------------------------------------
def disagreements(hw, peer):
    """The ways a peer's verdict differs from httpwire's: [] when they agree."""
    if hw["ok"] and not peer["ok"]:
        return ["hw_accepts"]
    if not hw["ok"] and peer["ok"]:
        return ["hw_refuses"]
    if not hw["ok"]:
        return []
    return ["differs_" + k for k in ("start", "fields", "framing") if hw[k] != peer[k]]


def show(v):
    if not v["ok"]:
        return "refused (%s)" % v["why"]
    return "start=%r framing=%s fields=%r" % (v["start"], v["framing"], v["fields"])


def main():
    # A TERM (the time bound) unwinds through run_node's `finally`, which stops node by its PID.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    ap = argparse.ArgumentParser()
    ap.add_argument("--httpwire", required=True)
    ap.add_argument("--node", default="node")
    ap.add_argument("--show", help="print the disagreements of this class ('unclassified')")
    ap.add_argument("--limit", type=int, default=8)
    args = ap.parse_args()

    t0 = time.time()
    cases = heads.cases()
    hw = run_httpwire(args.httpwire, cases)
    t_hw = time.time()
    h11v = {i: h11_verdict(kind, head) for i, kind, _, head in cases}
    t_h11 = time.time()
    nodev = run_node(args.node, cases)
    t_node = time.time()
    if len(nodev) != len(cases):
        sys.exit("node answered %d of %d cases" % (len(nodev), len(cases)))

    peers = {"h11": h11v, "node": nodev}
    counts = collections.Counter()
    per_class = collections.Counter()
    unclassified = []
    shown = collections.Counter()
    for i, kind, tag, head in cases:
        counts[("httpwire", kind, hw[i]["ok"])] += 1
        for name, verdicts in peers.items():
            v = verdicts[i]
            counts[(name, kind, v["ok"])] += 1
            for d in disagreements(hw[i], v):
                case = differences.Case(i, kind, tag, head, name, d, hw[i], v)
                matched = [c for c in differences.CLASSES if c.matches(case)]
                for c in matched[:1]:
                    per_class[c.id] += 1
                if not matched:
                    unclassified.append(case)
                label = matched[0].id if matched else "unclassified"
                if args.show in (label, "all") and shown[label] < args.limit:
                    shown[label] += 1
                    print("[%s] #%d %s %s vs %s: %r\n    httpwire: %s\n    %-8s: %s"
                          % (label, i, tag, d, name, head, show(hw[i]), name, show(v)))

    print("\nhttp1 differential: %d inputs (%d requests, %d responses); httpwire %.1fs, h11 %.1fs, node %.1fs"
          % (len(cases), sum(1 for c in cases if c[1] == "request"),
             sum(1 for c in cases if c[1] == "response"), t_hw - t0, t_h11 - t_hw, t_node - t_h11))
    print("%-10s %-9s %8s %8s" % ("parser", "kind", "accept", "refuse"))
    for name in ("httpwire", "h11", "node"):
        for kind in ("request", "response"):
            print("%-10s %-9s %8d %8d" % (name, kind, counts[(name, kind, True)], counts[(name, kind, False)]))
    print("\n%6s  %-34s %-24s %s" % ("count", "difference class", "RFC", "right"))
    stale = []
    for c in differences.CLASSES:
        n = per_class[c.id]
        print("%6d  %-34s %-24s %s" % (n, c.id, c.rfc, c.right))
        if n == 0:
            stale.append(c.id)
    ok = True
    if unclassified:
        ok = False
        print("\nFAIL: %d disagreements fit no class in differences.py (first ones below; "
              "--show unclassified for more)" % len(unclassified))
        for case in unclassified[:10]:
            print("  #%d %s %s vs %s: %r\n    httpwire: %s\n    %-8s: %s"
                  % (case.id, case.tag, case.what, case.peer, case.head, show(case.hw), case.peer,
                     show(case.verdict)))
    if stale:
        ok = False
        print("\nFAIL: classes that match nothing any more (remove or fix them): %s" % ", ".join(stale))
    bugs = [c.id for c in differences.CLASSES if c.bug and per_class[c.id]]
    if bugs:
        print("\nknown httpwire bugs (reported, still present): %s" % ", ".join(bugs))
    print("http1 differential: %s" % ("ok" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
