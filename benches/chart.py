#!/usr/bin/env python3
"""httpwire against its peers as a chart: benches/chart.svg from the committed bench results.

Usage (from anywhere; the default files are the repository's):

    python3 benches/chart.py collect [--target-dir DIR] [--note TEXT] [--merge]
    python3 benches/chart.py render
    python3 benches/chart.py check
    python3 benches/chart.py selftest

`collect` reads criterion's results (`DIR/criterion/**/new/benchmark.json` and the
`estimates.json` beside it; DIR defaults to the repository's `target/`) and writes
`benches/criterion-results.json`: the mean point estimate in ns of every bench, the date of the
run (from the files' modification times, UTC) and `--note` (the conditions: load, warm-up and
measurement times, ...), per bench file. With `--merge`, bench files that DIR has no results
for keep their figures, date and note from the existing file; without it the file is replaced.

`render` writes `benches/chart.svg` from `benches/iai-baseline.json` (instruction counts, the
iai gate's baseline) and `benches/criterion-results.json` (times). `check` renders in memory
and exits 1 if `benches/chart.svg` differs (with a short diff), or if a bench the chart needs
has no figure; 0 otherwise. `selftest` shows that `check` can fail: it perturbs one figure at a
time in memory and in temporary files and confirms that the check notices.

Bench ids
---------
iai (`.ci/iai_gate.py`):   <bench file>::<group>::<function>::<bench id>
    e.g. `http1_iai::heads::httparse_req::req`
criterion (this script):   <bench file>::<group>::<function>[::<value>]
    e.g. `http1_criterion::req::httparse`, `chunked_encode_criterion::encode/k64x4k::write_fmt`

A criterion group holds the peers of one input (the group is named after the input) and its
function is the party (`httpwire`, `httparse`, ...); criterion's directories do not say which
bench file wrote them, so `CRITERION_FILES` lists each bench file's groups.

The mapping (`GROUPS`, `PEERS`, below: the one place to edit)
-------------------------------------------------------------
Each charted iai group is one panel; its entry lists its inputs (with the label each row shows,
in the order drawn) and its peers (keys of `PEERS`, which holds the names shown). The function
names are derived from the ids:
- ours: the group's function whose name starts with `httpwire` and has the input;
- a peer: the function whose name starts with the peer's key (`httparse_req`, `httparse_shape_req`
  are `httparse`; the longest key wins), or with an alias of `IAI_ALIASES` (`pico_req`);
- criterion: bench file `<x>_iai` -> `<x>_criterion`; group from the entry's template (`{input}`,
  `shape_{input}`, `encode/{input}`, ...); function: the peer's key, `httpwire` for ours.
Exceptions are spelt out in the entry: `ours` (several httpwire functions: the one charted),
`pairs` (names that follow no rule), `criterion_inputs` (criterion's group is named otherwise),
`absent` (a peer without a bench for an input), `criterion_only` (a peer without iai benches),
`summary` (inputs drawn as one row per peer). iai groups that are not charted are listed in
`NOT_CHARTED` with the reason. `render` and `check` fail when the baseline has a group, an input
or a peer function the mapping does not place, or when the mapping names a bench that has no
figure: a new bench gets a decision, and a lost one is noticed.

Which rows: every input of a charted group and all of its peers. The eight HTTP/1 head shapes
are one row per peer (`summary`): the geometric mean of the eight ratios, with a whisker from
the lowest to the highest (RESULTS.md has each shape).

Exit status: 0 success; 1 check failed (or selftest found a fault, or a figure is missing);
2 bad arguments. Python 3 standard library only; the output is the same bytes for the same
inputs (fixed number formats, no timestamps but the collected dates).
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import fnmatch
import json
import math
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parent.parent
IAI_FILE = REPO / "benches" / "iai-baseline.json"
CRITERION_FILE = REPO / "benches" / "criterion-results.json"
SVG_FILE = REPO / "benches" / "chart.svg"
DEFAULT_TARGET = REPO / "target"


class ChartError(Exception):
    """A problem the user must fix (missing figure, malformed file, mapping out of date)."""


# ---------------------------------------------------------------------------------------------
# The mapping

# Peers: key (the criterion function's name, and the start of the iai function's name) ->
# the name the chart shows.
PEERS = {
    "httparse": "httparse 1.10",
    "picohttpparser": "picohttpparser (no SSE4.2)",
    "chunked_transfer": "chunked_transfer 1.5",
    "write_fmt": "the write_fmt way",
    "httlib_huffman": "httlib-huffman 0.3",
    "hpack03": "hpack 0.3",
    "nghttp2": "nghttp2 1.68 (C)",
    "httlib_hpack": "httlib-hpack 0.1",
    "fluke_hpack": "fluke-hpack 0.3",
    "http_crate": "the http crate's way",
    "itoa_vec": "hyper's way (itoa, copies)",
}
# Exception: iai function names that start with another name for a peer.
IAI_ALIASES = {"pico": "picohttpparser"}
OURS_PREFIX = "httpwire"


@dataclass(frozen=True)
class Group:
    """One charted iai group (a panel). See the module docstring for the rules."""

    iai: str  # "<bench file>::<group>"
    panel: str  # the panel's title
    criterion_group: str  # template: {input}, {group} (the iai group's name), {ours}
    inputs: dict[str, str]  # input (or, with `pairs`, our function) -> label; the row order
    peers: tuple[str, ...] = ()  # PEERS keys; each input's row order follows PEERS
    # Exception: the iai and criterion functions of ours, when several start with `httpwire`.
    ours: tuple[str, str] | None = None
    # Exception: (our function, the peer's function) pairs, for groups whose function names
    # do not follow the rule; the input's label is then looked up by our function, and the
    # criterion function of ours is `httpwire`.
    pairs: tuple[tuple[str, str], ...] = ()
    no_peer: tuple[str, ...] = ()  # with `pairs`: our functions that have no peer
    # Exception: iai input -> criterion group's {input}, where the names differ.
    criterion_inputs: dict[str, str] = field(default_factory=dict)
    # Exception: input -> peers that have no bench for it.
    absent: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Exception: peers with criterion figures and no iai bench (shown as such).
    criterion_only: tuple[str, ...] = ()
    # One row per peer summarising every input (geometric mean, whisker for the range):
    # the label of that row.
    summary: str | None = None
    note: str = ""  # a line under the panel's title


GROUPS: tuple[Group, ...] = (
    Group(
        "http1_iai::heads",
        "HTTP/1 heads: parse a request or response head",
        "{input}",
        {
            "req": "REQ (703 B, 9 fields)",
            "req_short": "REQ_SHORT (68 B, 2 fields)",
            "resp": "RESP (314 B, 10 fields)",
            "forty": "40 fields (1,860 B)",
        },
        peers=("httparse", "picohttpparser"),
        criterion_inputs={"forty": "forty_fields"},
    ),
    Group(
        "http1_iai::shapes",
        "HTTP/1 heads: eight other shapes",
        "shape_{input}",
        {
            "no_space": "no_space",
            "htab": "htab",
            "long_cookie": "long_cookie",
            "long_target": "long_target",
            "tiny_fields": "tiny_fields",
            "browser": "browser",
            "cdn": "cdn (response)",
            "redirect": "redirect (response)",
        },
        peers=("httparse", "picohttpparser"),
        summary="8 shapes: geometric mean",
        note="bar: geometric mean of the 8 ratios; whisker: lowest to highest (RESULTS.md)",
    ),
    Group(
        "chunked_iai::decode",
        "Chunked decoding",
        "{input}",
        {
            "k64x4k": "64 x 4 KiB chunks",
            "b256x16": "256 x 16 B chunks",
            "s3_k64x4k": "64 x 4 KiB, S3 signature extensions",
            "k16x1k_trailers": "16 x 1 KiB, 3 trailers",
        },
        peers=("httparse", "chunked_transfer"),
        ours=("httpwire_decode_with", "httpwire_with"),
        note="httpwire's visitor (decode_with); its event API (decode) is in RESULTS.md;"
        " chunked_transfer refuses trailers",
    ),
    Group(
        "chunked_encode_iai::encode",
        "Chunked encoding",
        "encode/{input}",
        {
            "k64x4k": "64 x 4 KiB chunks",
            "b256x16": "256 x 16 B chunks",
            "trailers3": "last chunk, 3 trailers",
        },
        peers=("chunked_transfer", "write_fmt"),
        absent={"trailers3": ("chunked_transfer",)},
        ours=("httpwire_copy", "httpwire_copy"),
        note="httpwire copying into one buffer (write_chunk); its vectored pieces are in"
        " RESULTS.md",
    ),
    Group(
        "hpack_iai::huffman",
        "HPACK: Huffman decoding",
        "huffman_{input}",
        {"values8": "8 typical values (448 B)"},
        peers=("httlib_huffman", "hpack03"),
    ),
    Group(
        "hpack_iai::blocks",
        "HPACK: decode header blocks",
        "{group}",
        {"nghttp2_dir": "nghttp2/ stories (3,384 blocks)"},
        peers=("nghttp2", "httlib_hpack"),
        criterion_only=("fluke_hpack",),
        note="fluke-hpack: criterion only (3.85G Ir, a minute under callgrind)",
    ),
    Group(
        "hpack_iai::encode",
        "HPACK: encode header lists",
        "{group}",
        {"raw_data": "raw-data/ (3,384 header lists)"},
        peers=("nghttp2",),
    ),
    Group(
        "status_lines_iai::write_and_parse",
        "Status lines: write",
        "{ours}",
        {
            "write_registered": "8 codes with a reason",
            "write_unregistered": "8 codes without",
        },
        pairs=(
            ("write_registered", "http_crate_write_registered"),
            ("write_unregistered", "http_crate_write_unregistered"),
        ),
        no_peer=("parse_line",),
    ),
    Group(
        "lines_iai::response_head",
        "Response heads: status line, Content-Type, Content-Length N, Connection",
        "response_head/{input}",
        {
            "n0": "Content-Length: 0",
            "n1256": "Content-Length: 1256",
            "n123456789": "Content-Length: 123456789",
            "max": "Content-Length: u64::MAX",
        },
        peers=("itoa_vec",),
        ours=("httpwire_vec", "httpwire_vec"),
        note="8 heads into a reused Vec (status_line + http1::lines); into a slice in"
        " RESULTS.md",
    ),
)

# iai groups of the baseline that are not charted, and why.
NOT_CHARTED = {
    "http1_iai::framing": "httpwire only: httparse and picohttpparser leave framing to callers",
    "http1_iai::levels": "httpwire's SIMD levels against each other, no peer",
}

# criterion: each bench file's groups (fnmatch patterns), as criterion's directories do not
# say which bench file wrote them.
CRITERION_FILES = {
    "status_lines_criterion": ("write_registered", "write_unregistered", "parse_line"),
    "lines_criterion": ("response_head/*",),
    "http1_criterion": (
        "req",
        "req_short",
        "forty_fields",
        "resp",
        "shape_*",
        "levels_*",
        "framing",
    ),
    "chunked_criterion": ("k64x4k", "b256x16", "k16x1k_trailers", "s3_k64x4k"),
    "chunked_encode_criterion": ("encode/*",),
    "hpack_criterion": ("huffman_values8", "blocks", "encode"),
}


# ---------------------------------------------------------------------------------------------
# Rows: what the chart shows, from the mapping and the iai ids


@dataclass(frozen=True)
class Pair:
    """One input's figures for ours and one peer: a ratio in each measure (None: no bench)."""

    iai: tuple[str, str] | None  # (our id, the peer's id)
    criterion: tuple[str, str] | None


