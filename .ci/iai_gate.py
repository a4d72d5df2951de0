#!/usr/bin/env python3
"""The iai-callgrind gate: instruction counts (Ir) of every iai bench against a committed baseline.

Usage (from anywhere in the repository; relative paths are taken from the current directory):

    python3 .ci/iai_gate.py run --baseline benches/iai-baseline.json [--update]
    python3 .ci/iai_gate.py compare --baseline FILE --current FILE
    python3 .ci/iai_gate.py selftest

`run` runs, in one cargo invocation,

    cargo bench -p httpwire-benches --bench <every bench target whose name ends in _iai> \
        -- --save-summary=json

reads the `summary.json` that iai-callgrind writes for every bench under
`<target dir>/iai/<package>/<bench file>/<group>/<function>.<id>/`, writes the figures to
`<target dir>/iai-current.json`, and compares them with the baseline. Summaries of these bench
files left over from earlier runs are deleted before the run, so a bench that no longer runs
cannot be counted from a stale file. With `--update` it writes the figures to the baseline
instead (sorted keys, one bench per line, so that a change reads well in a diff) and exits 0.

`compare` compares two such files without running anything.

Bench ids
---------
    <bench file>::<group>::<function>::<bench id>

e.g. `status_lines_iai::write_and_parse::write_registered::code_404`: iai-callgrind's
`module_path` (`<bench file>::<group>::<function>`) and the id of the `#[bench::ID(...)]`
attribute. A `#[library_benchmark]` without a `#[bench]` attribute has no id and is keyed by
its module path alone. Renaming a bench file, group, function or id renames the bench, which the
gate reports as one bench missing and one new: update the baseline in the same change.

Files
-----
A JSON object {bench id: Ir}, Ir a non-negative integer. The Ir is callgrind's total for the
bench function (inclusive of everything it calls; setup and teardown are not counted).

Rule
----
A bench FAILS when its Ir rises by more than 2 % AND by more than 10 Ir over the baseline
(both must hold: the 10 Ir floor keeps benches of a few hundred Ir from failing on a couple of
instructions of codegen noise). The gate also FAILS when a bench of the baseline did not run,
or when a bench that ran is not in the baseline (new benches are added to the baseline
deliberately, with `--update`). Falling counts pass; one that falls by more than the same
margins is marked so that the baseline can be lowered deliberately.

Exit status: 0 pass, 1 the gate failed, 2 an error (cargo bench failed, unreadable file, bad
arguments). `selftest` exits 0 when the gate logic behaves, 1 otherwise.

Python 3 standard library only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

PACKAGE = "httpwire-benches"
IAI_SUFFIX = "_iai"
MAX_RISE_PCT = 2
MAX_RISE_IR = 10
REPO = Path(__file__).resolve().parent.parent


class GateError(Exception):
    """An error that is not a gate verdict (exit 2)."""


# ---------------------------------------------------------------------------------------------
# Files


def load_map(path: Path) -> dict[str, int]:
    """Reads a {bench id: Ir} file and checks its shape."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise GateError(f"cannot read {path}: {e}") from e
    except json.JSONDecodeError as e:
        raise GateError(f"{path} is not JSON: {e}") from e
    if not isinstance(data, dict):
        raise GateError(f"{path}: expected a JSON object {{bench id: Ir}}")
    for key, value in data.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise GateError(f"{path}: {key!r} has Ir {value!r}, expected an integer >= 0")
    return data


def dump_map(figures: dict[str, int]) -> str:
    """Sorted keys, one bench per line, trailing newline."""
    return json.dumps(figures, indent=2, sort_keys=True) + "\n"


