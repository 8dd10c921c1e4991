#!/usr/bin/env python3
"""Aggregates the BENCH lines of one benchmarks/run.sh run: see benchmarks/README.md.

Input (--raw): one tab-separated record per measurement, as run.sh writes them:
    rep <TAB> store <TAB> slot <TAB> exit status <TAB> number of BENCH lines <TAB> the last BENCH line (or nothing)
where store is postgresql or redis and slot is <impl>.<measurement>, e.g. baseline.throughput,
extension.pickup_remote, extension.memory.

Per store: medians over the repetitions; every extension figure also as a ratio to the same store's baseline of the
same repetition (the median of the per-repetition ratios). A measurement that failed (no BENCH line, an "error" in
it, a non-zero exit status, a BENCH line of another store) is an error, never a number: a figure with an error in any
repetition is reported as an error.

Prints a table per store, writes <out-dir>/<timestamp>.json and <out-dir>/latest.json, and ends with the RESULT
lines: store=<store> for the extension, store=<store>-baseline for the baseline.
Exit status 1 when any measurement failed. Standard library only.
"""

import argparse
import json
import math
import os
import statistics
import sys

# In this order in the tables and the RESULT lines.
STORES = ["postgresql", "redis"]

# Each measurement: slot -> (expected impl, expected kind, expected variant or None).
SLOTS = {
    "baseline.throughput": ("baseline", "throughput", None),
    "extension.throughput": ("extension", "throughput", None),
    "baseline.pickup_local": ("baseline", "pickup", "local"),
    "extension.pickup_local": ("extension", "pickup", "local"),
    "baseline.producer_remote": ("baseline", "producer", None),
    "extension.producer_remote": ("extension", "producer", None),
    "baseline.pickup_remote": ("baseline", "pickup", "remote"),
    "extension.pickup_remote": ("extension", "pickup", "remote"),
    "extension.memory": ("extension", "memory", None),
    "extension.produce": ("extension", None, None),  # informative; the memory measurement depends on it
}
# Measurements whose BENCH line is optional (their exit status still counts).
OPTIONAL_LINE = {"extension.produce"}

# A measurement that must also succeed for a figure to count: the remote pickup needs its producer.
COMPANIONS = {
    "baseline.pickup_remote": "baseline.producer_remote",
    "extension.pickup_remote": "extension.producer_remote",
}

# Figures: (name, measurement, field in the BENCH line, unit, label). Measured for both implementations unless
# extension_only; the ratio is extension / baseline of the same repetition.
FIGURES = [
    ("enqueue_jobs_per_s", "throughput", "enqueue_jobs_per_s", "jobs/s", "enqueue (batch) jobs/s"),
    ("process_jobs_per_s", "throughput", "process_jobs_per_s", "jobs/s", "processed jobs/s"),
    ("process_cpu_us_per_job", "throughput", "process_cpu_us_per_job", "us", "JVM CPU per processed job, us"),
    ("process_jit_ms", "throughput", "process_jit_ms", "ms", "JIT compilation while processing, ms"),
    ("store_cpu_us_per_job", "throughput", "store_cpu_us_per_job", "us", "store server CPU per processed job, us"),
    ("pickup_p50_ms", "pickup_local", "p50_ms", "ms", "pickup, same JVM, p50 ms"),
    ("pickup_p95_ms", "pickup_local", "p95_ms", "ms", "pickup, same JVM, p95 ms"),
    ("pickup_p99_ms", "pickup_local", "p99_ms", "ms", "pickup, same JVM, p99 ms"),
    ("pickup_max_ms", "pickup_local", "max_ms", "ms", "pickup, same JVM, max ms"),
    ("pickup_remote_p50_ms", "pickup_remote", "p50_ms", "ms", "pickup, second JVM, p50 ms"),
    ("pickup_remote_p95_ms", "pickup_remote", "p95_ms", "ms", "pickup, second JVM, p95 ms"),
    ("pickup_remote_p99_ms", "pickup_remote", "p99_ms", "ms", "pickup, second JVM, p99 ms"),
    ("pickup_remote_max_ms", "pickup_remote", "max_ms", "ms", "pickup, second JVM, max ms"),
]
# Figures measured for some stores only (the others' BENCH lines do not have them): Redis' CPU time is one INFO
# away, PostgreSQL's is spread over a process per connection.
FIGURE_STORES = {"store_cpu_us_per_job": {"redis"}}