@dataclass(frozen=True)
class Row:
    input_label: str
    peer: str  # key of PEERS
    pairs: tuple[Pair, ...]  # one (a plain row) or one per input (a summary row)


@dataclass(frozen=True)
class Panel:
    title: str
    note: str
    rows: tuple[Row, ...]


def peer_of(function: str) -> str | None:
    """The PEERS key an iai function's name starts with (the longest), or None."""
    names = dict(IAI_ALIASES)
    names.update({k: k for k in PEERS})
    best = None
    for prefix, key in names.items():
        if function == prefix or function.startswith(prefix + "_"):
            if best is None or len(prefix) > len(best[0]):
                best = (prefix, key)
    return best[1] if best else None


def split_id(bench_id: str) -> tuple[str, str, str, str]:
    parts = bench_id.split("::")
    if len(parts) != 4:
        raise ChartError(f"iai bench id {bench_id!r} is not <file>::<group>::<function>::<id>")
    return parts[0], parts[1], parts[2], parts[3]


def criterion_file_of(iai_file: str) -> str:
    if not iai_file.endswith("_iai"):
        raise ChartError(f"iai bench file {iai_file!r} does not end in _iai")
    return iai_file[: -len("_iai")] + "_criterion"


def build_panels(iai: dict[str, int]) -> list[Panel]:
    """The rows of every panel, from the mapping and the iai ids (not the figures).

    Raises ChartError when the mapping and the baseline disagree: an iai group, input or peer
    the mapping does not know (a decision to make in GROUPS), or an input and peer of the
    mapping that has no iai bench (a missing figure).
    """
    functions: dict[str, dict[str, set[str]]] = {}  # "file::group" -> function -> inputs
    for bench_id in iai:
        f, g, fn, inp = split_id(bench_id)
        functions.setdefault(f"{f}::{g}", {}).setdefault(fn, set()).add(inp)
    charted = {grp.iai for grp in GROUPS}
    unknown = sorted(set(functions) - charted - set(NOT_CHARTED))
    if unknown:
        raise ChartError(
            "iai group(s) " + ", ".join(unknown) + " are in neither GROUPS nor NOT_CHARTED"
            " of benches/chart.py: add a panel, or the reason it is not charted"
        )
    problems: list[str] = []
    panels = []
    for grp in GROUPS:
        fns = functions.get(grp.iai, {})
        file, group_name = grp.iai.split("::")
        crit_file = criterion_file_of(file)
        # Every function of the group must be ours or a peer the mapping knows.
        pair_fns = {f for pair in grp.pairs for f in pair} | set(grp.no_peer)
        for fn in sorted(fns):
            if grp.pairs:
                if fn not in pair_fns:
                    problems.append(f"{grp.iai}::{fn} is in no pair of its group's `pairs`")
            elif not fn.startswith(OURS_PREFIX) and peer_of(fn) not in grp.peers:
                problems.append(
                    f"{grp.iai}::{fn}: its peer ({peer_of(fn) or 'no PEERS key starts its name'})"
                    " is not in the group's `peers`"
                )
        # Every input of the baseline must have a label (a row), or be left out by `pairs`.
        if not grp.pairs:
            ins = set().union(*fns.values()) if fns else set()
            for inp in sorted(ins - set(grp.inputs)):
                problems.append(f"{grp.iai}: input {inp} is not in the group's `inputs`")
        rows: list[Row] = []
        summary: dict[str, list[Pair]] = {}
        for key, label in grp.inputs.items():
            if grp.pairs:
                pair_peer = dict(grp.pairs).get(key)
                if pair_peer is None:
                    raise ChartError(f"mapping: {grp.iai}: input {key} names no pair")
                if peer_of(pair_peer) is None:
                    raise ChartError(f"mapping: {grp.iai}: no PEERS key starts {pair_peer}")
                inp = next(iter(sorted(fns.get(key, set()))), "?")
                ours, ours_crit, peer_fns = key, "httpwire", {peer_of(pair_peer): pair_peer}
            else:
                inp = key
                if grp.ours is not None:
                    ours, ours_crit = grp.ours
                else:
                    mine = sorted(f for f in fns if f.startswith(OURS_PREFIX) and inp in fns[f])
                    if len(mine) > 1:
                        raise ChartError(
                            f"mapping: {grp.iai}: input {inp} has several httpwire functions"
                            f" ({', '.join(mine)}): name the charted one in the group's `ours`"
                        )
                    if not mine:
                        mine = sorted(f for f in fns if f.startswith(OURS_PREFIX))
                    ours, ours_crit = (mine[0] if len(mine) == 1 else "httpwire_*"), "httpwire"
                peer_fns = {}
                for peer in grp.peers:
                    if peer in grp.absent.get(inp, ()):
                        continue
                    found = sorted(f for f in fns if peer_of(f) == peer and inp in fns[f])
                    if len(found) > 1:
                        raise ChartError(f"mapping: {grp.iai}: {peer} has several functions"
                                         f" for input {inp}: {found}")
                    if not found:  # a missing bench: name it after the peer's other inputs
                        found = sorted(f for f in fns if peer_of(f) == peer) or [f"{peer}_*"]
                    peer_fns[peer] = found[0]
            crit_group = grp.criterion_group.format(
                input=grp.criterion_inputs.get(inp, inp), group=group_name, ours=ours
            )
            ours_c = f"{crit_file}::{crit_group}::{ours_crit}"
            for peer in sorted(set(peer_fns) | set(grp.criterion_only), key=list(PEERS).index):
                crit_ids = (ours_c, f"{crit_file}::{crit_group}::{peer}")
                if peer in grp.criterion_only:
                    pair = Pair(None, crit_ids)
                else:
                    pair = Pair(
                        (f"{grp.iai}::{ours}::{inp}", f"{grp.iai}::{peer_fns[peer]}::{inp}"),
                        crit_ids,
                    )
                if grp.summary:
                    summary.setdefault(peer, []).append(pair)
                else:
                    rows.append(Row(label, peer, (pair,)))
        for peer in sorted(summary, key=list(PEERS).index):
            rows.append(Row(grp.summary or "", peer, tuple(summary[peer])))
        panels.append(Panel(grp.panel, grp.note, tuple(rows)))
    if problems:
        raise ChartError(
            "the mapping in benches/chart.py (GROUPS) does not cover the iai baseline:\n  "
            + "\n  ".join(problems)
        )
    return panels


