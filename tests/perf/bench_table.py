"""Builds scripts/bench's one markdown table from the logs and files its steps leave in target/bench/.

Usage: python3 tests/perf/bench_table.py TARGET_BENCH_DIR  → prints the table (markdown) on stdout.
Reads: criterion/BENCH/**/new/estimates.json (one CRITERION_HOME per bench), engine-native.log and engine-wasm.log (ENGINE_BENCH lines),
perf.json (tests/perf/perf.mjs --json), size.log (scripts/size), resync.log (the RESYNC_BENCH line).
"""
import json
import pathlib
import re
import sys

out = pathlib.Path(sys.argv[1])
rows = []


def fmt(value):
    """About three significant figures, with thousands separators, so noisy figures do not look precise."""
    if value is None:
        return "n/a"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def row(name, figure, unit, what):
    rows.append((name, figure, unit, what))


def tagged_lines(path, tag):
    """The JSON objects on the lines of `path` that carry `tag` (other output around them is ignored)."""
    found = []
    for line in path.read_text(errors="replace").splitlines():
        at = line.find(tag + " ")
        if at >= 0:
            found.append(json.loads(line[at + len(tag) + 1:]))
    return found


# 1. Criterion: one row per benchmark, its median (and mean) per iteration.
for bench in sorted((out / "criterion").glob("*/**/new/benchmark.json")):
    meta = json.loads(bench.read_text())
    est = json.loads((bench.parent / "estimates.json").read_text())
    median_ns, mean_ns = est["median"]["point_estimate"], est["mean"]["point_estimate"]
    source = f"benches/{bench.relative_to(out / 'criterion').parts[0]}.rs"
    scale, unit = (1e6, "ms") if median_ns >= 1e6 else (1e3, "µs")
    row(
        f"criterion: {meta['full_id']}",
        fmt(median_ns / scale),
        f"{unit} (median)",
        f"native core, one iteration; mean {fmt(mean_ns / scale)} {unit} ({source})",
    )

# 2. The engine workloads natively and in headless Chromium, and their ratio.
native = {t["id"]: t for t in tagged_lines(out / "engine-native.log", "ENGINE_BENCH")}
wasm = {t["id"]: t for t in tagged_lines(out / "engine-wasm.log", "ENGINE_BENCH")}
for wid, n in native.items():
    w = wasm.get(wid)
    row(f"engine native: {n['what']}", fmt(n["median_ms"]), "ms (median)",
        f"median of {n['runs']} runs after a warm-up, min {fmt(n['min_ms'])} ms (benches/engine.rs)")
    if w is None:
        continue
    row(f"engine wasm: {w['what']}", fmt(w["median_ms"]), "ms (median)",
        f"the same workload as wasm32 in headless Chromium, min {fmt(w['min_ms'])} ms (tests/wasm_engine.rs)")
    row(f"engine wasm/native: {w['what']}", f"{w['median_ms'] / n['median_ms']:.2f}", "ratio",
        "wasm median ÷ native median; both opt-level \"z\" release builds (benches/support/engine.rs)")

# 3. The page in headless Chromium.
perf = json.loads((out / "perf.json").read_text())
row("page: first render", fmt(perf["first_render_ms"]), "ms",
    "navigation start to the first device card, 8 devices and 500 messages (tests/perf/perf.mjs)")
row("page: first contentful paint", fmt(perf["first_contentful_paint_ms"]), "ms", "the browser's own paint timing")
row("page: median frame", fmt(perf["median_frame_ms"]), "ms",
    f"8 devices, 500 messages, all checking at 8× for {perf['play_ms'] // 1000} s: "
    f"{perf['frames']} frames, {1000 / perf['median_frame_ms']:.1f} fps")
row("page: p95 frame", fmt(perf["p95_frame_ms"]), "ms", f"the same run; longest frame {fmt(perf['longest_frame_ms'])} ms")
row("page: long tasks", str(perf["long_tasks"]), "tasks > 50 ms",
    f"during the same play; longest {fmt(perf['longest_task_ms'])} ms "
    f"({perf.get('long_tasks_before_play', 0)} before it, opening the page and clicking)")
row("page: main thread busy", fmt(perf["main_thread_busy_ms"]), "ms",
    f"of the {perf['play_ms'] / 1000:g} s play, Chrome's TaskDuration: script, style, layout and paint")

# 4. Lighthouse, the default page on a simulated slow phone.
lighthouse_path = out / "lighthouse.json"
if lighthouse_path.exists() and lighthouse_path.read_text().strip():
    lh = json.loads(lighthouse_path.read_text())
    t = lh["targets"]
    how = f"Lighthouse 12 mobile (slow 4G, 4× CPU), median of {lh['runs']} runs"
    row("lighthouse: performance", str(lh["performance"]), "score", f"target ≥ {t['performance']}; {how}")
    row("lighthouse: accessibility", str(lh["accessibility"]), "score", f"target {t['accessibility']}")
    row("lighthouse: best practices", str(lh["bestPractices"]), "score", f"target {t['bestPractices']}")
    row("lighthouse: largest contentful paint", fmt(lh["lcpMs"]), "ms", f"target ≤ {t['lcpMs']:,}")
    row("lighthouse: total blocking time", fmt(lh["tbtMs"]), "ms", f"target ≤ {t['tbtMs']}")
    row("lighthouse: first contentful paint", fmt(lh["fcpMs"]), "ms",
        f"speed index {fmt(lh['siMs'])} ms, CLS {lh['cls']:.3f}")
    row("lighthouse: transferred", f"{lh['transferBytes']:,.0f}", "bytes", "the first load as Lighthouse counts it")

# 5. The bundle.
size = (out / "size.log").read_text()
parts = dict(re.findall(r"([\w+]+)=(\d+)", size))
budget = re.search(r"ceiling (\d+)", size)
row("bundle (gzip)", f"{int(parts['total_gzip']):,}", "bytes",
    f"ceiling {int(budget.group(1)):,}: wasm {int(parts['wasm']):,}, js {int(parts['js']):,}, "
    f"css {int(parts['css']):,}, html+svg {int(parts['html+svg']):,} (scripts/size)")

# 6. Mailroom's bridge against Dovecot, one Python client each.
resync = tagged_lines(out / "resync.log", "RESYNC_BENCH")[0]
n = f"{resync['messages']:,}"
row(f"resync via TCP, Mailroom bridge ({n} messages)", fmt(resync["mailroom_best_ms"]), "ms (best of 5)",
    f"FETCH 1:* (UID FLAGS RFC822.SIZE) by one Python client over loopback; median {fmt(resync['mailroom_median_ms'])} ms "
    "(tests/dovecot_diff.rs)")
row(f"resync via TCP, Dovecot ({n} messages)", fmt(resync["dovecot_best_ms"]), "ms (best of 5)",
    f"the same client and messages against a throwaway local Dovecot; median {fmt(resync['dovecot_median_ms'])} ms")
row("resync Mailroom/Dovecot", f"{resync['mailroom_best_ms'] / resync['dovecot_best_ms']:.2f}", "ratio",
    f"best ÷ best; medians give {resync['mailroom_median_ms'] / resync['dovecot_median_ms']:.2f}")

print("| benchmark | figure | unit | what it measures |")
print("|---|---:|---|---|")
for name, figure, unit, what in rows:
    print(f"| {name} | {figure} | {unit} | {what} |")