def figures_of(store):
    """The FIGURES measured for this store."""
    return [f for f in FIGURES if store in FIGURE_STORES.get(f[0], {store})]


MEMORY_FIGURES = [
    ("idle_rss_kb", "idle_rss_kb", "kB", "idle RSS kB"),
    ("peak_rss_kb", "peak_rss_kb", "kB", "peak RSS while draining kB"),
    ("rss_drain_over_idle", None, "ratio", "peak RSS draining / idle RSS"),
]
# Ratio names, extension / baseline of the same repetition.
RATIO_NAMES = {
    "enqueue_jobs_per_s": "enqueue_ratio",
    "process_jobs_per_s": "process_ratio",
}

# The RESULT lines the issue asks for, in its order; then the other extension figures; then the baseline.
HEADLINE = [
    "process_ratio",
    "process_jobs_per_s",
    "enqueue_ratio",
    "pickup_p50_ms",
    "pickup_p99_ms",
    "pickup_remote_p50_ms",
    "pickup_remote_p99_ms",
    "rss_drain_over_idle",
]


def ratio_name(figure):
    """enqueue_jobs_per_s -> enqueue_ratio, pickup_p50_ms -> pickup_p50_ratio."""
    if figure in RATIO_NAMES:
        return RATIO_NAMES[figure]
    return (figure[:-len("_ms")] if figure.endswith("_ms") else figure) + "_ratio"


class Error:
    """A figure or a measurement that failed: never a number."""

    def __init__(self, message):
        self.message = message

    def __repr__(self):
        return "error: " + self.message


def parse_raw(path):
    runs = []
    with open(path, encoding="utf-8") as f:
        for number, text in enumerate(f, 1):
            text = text.rstrip("\n")
            if not text.strip():
                continue
            parts = text.split("\t", 5)
            if len(parts) < 5:
                raise SystemExit(f"{path}:{number}: not a run.sh record: {text!r}")
            rep, store, slot, exit_status, count = parts[:5]
            line = parts[5] if len(parts) > 5 else ""
            runs.append(judge(int(rep), store, slot, int(exit_status), int(count or 0), line))
    return runs


def judge(rep, store, slot, exit_status, count, line):
    """One measurement: its data, or why it is an error."""
    run = {"rep": rep, "store": store, "slot": slot, "exit": exit_status, "line": line or None, "data": None,
           "error": None}
    if not line:
        if slot in OPTIONAL_LINE and exit_status == 0:
            return run
        run["error"] = f"no BENCH line (exit status {exit_status})"
        return run
    try:
        data = json.loads(line[len("BENCH "):]) if line.startswith("BENCH ") else None
    except json.JSONDecodeError as e:
        data = None
        run["error"] = f"the BENCH line is not JSON: {e}"
        return run
    if not isinstance(data, dict):
        run["error"] = "the BENCH line is not a JSON object"
        return run
    run["data"] = data
    impl, kind, variant = SLOTS.get(slot, (None, None, None))
    if "error" in data:
        run["error"] = str(data["error"])
    elif count != 1:
        run["error"] = f"{count} BENCH lines instead of one"
    elif exit_status != 0:
        run["error"] = f"exit status {exit_status}"
    elif "store" in data and data["store"] != store:
        run["error"] = f"store {data['store']!r}, expected {store!r}"
    elif impl is not None and data.get("impl") != impl:
        run["error"] = f"impl {data.get('impl')!r}, expected {impl!r}"
    elif kind is not None and data.get("kind") != kind:
        run["error"] = f"kind {data.get('kind')!r}, expected {kind!r}"
    elif variant is not None and data.get("variant") != variant:
        run["error"] = f"variant {data.get('variant')!r}, expected {variant!r}"
    elif isinstance(data.get("duplicates"), int) and data["duplicates"] != 0:
        run["error"] = f"{data['duplicates']} duplicate runs"
    elif kind == "throughput" and "ran" in data and data.get("ran") != data.get("jobs"):
        run["error"] = f"{data.get('ran')} jobs ran, expected {data.get('jobs')}"
    return run


def number(data, field):
    value = data.get(field)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return Error(f"no number {field!r} in the BENCH line")
    return float(value)