# ---------------------------------------------------------------------------------------------
# Figures


def load_json(path: Path) -> object:
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        raise ChartError(f"{path}: no such file") from None
    except (OSError, ValueError) as e:
        raise ChartError(f"{path}: cannot read it as JSON: {e}") from None


def load_iai(path: Path) -> dict[str, int]:
    data = load_json(path)
    if not isinstance(data, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in data.values()
    ):
        raise ChartError(f"{path}: not a {{bench id: Ir}} object of non-negative integers")
    return data


def load_criterion(path: Path) -> dict:
    data = load_json(path)
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("figures"), dict)
        or not isinstance(data.get("runs"), dict)
        or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0
            for v in data["figures"].values()
        )
    ):
        raise ChartError(
            f"{path}: not a criterion results file (`runs` and `figures`, {{bench id: ns > 0}});"
            " write it with `python3 benches/chart.py collect`"
        )
    return data


@dataclass(frozen=True)
class Bar:
    ratio: float | None  # None: no bench in this measure
    low: float | None = None  # summary rows: the range of the ratios
    high: float | None = None


def ratios(panels: list[Panel], iai: dict, crit: dict) -> dict[tuple[int, int], tuple[Bar, Bar]]:
    """(panel, row) -> (iai bar, criterion bar); ChartError listing every missing figure."""
    missing: list[str] = []
    out = {}

    def one(ids: tuple[str, str] | None, figures: dict, kind: str) -> float | None:
        if ids is None:
            return None
        ok = True
        for i in ids:
            if i not in figures:
                missing.append(f"{kind} {i}")
                ok = False
        if not ok:
            return None
        ours, peer = figures[ids[0]], figures[ids[1]]
        if peer <= 0 or ours <= 0:
            missing.append(f"{kind} {ids[0]} / {ids[1]}: a figure of 0")
            return None
        return ours / peer

    for pi, panel in enumerate(panels):
        for ri, row in enumerate(panel.rows):
            bars = []
            for kind, figures, pick in (
                ("iai", iai, lambda p: p.iai),
                ("criterion", crit, lambda p: p.criterion),
            ):
                rs = [one(pick(p), figures, kind) for p in row.pairs]
                if any(pick(p) is None for p in row.pairs):
                    bars.append(Bar(None))
                elif any(r is None for r in rs):
                    bars.append(Bar(None))
                elif len(rs) == 1:
                    bars.append(Bar(rs[0]))
                else:
                    gm = math.exp(sum(math.log(r) for r in rs) / len(rs))
                    bars.append(Bar(gm, min(rs), max(rs)))
            out[(pi, ri)] = (bars[0], bars[1])
    if missing:
        missing = sorted(set(missing))
        raise ChartError(
            f"{len(missing)} bench(es) the chart needs have no figure (iai: the baseline, see"
            " .ci/iai_gate.py; criterion: run the bench, then `chart.py collect`):\n  "
            + "\n  ".join(missing)
        )
    return out


