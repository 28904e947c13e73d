"""Refresh costs of the real tidings binary side by side with newsboat, for scripts/bench-startup:
ingest of generated feeds into an empty store, a refresh where nothing changed, the size of
the store beside the feeds it holds, and peak memory; in paired runs (tidings and newsboat
one after the other, in turn first), since the machine may be busy with other work.

Python 3, standard library only; see scripts/README.md.
"""

import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path


def run(argv, env):
    """Runs a command to the end: (wall seconds, CPU seconds, peak RSS in MB)."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    stderr = child.stderr.read().decode(errors="replace")
    child.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{argv[0]} exited {code}: {stderr[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def folder_bytes(folder):
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


def tidings_pass(binary, feeds, tmp, env):
    """Ingest into an empty data dir, then the same refresh again: both measured."""
    config = tmp / "config.toml"
    lines = ["keep_per_feed = 0", "[fetch]", "max_size_mb = 1000"]
    lines += [f'[[feeds]]\nurl = "file://{path}"' for path in feeds]
    config.write_text("\n".join(lines) + "\n")
    argv = [str(binary), "--config", str(config), "--data-dir", str(tmp / "data"), "refresh"]
    ingest = run(argv, env)
    size = folder_bytes(tmp / "data")
    noop = run(argv, env)
    return ingest, noop, size


def newsboat_pass(feeds, tmp, env):
    (tmp / "urls").write_text("".join(f"file://{path}\n" for path in feeds))
    (tmp / "config").write_text("")
    argv = [shutil.which("newsboat"), "-u", str(tmp / "urls"), "-c", str(tmp / "cache.db"),
            "-C", str(tmp / "config"), "-x", "reload"]
    ingest = run(argv, env)
    size = (tmp / "cache.db").stat().st_size
    noop = run(argv, env)
    return ingest, noop, size


def measure(binary, feeds, runs, env, with_newsboat):
    """`runs` pairs of passes over `feeds`: a list of {"tidings": ..., "newsboat": ...}."""
    pairs = []
    for i in range(runs):
        pair = {}
        order = ["tidings", "newsboat"] if i % 2 == 0 else ["newsboat", "tidings"]
        for who in order:
            if who == "newsboat" and not with_newsboat:
                continue
            with tempfile.TemporaryDirectory(prefix=f"bench-{who}-") as tmp:
                tmp = Path(tmp)
                run_env = env | {"HOME": str(tmp)}
                if who == "tidings":
                    pair[who] = tidings_pass(binary, feeds, tmp, run_env)
                else:
                    pair[who] = newsboat_pass(feeds, tmp, run_env)
        pairs.append(pair)
    return pairs


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def spread(values, digits=2, scale=1.0):
    values = [v * scale for v in values if v is not None]
    if not values:
        return "–"
    f = f"{{:.{digits}f}}"
    med = f.format(statistics.median(values))
    return med if len(values) == 1 else f"{med} ({f.format(min(values))}–{f.format(max(values))})"


def report(sets, runs, newsboat_version):
    """The tables, from `sets`: a list of (name, feed bytes, pairs)."""
    lines = [
        f"Each row: {runs} paired runs, tidings and {newsboat_version or 'newsboat'} one after "
        "the other (in turn first), each into an empty store from the same `file://` feeds: "
        "`tidings refresh` with `keep_per_feed = 0` (keep every item, as newsboat does) and "
        "`max_size_mb = 1000`, against `newsboat -x reload`; then the same command again on "
        "what it made (nothing changed). Seconds are wall time, median (min–max); the ratio "
        "is the median of each pair's ratio; CPU is user + system time; memory is peak RSS. "
        "Store: the data dir (tidings) or cache file (newsboat) after the ingest.",
        "",
        "| data | feed bytes | tidings ingest s | newsboat ingest s | ratio | tidings CPU s "
        "| newsboat CPU s | tidings no-op s | no-op / ingest | newsboat no-op s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, size, pairs in sets:
        t = [p["tidings"] for p in pairs]
        n = [p["newsboat"] for p in pairs if "newsboat" in p]
        ratios = [p["tidings"][0][0] / p["newsboat"][0][0] for p in pairs if "newsboat" in p]
        noop_share = [p["tidings"][1][0] / p["tidings"][0][0] for p in pairs]
        lines.append(
            f"| {name} | {size / 1e6:.1f} MB | {spread([x[0][0] for x in t])} "
            f"| {spread([x[0][0] for x in n])} | {spread(ratios)}× "
            f"| {spread([x[0][1] for x in t])} | {spread([x[0][1] for x in n])} "
            f"| {spread([x[1][0] for x in t])} | {spread(noop_share, 0, 100)} % "
            f"| {spread([x[1][0] for x in n])} |")
    lines += ["", "| data | feed bytes | tidings store | store / feeds | newsboat cache | tidings peak RSS "
              "| RSS / feed bytes | newsboat peak RSS |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, size, pairs in sets:
        t = [p["tidings"] for p in pairs]
        n = [p["newsboat"] for p in pairs if "newsboat" in p]
        store = median([x[2] for x in t])
        rss = median([x[0][2] for x in t])
        lines.append(
            f"| {name} | {size / 1e6:.1f} MB | {store / 1e6:.1f} MB | {store / size:.2f}× "
            f"| {spread([x[2] for x in n], 1, 1e-6)} MB | {spread([x[0][2] for x in t], 0)} MB "
            f"| {rss * 1048576 / size:.2f}× | {spread([x[0][2] for x in n], 0)} MB |")
    return "\n".join(lines)