def value_of(runs_by_key, rep, store, impl, measurement, field):
    """One figure of one store in one repetition: a number, an Error, or None when not measured."""
    slot = f"{impl}.{measurement}"
    run = runs_by_key.get((rep, store, slot))
    if run is None:
        return None
    if run["error"]:
        return Error(f"{slot}: {run['error']}")
    companion = COMPANIONS.get(slot)
    if companion:
        other = runs_by_key.get((rep, store, companion))
        if other is None:
            return Error(f"{slot}: no {companion} run")
        if other["error"]:
            return Error(f"{companion}: {other['error']}")
    if field is None:  # rss_drain_over_idle
        idle, peak = number(run["data"], "idle_rss_kb"), number(run["data"], "peak_rss_kb")
        if isinstance(idle, Error) or isinstance(peak, Error) or idle <= 0:
            return Error(f"{slot}: no idle_rss_kb / peak_rss_kb")
        return peak / idle
    value = number(run["data"], field)
    return Error(f"{slot}: {value.message}") if isinstance(value, Error) else value


def ratio(extension, baseline):
    if extension is None or baseline is None:
        return None
    if isinstance(extension, Error):
        return extension
    if isinstance(baseline, Error):
        return baseline
    if baseline == 0:
        return Error("the baseline figure is 0")
    return extension / baseline


def median(values):
    """The median of the repetitions, an Error if any failed, None if none was measured."""
    measured = [v for v in values if v is not None]
    if not measured:
        return None
    errors = [v for v in measured if isinstance(v, Error)]
    if errors:
        return Error(f"{len(errors)} of {len(measured)} repetitions failed: " + "; ".join(e.message for e in errors))
    return statistics.median(measured)


def fmt(name, value):
    """A figure as printed in the table and the RESULT lines."""
    if value is None:
        return "-"
    if isinstance(value, Error):
        return "error"
    if name.endswith("_ratio") or name == "rss_drain_over_idle":
        return f"{value:.2f}"
    if name.endswith("_ms"):
        return f"{value:.1f}"
    return f"{value:.0f}"


def jsonable(value):
    if isinstance(value, Error):
        return {"error": value.message}
    return value


def aggregate(runs_by_key, reps, store, baseline_only):
    """The figures of one store: per repetition and medians, for the baseline, the extension and their ratios."""
    impls = ["baseline"] if baseline_only else ["baseline", "extension"]
    per_rep = {impl: {} for impl in impls}
    per_rep["ratio"] = {}
    medians = {impl: {} for impl in impls}
    medians["ratio"] = {}
    for name, measurement, field, _unit, _label in figures_of(store):
        for impl in impls:
            per_rep[impl][name] = [value_of(runs_by_key, rep, store, impl, measurement, field) for rep in reps]
            medians[impl][name] = median(per_rep[impl][name])
        if not baseline_only:
            rname = ratio_name(name)
            per_rep["ratio"][rname] = [ratio(e, b) for e, b in
                                       zip(per_rep["extension"][name], per_rep["baseline"][name])]
            medians["ratio"][rname] = median(per_rep["ratio"][rname])
    if not baseline_only:
        for name, field, _unit, _label in MEMORY_FIGURES:
            per_rep["extension"][name] = [value_of(runs_by_key, rep, store, "extension", "memory", field)
                                          for rep in reps]
            medians["extension"][name] = median(per_rep["extension"][name])
    return per_rep, medians


def table(store, per_rep, medians, baseline_only):
    """The lines of one store's table."""
    out = [f"{store}:"]
    header = ["figure", "baseline"] + ([] if baseline_only else ["extension", "ext/base"]) + ["per repetition"]
    rows = []
    for name, _measurement, _field, _unit, label in figures_of(store):
        row = [label, fmt(name, medians["baseline"][name])]
        if baseline_only:
            reps_text = " ".join(fmt(name, v) for v in per_rep["baseline"][name])
        else:
            rname = ratio_name(name)
            row += [fmt(name, medians["extension"][name]), fmt(rname, medians["ratio"][rname])]
            reps_text = "  ".join(f"{fmt(name, b)}|{fmt(name, e)}" for b, e in
                                  zip(per_rep["baseline"][name], per_rep["extension"][name]))
        rows.append(row + [reps_text])
    if not baseline_only:
        for name, _field, _unit, label in MEMORY_FIGURES:
            values = per_rep["extension"][name]
            rows.append([label, "-", fmt(name, medians["extension"][name]), "-",
                         "  ".join(fmt(name, v) for v in values)])
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    for i, row in enumerate([header] + rows):
        cells = [str(c).ljust(widths[j]) if j == 0 or j == len(row) - 1 else str(c).rjust(widths[j])
                 for j, c in enumerate(row)]
        out.append("  ".join(cells).rstrip())
        if i == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