# ---------------------------------------------------------------------------------------------
# SVG

W = 960
X_INPUT = 16  # input labels, left-aligned
X_PEER = 404  # peer labels, right-aligned
PLOT_L, PLOT_R = 418, 900  # the log axis
TOP = 100
PANEL_TITLE = 22
PANEL_HEAD = 16
ROW = 22
BAR_H = 8
AXIS = 26
PANEL_GAP = 10
COLOR = {"iai": "#3a6ea5", "criterion": "#e08a3c"}
FONT = 'font-family="sans-serif"'
NICE = (1, 2, 5)


def fmt(v: float) -> str:
    """A coordinate: one decimal, no '-0.0'."""
    s = f"{v:.1f}"
    return "0.0" if s == "-0.0" else s


def fmt_ratio(r: float) -> str:
    if r >= 10:
        return f"{r:.0f}"
    if r >= 0.1:
        return f"{r:.2f}"
    # Two significant digits, trailing zero kept (0.0090, not 0.009).
    return f"{r:.{max(1 - math.floor(math.log10(r)), 2)}f}"


def fmt_tick(t: float) -> str:
    return f"{t:.10f}".rstrip("0").rstrip(".")


def nice_values(lo_exp: int, hi_exp: int) -> list[float]:
    """The 1-2-5 series from 10^lo_exp to 5 * 10^hi_exp."""
    # Divided for negative exponents, so that 0.002 is the float that "0.002" reads as.
    return [
        m * 10.0**e if e >= 0 else m / 10.0**-e for e in range(lo_exp, hi_exp + 1) for m in NICE
    ]