def write_map(path: Path, figures: dict[str, int]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(dump_map(figures), encoding="utf-8")
    tmp.replace(path)


# ---------------------------------------------------------------------------------------------
# Comparison


def judge(base: int, cur: int) -> tuple[str, bool]:
    """The verdict for one bench present on both sides, and whether it fails the gate."""
    delta = cur - base
    # Integer arithmetic: "more than 2 %" is delta * 100 > 2 * base.
    if delta > MAX_RISE_IR and delta * 100 > MAX_RISE_PCT * base:
        return "FAIL: regressed", True
    if -delta > MAX_RISE_IR and -delta * 100 > MAX_RISE_PCT * base:
        return "ok (faster: lower the baseline with --update)", False
    return "ok", False


def compare(baseline: dict[str, int], current: dict[str, int]) -> tuple[list[tuple], bool]:
    """Rows (bench, baseline Ir, current Ir, change %, verdict) and whether the gate fails."""
    rows = []
    failed = False
    for bench in sorted(set(baseline) | set(current)):
        base = baseline.get(bench)
        cur = current.get(bench)
        if base is None:
            rows.append((bench, None, cur, None, "FAIL: not in baseline (new bench?)"))
            failed = True
        elif cur is None:
            rows.append((bench, base, None, None, "FAIL: missing from run"))
            failed = True
        else:
            verdict, bad = judge(base, cur)
            pct = (cur - base) * 100.0 / base if base else (0.0 if cur == 0 else float("inf"))
            rows.append((bench, base, cur, pct, verdict))
            failed = failed or bad
    return rows, failed


def render(rows: list[tuple]) -> str:
    def num(v):
        return "-" if v is None else f"{v:,}"

    def pct(v):
        return "-" if v is None else f"{v:+.2f}%"

    table = [("bench", "baseline Ir", "current Ir", "change %", "verdict")]
    table += [(b, num(base), num(cur), pct(p), v) for b, base, cur, p, v in rows]
    widths = [max(len(r[i]) for r in table) for i in range(4)]
    lines = []
    for i, r in enumerate(table):
        lines.append(
            f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:>{widths[2]}}  "
            f"{r[3]:>{widths[3]}}  {r[4]}"
        )
        if i == 0:
            lines.append("-" * (sum(widths) + 8 + len(r[4])))
    return "\n".join(lines)


def report(rows: list[tuple], failed: bool, out=sys.stdout) -> int:
    print(render(rows), file=out)
    print(file=out)
    if failed:
        bad = [r for r in rows if r[4].startswith("FAIL")]
        print(f"iai gate: FAIL ({len(bad)} of {len(rows)} benches):", file=out)
        for bench, _, _, _, verdict in bad:
            print(f"  {bench}: {verdict}", file=out)
        print(
            f"(a bench fails when its Ir rises by more than {MAX_RISE_PCT}% and by more than "
            f"{MAX_RISE_IR} Ir; a deliberate change of the baseline is "
            "`python3 .ci/iai_gate.py run --baseline FILE --update`, committed on its own)",
            file=out,
        )
        return 1
    print(f"iai gate: pass ({len(rows)} benches)", file=out)
    return 0


# ---------------------------------------------------------------------------------------------
# Running the benches


def cargo_metadata() -> dict:
    try:
        out = subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--no-deps"],
            cwd=REPO,
            check=True,
            stdout=subprocess.PIPE,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        raise GateError(f"cargo metadata failed: {e}") from e
    return json.loads(out)


def iai_benches(meta: dict) -> list[str]:
    for pkg in meta["packages"]:
        if pkg["name"] == PACKAGE:
            names = sorted(
                t["name"]
                for t in pkg["targets"]
                if "bench" in t["kind"] and t["name"].endswith(IAI_SUFFIX)
            )
            if not names:
                raise GateError(f"package {PACKAGE} has no bench target ending in {IAI_SUFFIX}")
            return names
    raise GateError(f"package {PACKAGE} is not in the workspace")


def summary_files(iai_dir: Path) -> list[Path]:
    return sorted(iai_dir.rglob("summary.json")) if iai_dir.is_dir() else []


def bench_id(summary: dict) -> str:
    module_path = summary["module_path"]
    ident = summary.get("id")
    return f"{module_path}::{ident}" if ident else module_path


def metric_value(metric) -> int:
    # A metric is {"Int": n} or {"Float": x}.
    if isinstance(metric, dict) and len(metric) == 1:
        (kind, value), = metric.items()
        if kind == "Int":
            return int(value)
        if kind == "Float":
            return int(round(float(value)))
    raise GateError(f"unexpected metric {metric!r}")


