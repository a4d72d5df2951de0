"""HPACK both ways with python-hpack (RFC 7541).

    python hpack_diff.py --httpwire BIN [--lists N] [--seed S]

1. python-hpack's Encoder encodes seeded random header lists in one context, its
   header_table_size changed along the way (so that blocks start with size updates, sometimes
   two: a minimum then the final size); `httpwire hpack decode --json` decodes the blocks, given
   the same SETTINGS values as `table-size N` lines. Every block must give back its list, field
   by field; the never-indexed flags must be python's own (its Decoder on its own block), and
   the dynamic table's size after each block the encoder's.
2. `httpwire hpack encode --json` encodes lists of the same kind, with `table-size N` lines
   along the way; python-hpack's Decoder (max_allowed_table_size set at each SETTINGS value)
   decodes every block to its list, with the never-indexed flags and table sizes that
   `httpwire hpack decode` reports for the same blocks.
Exit 1 on any difference (the first few are printed), 0 otherwise.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

from hpack import Decoder, Encoder
from hpack.struct import NeverIndexedHeaderTuple

NAMES = [
    b":method", b":path", b":authority", b":scheme", b":status", b"accept", b"accept-encoding",
    b"accept-language", b"cache-control", b"content-type", b"content-length", b"cookie",
    b"set-cookie", b"user-agent", b"referer", b"date", b"etag", b"if-none-match", b"location",
    b"server", b"vary", b"x-request-id", b"x-forwarded-for", b"authorization",
    b"proxy-authorization", b"www-authenticate", b"x-custom",
]
VALUES = [
    b"GET", b"POST", b"/", b"/index.html", b"/api/v1/items?id=42", b"https", b"http",
    b"example.com", b"www.example.com:8443", b"200", b"404", b"text/html; charset=utf-8",
    b"application/json", b"gzip, deflate, br", b"en-US,en;q=0.9", b"no-cache", b"max-age=3600",
    b"Mozilla/5.0 (X11; Linux x86_64)", b"Thu, 01 Jan 2026 00:00:00 GMT", b'"abc123"', b"0",
    b"1024", b"Bearer abc.def.ghi", b"session=f00dfeed; theme=dark", b"",
]
SENSITIVE = {b"authorization", b"proxy-authorization", b"cookie", b"set-cookie"}
TOKEN = b"abcdefghijklmnopqrstuvwxyz0123456789-_."
# SETTINGS_HEADER_TABLE_SIZE values to move between (the CLI takes up to 1 MiB).
SIZES = [4096, 0, 256, 1024, 64, 4096, 8192, 100, 2048, 65536, 4096]


def random_value(rng):
    r = rng.random()
    if r < 0.45:
        return rng.choice(VALUES)
    if r < 0.75:  # arbitrary bytes, every value 0x00-0xFF
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 40)))
    if r < 0.9:
        return bytes(rng.choice(TOKEN) for _ in range(rng.randrange(1, 30)))
    return bytes(rng.choice(TOKEN) for _ in range(rng.randrange(100, 400)))  # evicts entries


def random_list(rng, recent):
    """(name, value, sensitive) triples; some repeated from recent lists (the dynamic table)."""
    out = []
    for _ in range(rng.randrange(0, 14)):
        r = rng.random()
        if recent and r < 0.35:
            name, value, _ = rng.choice(recent)
        elif r < 0.85:
            name, value = rng.choice(NAMES), random_value(rng)
        else:
            name = bytes(rng.choice(TOKEN) for _ in range(rng.randrange(1, 20)))
            value = random_value(rng)
        sensitive = name in SENSITIVE and rng.random() < 0.5
        out.append((name, value, sensitive))
    recent.extend(out)
    del recent[:-40]
    return out


def size_changes(rng, i):
    """SETTINGS values acknowledged before list i: none, one, or two (a minimum, then more)."""
    if i == 0 or rng.random() > 0.08:
        return []
    if rng.random() < 0.3:
        # Never the same value twice in a row: python-hpack 4.2's HeaderTable sets `resized` to
        # whether the last assignment changed the size, so a second, equal one (0 then 0) drops
        # the pending size update, and httpwire rightly refuses the next block
        # (size_update_missing, RFC 7541 §4.2). A python-hpack bug, not exercised here.
        return [0, rng.choice([s for s in SIZES if s])]
    return [rng.choice(SIZES)]


def table_size_of(table):
    return table._current_size  # noqa: SLF001 (python-hpack keeps it private)


def run_cli(args, text):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="latin-1") as f:
        f.write(text)
        path = f.name
    try:
        p = subprocess.run(args + [path], capture_output=True, timeout=60, check=False)
    finally:
        os.unlink(path)
    out = json.loads(p.stdout.decode())
    return p.returncode, out


def lat(s):
    return s.encode("latin-1")


class Report:
    def __init__(self):
        self.failures = []
        self.fields = 0
        self.never = 0
        self.updates = 0  # blocks that start with a dynamic table size update

    def fail(self, msg):
        self.failures.append(msg)


def python_to_httpwire(binary, rng, n, report):
    enc = Encoder()
    recent = []
    lines, expected = [], []
    changes = 0
    for i in range(n):
        for size in size_changes(rng, i):
            enc.header_table_size = size
            lines.append("table-size %d" % size)
            changes += 1
        fields = random_list(rng, recent)
        block = enc.encode([(nm, v, s) for nm, v, s in fields], huffman=rng.random() < 0.7)
        lines.append(block.hex() if block else "-")
        expected.append((fields, block, table_size_of(enc.header_table)))
    # python's own flags: its Decoder on its own blocks (a sensitive field that matches a static
    # entry exactly is sent indexed, so the flag is not the `sensitive` asked for).
    own = Decoder()
    own.max_allowed_table_size = 1 << 20
    rc, out = run_cli([binary, "hpack", "decode", "--json"], "\n".join(lines) + "\n")
    if rc != 0 or not out.get("ok"):
        report.fail("httpwire refused python-hpack's blocks: %s" % json.dumps(out)[:400])
        return len(expected), changes
    blocks = out["blocks"]
    if len(blocks) != len(expected):
        report.fail("httpwire decoded %d blocks of %d" % (len(blocks), len(expected)))
    for i, ((fields, block, size), got) in enumerate(zip(expected, blocks)):
        want = [(nm, v) for nm, v, _ in fields]
        have = [(lat(nm), lat(v)) for nm, v in got["headers"]]
        if have != want:
            report.fail("py->hw block %d (%s): httpwire %r, python encoded %r" % (i, block.hex(), have, want))
        report.fields += len(have)
        report.never += len(got["never_indexed"])
        report.updates += bool(block) and block[0] & 0xE0 == 0x20
        own_fields = own.decode(block, raw=True)
        own_never = [j for j, f in enumerate(own_fields) if isinstance(f, NeverIndexedHeaderTuple)]
        if got["never_indexed"] != own_never:
            report.fail("py->hw block %d: never_indexed %r, python %r" % (i, got["never_indexed"], own_never))
        if got["table_size"] != size:
            report.fail("py->hw block %d: table size %d, python's encoder %d" % (i, got["table_size"], size))
    return len(expected), changes


def httpwire_to_python(binary, rng, n, report):
    recent = []
    lines, lists = [], []
    changes = 0
    for i in range(n):
        for size in size_changes(rng, i):
            lines.append("table-size %d" % size)
            changes += 1
        fields = random_list(rng, recent)
        lists.append([(nm, v) for nm, v, _ in fields])
        lines.append(json.dumps([[nm.decode("latin-1"), v.decode("latin-1")] for nm, v, _ in fields]))
    rc, out = run_cli([binary, "hpack", "encode", "--json"], "\n".join(lines) + "\n")
    if rc != 0 or not out.get("ok"):
        report.fail("httpwire hpack encode failed: %s" % json.dumps(out)[:400])
        return len(lists), changes
    blocks, settings = out["blocks"], out["table_sizes"]
    # httpwire's own view of its blocks (flags, table sizes), to hold python's against.
    text = []
    pending = sorted(settings, key=lambda s: s["block"])
    k = 0
    for b, h in enumerate(blocks):
        while k < len(pending) and pending[k]["block"] == b:
            text.append("table-size %d" % pending[k]["size"])
            k += 1
        text.append(h or "-")  # --json writes an empty block as "", the line format as "-"
    rc, mine = run_cli([binary, "hpack", "decode", "--json"], "\n".join(text) + "\n")
    if rc != 0 or not mine.get("ok"):
        report.fail("httpwire cannot decode its own blocks: %s" % json.dumps(mine)[:400])
        return len(lists), changes
    dec = Decoder()
    k = 0
    for b, (h, want) in enumerate(zip(blocks, lists)):
        while k < len(pending) and pending[k]["block"] == b:
            dec.max_allowed_table_size = pending[k]["size"]
            k += 1
        block = bytes.fromhex(h)
        try:
            got = dec.decode(block, raw=True)
        except Exception as e:  # noqa: BLE001 (any refusal is the finding)
            report.fail("hw->py block %d (%s): python-hpack refused it: %r" % (b, h, e))
            return len(lists), changes
        have = [(bytes(nm), bytes(v)) for nm, v in got]
        report.fields += len(have)
        report.updates += bool(block) and block[0] & 0xE0 == 0x20
        if have != want:
            report.fail("hw->py block %d (%s): python %r, httpwire encoded %r" % (b, h, have, want))
        never = [j for j, f in enumerate(got) if isinstance(f, NeverIndexedHeaderTuple)]
        report.never += len(never)
        if never != mine["blocks"][b]["never_indexed"]:
            report.fail("hw->py block %d: python never-indexed %r, httpwire %r"
                        % (b, never, mine["blocks"][b]["never_indexed"]))
        if table_size_of(dec.header_table) != mine["blocks"][b]["table_size"]:
            report.fail("hw->py block %d: python table size %d, httpwire %d"
                        % (b, table_size_of(dec.header_table), mine["blocks"][b]["table_size"]))
    if len(blocks) != len(lists):
        report.fail("httpwire encoded %d blocks for %d lists" % (len(blocks), len(lists)))
    return len(lists), changes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--httpwire", required=True)
    ap.add_argument("--lists", type=int, default=400)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    report = Report()
    n1, c1 = python_to_httpwire(args.httpwire, random.Random(args.seed), args.lists, report)
    n2, c2 = httpwire_to_python(args.httpwire, random.Random(args.seed + 1), args.lists, report)
    print("hpack: python-hpack -> httpwire: %d header lists, %d SETTINGS changes" % (n1, c1))
    print("hpack: httpwire -> python-hpack: %d header lists, %d SETTINGS changes" % (n2, c2))
    print("hpack: %d fields in all, %d never indexed, %d blocks starting with a size update"
          % (report.fields, report.never, report.updates))
    for f in report.failures[:10]:
        print("  " + f)
    if report.failures:
        print("hpack both ways: FAILED (%d differences)" % len(report.failures))
        return 1
    print("hpack both ways: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