def axis_range(values: list[float]) -> tuple[float, float, list[float]]:
    """The largest 1-2-5 value <= every ratio and the smallest >= every ratio (and 1)."""
    lo_v = min(values + [1.0])
    hi_v = max(values + [1.0])
    series = nice_values(math.floor(math.log10(lo_v)) - 1, math.ceil(math.log10(hi_v)) + 1)
    lo = max(v for v in series if v <= lo_v * (1 + 1e-9))
    hi = min(v for v in series if v >= hi_v * (1 - 1e-9))
    if hi <= 1.0:
        hi = 2.0
    ticks = [v for v in series if lo * (1 - 1e-9) <= v <= hi * (1 + 1e-9)]
    return lo, hi, ticks


def text(x: float, y: float, s: str, size: int = 11, anchor: str = "start", extra: str = "") -> str:
    a = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return f'<text x="{fmt(x)}" y="{fmt(y)}" font-size="{size}"{a}{extra}>{escape(s)}</text>'


def text_width(s: str, size: int) -> float:
    return len(s) * size * 0.58


def render_svg(iai: dict, crit: dict) -> str:
    panels = build_panels(iai)
    bars = ratios(panels, iai, crit["figures"])
    values = []
    for iai_bar, crit_bar in bars.values():
        for b in (iai_bar, crit_bar):
            for v in (b.ratio, b.low, b.high):
                if v is not None:
                    values.append(v)
    lo, hi, ticks = axis_range(values)
    span = math.log10(hi) - math.log10(lo)

    def x_of(r: float) -> float:
        return PLOT_L + (math.log10(r) - math.log10(lo)) / span * (PLOT_R - PLOT_L)

    x1 = x_of(1.0)
    height = TOP
    for p in panels:
        height += PANEL_TITLE + (PANEL_HEAD if p.note else 0) + PANEL_HEAD
        height += len(p.rows) * ROW + AXIS + PANEL_GAP
    height += 4

    runs = crit.get("runs", {})
    dates = sorted({d for r in runs.values() for d in str(r.get("date", "")).split(" to ") if d})
    when = dates[0] if len(dates) == 1 else (f"{dates[0]} to {dates[-1]}" if dates else "?")

    out: list[str] = []
    add = out.append
    add(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{height}"'
        f' viewBox="0 0 {W} {height}" {FONT} fill="#222">'
    )
    add("<title>httpwire against its peers: httpwire / peer, per input</title>")
    add(f'<rect x="0" y="0" width="{W}" height="{height}" fill="#ffffff"/>')
    add(text(X_INPUT, 26, "httpwire against its peers: httpwire / peer (lower is better)", 17,
             extra=' font-weight="bold"'))
    add(text(X_INPUT, 46, "Each bar runs from 1 (the peer) to httpwire's ratio, on a log scale;"
             " left of 1, httpwire takes fewer instructions or less time.", 11))
    add(text(X_INPUT, 62, "Instructions: benches/iai-baseline.json (callgrind Ir, AVX2 path)."
             f" Time: benches/criterion-results.json (criterion means, {when};"
             " see its notes).", 11, extra=' fill="#555"'))
    # Legend.
    lx, ly = X_INPUT, 76
    for kind, label in (("iai", "instructions (iai-callgrind Ir)"),
                        ("criterion", "time (criterion mean)")):
        add(f'<rect x="{fmt(lx)}" y="{fmt(ly)}" width="14" height="{BAR_H}"'
            f' fill="{COLOR[kind]}"/>')
        add(text(lx + 19, ly + 8, label, 11))
        lx += 19 + text_width(label, 11) + 22
    add(f'<line x1="{fmt(lx)}" y1="{fmt(ly - 2)}" x2="{fmt(lx)}" y2="{fmt(ly + 10)}"'
        ' stroke="#222" stroke-width="1.5"/>')
    add(text(lx + 6, ly + 8, "peer = 1", 11))
    lx += 6 + text_width("peer = 1", 11) + 22
    add(f'<line x1="{fmt(lx)}" y1="{fmt(ly + 4)}" x2="{fmt(lx + 16)}" y2="{fmt(ly + 4)}"'
        ' stroke="#222" stroke-width="1"/>')
    add(text(lx + 21, ly + 8, "range over inputs (summary rows)", 11))

    y = TOP
    for pi, panel in enumerate(panels):
        add(text(X_INPUT, y + 15, panel.title, 14, extra=' font-weight="bold"'))
        y += PANEL_TITLE
        if panel.note:
            add(text(X_INPUT, y + 10, panel.note, 10, extra=' fill="#555"'))
            y += PANEL_HEAD
        add(text(X_INPUT, y + 11, "input", 10, extra=' fill="#777" font-style="italic"'))
        add(text(X_PEER, y + 11, "peer", 10, "end", ' fill="#777" font-style="italic"'))
        add(text(x1, y + 11, "peer = 1", 10, "middle", ' fill="#555"'))
        y += PANEL_HEAD
        top = y
        bottom = y + len(panel.rows) * ROW
        # Grid and the line at 1.
        for t in ticks:
            if t == 1.0:
                continue
            xt = x_of(t)
            add(f'<line x1="{fmt(xt)}" y1="{fmt(top)}" x2="{fmt(xt)}" y2="{fmt(bottom)}"'
                ' stroke="#e4e4e4" stroke-width="1"/>')
        # Rows.
        last_label = None
        for ri, row in enumerate(panel.rows):
            ry = top + ri * ROW
            if row.input_label != last_label:
                if last_label is not None:
                    add(f'<line x1="{X_INPUT}" y1="{fmt(ry)}" x2="{PLOT_R}" y2="{fmt(ry)}"'
                        ' stroke="#cfcfcf" stroke-width="1"/>')
                add(text(X_INPUT, ry + 14, row.input_label, 11))
                last_label = row.input_label
            add(text(X_PEER, ry + 14, PEERS[row.peer], 11, "end"))
            for k, (kind, bar) in enumerate(zip(("iai", "criterion"), bars[(pi, ri)])):
                by = ry + 2 + k * (BAR_H + 1)
                if bar.ratio is None:
                    add(text(x1 - 5, by + 7.5, f"no {kind} bench", 9, "end",
                             ' fill="#777" font-style="italic"'))
                    continue
                xr = x_of(bar.ratio)
                left, right = min(xr, x1), max(xr, x1)
                add(f'<rect x="{fmt(left)}" y="{fmt(by)}" width="{fmt(max(right - left, 1.0))}"'
                    f' height="{BAR_H}" fill="{COLOR[kind]}"/>')
                label = fmt_ratio(bar.ratio)
                far = [xr]
                if bar.low is not None and bar.high is not None:
                    xl, xh = x_of(bar.low), x_of(bar.high)
                    cy = by + BAR_H / 2
                    add(f'<line x1="{fmt(xl)}" y1="{fmt(cy)}" x2="{fmt(xh)}" y2="{fmt(cy)}"'
                        ' stroke="#222" stroke-width="1"/>')
                    for xe in (xl, xh):
                        add(f'<line x1="{fmt(xe)}" y1="{fmt(by + 1)}" x2="{fmt(xe)}"'
                            f' y2="{fmt(by + BAR_H - 1)}" stroke="#222" stroke-width="1"/>')
                    label += f" ({fmt_ratio(bar.low)}\u2013{fmt_ratio(bar.high)})"
                    far = [xl, xh]
                w = text_width(label, 9)
                if xr <= x1:  # the bar goes left: the figure left of its end
                    xt = min(far) - 3
                    if xt - w < PLOT_L - 2:
                        add(text(xr + 3, by + 7.5, label, 9, extra=' fill="#ffffff"'))
                    else:
                        add(text(xt, by + 7.5, label, 9, "end"))
                else:
                    add(text(max(far) + 3, by + 7.5, label, 9))
        add(f'<line x1="{fmt(x1)}" y1="{fmt(top - 2)}" x2="{fmt(x1)}" y2="{fmt(bottom)}"'
            ' stroke="#222" stroke-width="1.5"/>')
        # The axis.
        add(f'<line x1="{PLOT_L}" y1="{fmt(bottom)}" x2="{PLOT_R}" y2="{fmt(bottom)}"'
            ' stroke="#888" stroke-width="1"/>')
        for t in ticks:
            xt = x_of(t)
            add(f'<line x1="{fmt(xt)}" y1="{fmt(bottom)}" x2="{fmt(xt)}" y2="{fmt(bottom + 4)}"'
                ' stroke="#888" stroke-width="1"/>')
            add(text(xt, bottom + 15, fmt_tick(t), 10, "middle", ' fill="#444"'))
        add(text(PLOT_L - 18, bottom + 15, "httpwire / peer (log scale)", 10, "end",
                 ' fill="#444"'))
        y = bottom + AXIS + PANEL_GAP
    add("</svg>")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# Commands