def ir_of(summary: dict, where: str) -> int:
    """The new (this run's) total Ir of a callgrind summary (schema version 6)."""
    for profile in summary.get("profiles", []):
        if profile.get("tool") != "Callgrind":
            continue
        try:
            ir = profile["summaries"]["total"]["summary"]["Callgrind"]["Ir"]["metrics"]
        except (KeyError, TypeError) as e:
            raise GateError(f"{where}: no Callgrind Ir total ({e})") from e
        # EitherOrBoth: {"Left": new}, {"Right": old} or {"Both": [new, old]}.
        if "Left" in ir:
            return metric_value(ir["Left"])
        if "Both" in ir:
            return metric_value(ir["Both"][0])
        raise GateError(f"{where}: this run produced no Ir ({ir!r})")
    raise GateError(f"{where}: no Callgrind profile")


def belongs_to(summary: dict, benches: list[str]) -> bool:
    return summary.get("module_path", "").split("::", 1)[0] in benches


def collect(files: list[Path], benches: list[str]) -> dict[str, int]:
    figures: dict[str, int] = {}
    for path in files:
        try:
            summary = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise GateError(f"cannot read {path}: {e}") from e
        if not belongs_to(summary, benches):
            continue
        key = bench_id(summary)
        if key in figures:
            raise GateError(f"two summaries for {key} (second: {path})")
        figures[key] = ir_of(summary, str(path))
    return figures


def run_benches() -> tuple[dict[str, int], Path]:
    meta = cargo_metadata()
    target = Path(meta["target_directory"])
    iai_dir = target / "iai"
    benches = iai_benches(meta)

    # Remove this package's old summaries so that only this run's are read.
    for path in summary_files(iai_dir):
        try:
            if belongs_to(json.loads(path.read_text(encoding="utf-8")), benches):
                path.unlink()
        except (OSError, json.JSONDecodeError):
            path.unlink(missing_ok=True)

    cmd = ["cargo", "bench", "-p", PACKAGE]
    for name in benches:
        cmd += ["--bench", name]
    cmd += ["--", "--save-summary=json"]
    print("iai gate: " + " ".join(cmd), flush=True)
    rc = subprocess.run(cmd, cwd=REPO).returncode
    if rc != 0:
        raise GateError(f"cargo bench exited with {rc}")

    figures = collect(summary_files(iai_dir), benches)
    if not figures:
        raise GateError(f"no summary.json of {', '.join(benches)} under {iai_dir}")
    current = target / "iai-current.json"
    write_map(current, figures)
    print(f"iai gate: wrote {current}")
    return figures, current


# ---------------------------------------------------------------------------------------------
# Commands


def update_verdict(base: int | None, cur: int | None) -> str:
    if base is None:
        return "added to the baseline"
    if cur is None:
        return "removed from the baseline"
    return "unchanged" if base == cur else "updated"


def cmd_run(args) -> int:
    figures, _ = run_benches()
    baseline_path = Path(args.baseline)
    if args.update:
        old = load_map(baseline_path) if baseline_path.exists() else {}
        rows, _ = compare(old, figures)
        print(render([(b, base, cur, p, update_verdict(base, cur)) for b, base, cur, p, _ in rows]))
        write_map(baseline_path, figures)
        print(f"\niai gate: baseline {baseline_path} updated ({len(figures)} benches)")
        return 0
    return report(*compare(load_map(baseline_path), figures))


def cmd_compare(args) -> int:
    return report(*compare(load_map(Path(args.baseline)), load_map(Path(args.current))))