def result_lines(store, medians, baseline_only):
    """The RESULT lines of one store: the headline first, then the other extension figures, then the baseline's."""
    results = []
    if not baseline_only:
        ext = dict(medians["extension"])
        ext.update(medians["ratio"])
        order = HEADLINE + [n for n in list(medians["extension"]) + list(medians["ratio"]) if n not in HEADLINE]
        for name in order:
            if ext.get(name) is not None:
                results.append(f"RESULT store={store} metric={name} value={fmt(name, ext[name])}")
    for name, value in medians["baseline"].items():
        if value is not None:
            results.append(f"RESULT store={store}-baseline metric={name} value={fmt(name, value)}")
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raw", required=True, help="the records run.sh wrote")
    parser.add_argument("--out-dir", default="benchmarks/results")
    parser.add_argument("--timestamp", required=True, help="UTC, e.g. 20260101T120000Z: names the JSON file")
    parser.add_argument("--config", action="append", default=[], help="key=value recorded in the JSON")
    parser.add_argument("--baseline-only", action="store_true", help="the extension was not measured")
    args = parser.parse_args()

    config = {}
    for item in args.config:
        key, _, value = item.partition("=")
        config[key] = value

    runs = parse_raw(args.raw)
    runs_by_key = {(r["rep"], r["store"], r["slot"]): r for r in runs}
    reps = sorted({r["rep"] for r in runs})
    unknown = sorted({r["store"] for r in runs} - set(STORES))
    if unknown:
        raise SystemExit(f"{args.raw}: unknown store(s) {unknown}, expected some of {STORES}")
    stores = [s for s in STORES if any(r["store"] == s for r in runs)]
    figures = {store: aggregate(runs_by_key, reps, store, args.baseline_only) for store in stores}

    out = [""]
    out.append(f"Quarkus Job Queue benchmarks, {args.timestamp}: {len(reps)} repetition(s), medians"
               + ("; BASELINE ONLY, the extension was not measured" if args.baseline_only else ""))
    details = [f"{k}={config[k]}" for k in ("cores", "cpu", "java", "postgresql", "redis", "commit") if config.get(k)]
    if details:
        out.append("  " + ", ".join(details))
    knobs = [f"{k}={config[k]}" for k in ("stores", "jobs", "workers", "rate", "seconds", "memory_jobs")
             if config.get(k)]
    if knobs:
        out.append("  " + ", ".join(knobs))
    for store in stores:
        out.append("")
        out.extend(table(store, *figures[store], args.baseline_only))
    if not args.baseline_only:
        out.append("(per repetition: baseline|extension; ext/base is the median of the per-repetition ratios; "
                   "for latencies above 1 is slower)")

    failed = [r for r in runs if r["error"]]
    if failed:
        out.append("")
        out.append(f"ERRORS ({len(failed)} measurement(s) failed; their figures are errors, not numbers):")
        for r in failed:
            out.append(f"  rep {r['rep']} {r['store']} {r['slot']}: {r['error']}")

    results = [line for store in stores for line in result_lines(store, figures[store][1], args.baseline_only)]

    document = {
        "timestamp": args.timestamp,
        "config": config,
        "baseline_only": args.baseline_only,
        "repetitions": reps,
        "stores": {
            store: {
                "medians": {k: {n: jsonable(v) for n, v in m.items()} for k, m in medians.items()},
                "per_repetition": {k: {n: [jsonable(v) for v in vs] for n, vs in m.items()}
                                   for k, m in per_rep.items()},
            } for store, (per_rep, medians) in figures.items()
        },
        "errors": [{"rep": r["rep"], "store": r["store"], "slot": r["slot"], "error": r["error"]} for r in failed],
        "runs": runs,
        "results": results,
    }
    os.makedirs(args.out_dir, exist_ok=True)
    text = json.dumps(document, indent=2) + "\n"
    path = os.path.join(args.out_dir, f"{args.timestamp}.json")
    for target in (path, os.path.join(args.out_dir, "latest.json")):
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)

    out.append("")
    out.append(f"JSON: {path} (and {os.path.join(args.out_dir, 'latest.json')})")
    out.append("")
    out.extend(results)
    print("\n".join(out))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