def cmd_render(args) -> int:
    svg = render_svg(load_iai(Path(args.iai)), load_criterion(Path(args.criterion)))
    Path(args.svg).write_text(svg)
    print(f"chart: wrote {args.svg} ({len(svg)} bytes)")
    return 0


def check_svg(expected: str, path: Path) -> list[str]:
    """Empty if the file holds `expected`; otherwise the lines of a message and a short diff."""
    try:
        actual = path.read_text()
    except OSError as e:
        return [f"chart: {path} cannot be read ({e}): run `python3 benches/chart.py render`"]
    if actual == expected:
        return []
    diff = list(
        difflib.unified_diff(
            actual.splitlines(), expected.splitlines(), f"{path} (committed)",
            f"{path} (rendered from the committed results)", n=0, lineterm="",
        )
    )
    shown = diff[:30]
    more = [f"... and {len(diff) - 30} more diff lines"] if len(diff) > 30 else []
    return (
        [
            f"chart: FAILED: {path} is not what the committed results give; run"
            " `python3 benches/chart.py render` and commit the chart with the results.",
        ]
        + shown
        + more
    )


def cmd_check(args) -> int:
    svg = render_svg(load_iai(Path(args.iai)), load_criterion(Path(args.criterion)))
    problems = check_svg(svg, Path(args.svg))
    if problems:
        print("\n".join(problems))
        return 1
    print(f"chart: {args.svg} is up to date with the committed iai and criterion results")
    return 0