def selftest() -> int:
    """Proves that the gate can fail and can pass, on the same code paths the CLI uses."""
    problems: list[str] = []

    def expect(name: str, baseline: dict, current: dict, should_fail: bool) -> None:
        _, failed = compare(baseline, current)
        if failed != should_fail:
            problems.append(f"{name}: expected {'FAIL' if should_fail else 'pass'}")

    current = {
        "status_lines_iai::write_and_parse::parse_line::not_found": 1_000,
        "status_lines_iai::write_and_parse::write_registered::code_404": 5_000,
        "x_iai::g::f": 123_456,
    }
    equal = dict(current)
    expect("all equal", equal, current, False)

    lowered = dict(current)
    key = "status_lines_iai::write_and_parse::write_registered::code_404"
    lowered[key] = current[key] * 95 // 100  # the run is ~5.3 % and 250 Ir above this
    expect("one bench's baseline lowered 5%", lowered, current, True)

    rise_15 = {k: v * 1000 // 1015 for k, v in current.items()}  # the run is ~+1.5 %
    expect("+1.5% everywhere", rise_15, current, False)

    expect("missing from run", {**current, "gone::g::f::id": 10}, current, True)
    expect("not in baseline", equal, {**current, "new::g::f::id": 10}, True)
    expect("+2.00% exactly (not more than 2%)", {"a": 10_000}, {"a": 10_200}, False)
    expect("+2.01%", {"a": 10_000}, {"a": 10_201}, True)
    expect("+10 Ir on 100 (floor)", {"a": 100}, {"a": 110}, False)
    expect("+11 Ir on 100", {"a": 100}, {"a": 111}, True)
    expect("+3 Ir on 0", {"a": 0}, {"a": 3}, False)
    expect("+11 Ir on 0", {"a": 0}, {"a": 11}, True)
    expect("much faster", {"a": 10_000}, {"a": 5_000}, False)
    expect("both empty", {}, {}, False)

    # Reading an iai-callgrind summary (schema 6): a first run ("Left") and a rerun ("Both").
    def summary(metrics) -> dict:
        return {
            "module_path": "status_lines_iai::write_and_parse::parse_line",
            "id": "not_found",
            "profiles": [
                {
                    "tool": "Callgrind",
                    "summaries": {
                        "total": {"summary": {"Callgrind": {"Ir": {"metrics": metrics}}}}
                    },
                }
            ],
        }

    try:
        if ir_of(summary({"Left": {"Int": 261}}), "left") != 261:
            problems.append("summary: Left")
        if ir_of(summary({"Both": [{"Int": 262}, {"Int": 261}]}), "both") != 262:
            problems.append("summary: Both must give the new figure")
        if bench_id(summary({})) != "status_lines_iai::write_and_parse::parse_line::not_found":
            problems.append("summary: bench id")
    except GateError as e:
        problems.append(f"summary: {e}")

    # End to end through the CLI: files, exit codes, --update's format.
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cur, base = tmp / "current.json", tmp / "baseline.json"
        write_map(cur, current)
        if json.loads(cur.read_text()) != current or cur.read_text() != dump_map(current):
            problems.append("write_map does not round-trip")
        if cur.read_text().count("\n") != len(current) + 2:
            problems.append("write_map: not one bench per line")
        for name, baseline, want in (
            ("cli: equal", equal, 0),
            ("cli: lowered 5%", lowered, 1),
            ("cli: +1.5%", rise_15, 0),
        ):
            write_map(base, baseline)
            rc = subprocess.run(
                [sys.executable, __file__, "compare", "--baseline", str(base),
                 "--current", str(cur)],
                stdout=subprocess.DEVNULL,
            ).returncode
            if rc != want:
                problems.append(f"{name}: exit {rc}, expected {want}")
        base.write_text('{"a": "12"}')
        rc = subprocess.run(
            [sys.executable, __file__, "compare", "--baseline", str(base), "--current", str(cur)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ).returncode
        if rc != 2:
            problems.append(f"cli: a malformed baseline gave exit {rc}, expected 2")

    print("Example of a failing comparison (one bench's baseline lowered 5%):\n")
    report(*compare(lowered, current))
    print()
    if problems:
        for p in problems:
            print(f"selftest: BROKEN: {p}")
        print(f"selftest: {len(problems)} failed")
        return 1
    print("selftest: the gate logic behaves (it fails on a 5% rise, passes on +1.5% and equal)")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="iai-callgrind Ir gate (see the module docstring for the rule and id format)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run every *_iai bench and compare with (or --update) FILE")
    run.add_argument("--baseline", required=True, help="the committed {bench: Ir} JSON file")
    run.add_argument("--update", action="store_true", help="write this run's figures to it")
    cmp_ = sub.add_parser("compare", help="compare two {bench: Ir} JSON files")
    cmp_.add_argument("--baseline", required=True)
    cmp_.add_argument("--current", required=True)
    sub.add_parser("selftest", help="check that the gate logic can fail and pass")
    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            return cmd_run(args)
        if args.command == "compare":
            return cmd_compare(args)
        return selftest()
    except GateError as e:
        print(f"iai gate: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