def criterion_file_for(group: str) -> str | None:
    for file, patterns in CRITERION_FILES.items():
        if any(fnmatch.fnmatchcase(group, p) for p in patterns):
            return file
    return None


def read_criterion_dir(root: Path) -> tuple[dict[str, float], dict[str, list[float]], list[str]]:
    """Figures {id: ns}, mtimes per bench file, and warnings, from <root>/**/new/."""
    figures: dict[str, float] = {}
    mtimes: dict[str, list[float]] = {}
    warnings = []
    for meta in sorted(root.glob("**/new/benchmark.json")):
        est = meta.with_name("estimates.json")
        try:
            info = json.loads(meta.read_text())
            mean = json.loads(est.read_text())["mean"]["point_estimate"]
            group, function = info["group_id"], info["function_id"]
            value = info.get("value_str")
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise ChartError(f"{meta.parent}: not a criterion result ({e})") from None
        file = criterion_file_for(group)
        if file is None:
            warnings.append(f"skipped {meta.parent.parent}: group {group!r} is in no bench file"
                            " of CRITERION_FILES")
            continue
        bench_id = f"{file}::{group}::{function}" + (f"::{value}" if value else "")
        if bench_id in figures:
            raise ChartError(f"two results for {bench_id} under {root}")
        figures[bench_id] = round(float(mean), 3)
        mtimes.setdefault(file, []).append(est.stat().st_mtime)
    return figures, mtimes, warnings


def day(t: float) -> str:
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%d")


def dump_results(data: dict) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def cmd_collect(args) -> int:
    root = Path(args.target_dir) / "criterion"
    if not root.is_dir():
        raise ChartError(f"{root}: no criterion results (run `cargo bench` first)")
    figures, mtimes, warnings = read_criterion_dir(root)
    for w in warnings:
        print(f"chart: collect: {w}", file=sys.stderr)
    if not figures:
        raise ChartError(f"{root}: no result of a known bench file")
    runs = {}
    for file, times in sorted(mtimes.items()):
        a, b = day(min(times)), day(max(times))
        runs[file] = {
            "date": a if a == b else f"{a} to {b}",
            "note": args.note,
            "benches": len(times),
        }
    out = Path(args.criterion)
    if args.merge and out.exists():
        old = load_criterion(out)
        for file, run in old["runs"].items():
            if file not in runs:
                runs[file] = run
                for k, v in old["figures"].items():
                    if k.startswith(file + "::"):
                        figures[k] = v
    data = {
        "about": "criterion's mean point estimate, ns per iteration, per bench id"
        " (<bench file>::<group>::<function>); written by `python3 benches/chart.py collect`",
        "runs": runs,
        "figures": figures,
    }
    out.write_text(dump_results(data))
    print(f"chart: wrote {out}: {len(figures)} figures from "
          + ", ".join(f"{f} ({r['date']})" for f, r in sorted(runs.items())))
    return 0


# ---------------------------------------------------------------------------------------------
# selftest


def selftest() -> int:
    problems: list[str] = []
    iai = load_iai(IAI_FILE)
    crit = load_criterion(CRITERION_FILE)
    svg = render_svg(iai, crit)
    if render_svg(dict(iai), json.loads(json.dumps(crit))) != svg:
        problems.append("render is not deterministic")
    if "NaN" in svg or "inf" in svg:
        problems.append("the chart holds NaN or inf")

    # Every bench the chart reads, perturbed by 5% in turn (one per measure, and a few more):
    # the rendered chart must differ and check_svg must say so.
    panels = build_panels(iai)
    used_iai = sorted({i for p in panels for r in p.rows for q in r.pairs if q.iai for i in q.iai})
    used_crit = sorted({i for p in panels for r in p.rows for q in r.pairs for i in q.criterion})
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        path = tmp / "chart.svg"
        path.write_text(svg)
        if check_svg(svg, path):
            problems.append("check_svg fails on an identical chart")
        for name, ids in (("iai", used_iai), ("criterion", used_crit)):
            for bench in ids:
                i2 = dict(iai)
                c2 = json.loads(json.dumps(crit))
                if name == "iai":
                    i2[bench] = int(i2[bench] * 1.05) + 1
                else:
                    c2["figures"][bench] = c2["figures"][bench] * 1.05
                if not check_svg(render_svg(i2, c2), path):
                    problems.append(f"a 5% change of {name} {bench} goes unnoticed")

        # A missing figure must be an error that names it.
        for name, bench in (("iai", used_iai[0]), ("criterion", used_crit[-1])):
            i2 = dict(iai)
            c2 = json.loads(json.dumps(crit))
            (i2 if name == "iai" else c2["figures"]).pop(bench)
            try:
                render_svg(i2, c2)
                problems.append(f"a missing {name} figure ({bench}) goes unnoticed")
            except ChartError as e:
                if bench not in str(e):
                    problems.append(f"the missing-figure error does not name {bench}")
        # A new iai group must be mapped or listed.
        i2 = dict(iai)
        i2["http1_iai::newgroup::httpwire_x::req"] = 1
        try:
            build_panels(i2)
            problems.append("an unmapped iai group goes unnoticed")
        except ChartError:
            pass

        # A new input, and a peer the group does not list, must be placed in the mapping.
        for extra in ("http1_iai::heads::httpwire_req::new_input",
                      "http1_iai::heads::newpeer_req::req",
                      "hpack_iai::blocks::fluke_hpack_blocks::nghttp2_dir"):
            try:
                build_panels({**iai, extra: 1})
                problems.append(f"an unmapped bench ({extra}) goes unnoticed")
            except ChartError as e:
                if extra.split("::")[2] not in str(e) and "new_input" not in str(e):
                    problems.append(f"the unmapped-bench error does not name {extra}")

        # End to end through the CLI, on copies of the files.
        files = {"--iai": tmp / "iai.json", "--criterion": tmp / "crit.json", "--svg": path}
        files["--iai"].write_text(json.dumps(iai))
        files["--criterion"].write_text(dump_results(crit))
        argv = [x for k, v in files.items() for x in (k, str(v))]

        def run(cmd: str) -> int:
            return subprocess.run(
                [sys.executable, __file__, cmd, *argv],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            ).returncode

        if run("check") != 0:
            problems.append("cli: check fails on the chart it rendered")
        first = used_crit[0]
        c2 = json.loads(json.dumps(crit))
        c2["figures"][first] *= 1.05
        files["--criterion"].write_text(dump_results(c2))
        if run("check") != 1:
            problems.append(f"cli: check passes with {first} 5% slower")
        if run("render") != 0 or run("check") != 0:
            problems.append("cli: render then check does not pass")
        del c2["figures"][first]
        files["--criterion"].write_text(dump_results(c2))
        if run("check") != 1:
            problems.append(f"cli: check passes with {first} missing")
        files["--criterion"].write_text(dump_results(crit))
        path.write_text(svg.replace("</svg>", "<!-- edited --></svg>"))
        if run("check") != 1:
            problems.append("cli: check passes on a hand-edited chart")

        # collect: a fake target dir.
        target = tmp / "target"
        fake = {
            ("req", "httpwire"): 100.0,
            ("encode/k64x4k", "write_fmt"): 2500.5,
            ("blocks", "nghttp2"): 4.0e6,
            ("stale_group", "x"): 1.0,
        }
        for (g, f), ns in fake.items():
            d = target / "criterion" / g.replace("/", "_") / f / "new"
            d.mkdir(parents=True)
            (d / "benchmark.json").write_text(json.dumps(
                {"group_id": g, "function_id": f, "value_str": None}))
            (d / "estimates.json").write_text(json.dumps({"mean": {"point_estimate": ns}}))
        out = tmp / "collected.json"
        rc = subprocess.run(
            [sys.executable, __file__, "collect", "--target-dir", str(target), "--note", "t",
             "--criterion", str(out)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ).returncode
        want = {
            "http1_criterion::req::httpwire": 100.0,
            "chunked_encode_criterion::encode/k64x4k::write_fmt": 2500.5,
            "hpack_criterion::blocks::nghttp2": 4.0e6,
        }
        got = json.loads(out.read_text()) if out.exists() else {}
        if rc != 0 or got.get("figures") != want:
            problems.append(f"collect: exit {rc}, figures {got.get('figures')}")
        elif got["runs"]["http1_criterion"]["note"] != "t":
            problems.append("collect: the note is not kept")

    checks = [
        (fmt_ratio(0.4199), "0.42"), (fmt_ratio(0.004593), "0.0046"),
        (fmt_ratio(0.009001), "0.0090"), (fmt_ratio(0.0834), "0.083"), (fmt_ratio(1.83), "1.83"),
        (fmt_tick(0.002), "0.002"), (fmt_tick(1.0), "1"), (peer_of("pico_shape_req"),
        "picohttpparser"), (peer_of("httlib_hpack_blocks_decode"), "httlib_hpack"),
        (peer_of("http_crate_write_registered"), "http_crate"), (peer_of("httpwire_req"), None),
    ]
    for got, want in checks:
        if got != want:
            problems.append(f"expected {want!r}, got {got!r}")
    if problems:
        for p in problems:
            print(f"chart selftest: BROKEN: {p}")
        print(f"chart selftest: {len(problems)} failed")
        return 1
    print(
        f"chart selftest: check notices a 5% change of each of the {len(used_iai)} iai and"
        f" {len(used_crit)} criterion figures the chart reads, a missing figure, an unmapped"
        " group, input or peer, and a hand-edited chart; collect reads criterion's files"
    )
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="httpwire against its peers: benches/chart.svg from the committed results"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def files(p, svg=True):
        p.add_argument("--iai", default=str(IAI_FILE), help="the {bench id: Ir} baseline")
        p.add_argument("--criterion", default=str(CRITERION_FILE),
                       help="the collected criterion figures")
        if svg:
            p.add_argument("--svg", default=str(SVG_FILE), help="the chart")

    col = sub.add_parser("collect", help="criterion results -> benches/criterion-results.json")
    col.add_argument("--target-dir", default=str(DEFAULT_TARGET),
                     help="cargo's target dir holding criterion/ (default: the repo's target/)")
    col.add_argument("--note", default="", help="the conditions of the run (load, times, ...)")
    col.add_argument("--merge", action="store_true",
                     help="keep the bench files this target dir has no results for")
    col.add_argument("--criterion", default=str(CRITERION_FILE), help="the file to write")
    files(sub.add_parser("render", help="write benches/chart.svg"))
    files(sub.add_parser("check", help="exit 1 if benches/chart.svg is not up to date"))
    sub.add_parser("selftest", help="show that check notices a changed or missing figure")
    args = parser.parse_args(argv)
    try:
        if args.command == "collect":
            return cmd_collect(args)
        if args.command == "render":
            return cmd_render(args)
        if args.command == "check":
            return cmd_check(args)
        return selftest()
    except ChartError as e:
        print(f"chart: error: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
