#!/usr/bin/env python3
"""Benchmark listicle: throughput on text and HTML, one thread and all cores, peak memory at
10x and 100x the corpus, and the same HTML pages through trafilatura and resiliparse.

Run it through scripts/bench.sh, which builds the release binary and a throwaway venv for the
Python extractors. Usage: bench.py BINARY [--python VENV_PYTHON] [--scale N] [--quick]

The corpus is built from fixtures/ and ../shared/corpus/pages (and ../shared/seeds for text):
the HTML set is the corpus pages plus the HTML fixtures, the text set is the text fixtures
and seeds repeated to a few MB. Copies are hard links, so 100x costs no disk.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(ROOT), "shared")


def files(folder, exts):
    out = []
    if not os.path.isdir(folder):
        return out
    for name in sorted(os.listdir(folder)):
        if name.rsplit(".", 1)[-1] in exts:
            out.append(os.path.join(folder, name))
    return out


def build(dest, sources, copies):
    os.makedirs(dest, exist_ok=True)
    size = 0
    n = 0
    for c in range(copies):
        for s in sources:
            d = os.path.join(dest, f"{c:05d}-{os.path.basename(s)}")
            try:
                os.link(s, d)
            except OSError:
                shutil.copyfile(s, d)
            size += os.path.getsize(s)
            n += 1
    return n, size


def run(cmd):
    """Wall seconds and peak RSS (MiB) of one command."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    err = p.stderr.read().decode()
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) not in (0,):
        sys.exit(f"{' '.join(cmd)} failed:\n{err}")
    return wall, usage.ru_maxrss / 1024


def split(d, parts):
    """Hard-link the files of `d` into `parts` folders beside it, in turn; return their paths."""
    names = sorted(os.listdir(d))
    out = []
    for k in range(parts):
        p = f"{d}-part{k}"
        os.makedirs(p, exist_ok=True)
        for name in names[k::parts]:
            os.link(os.path.join(d, name), os.path.join(p, name))
        out.append(p)
    return out


def best_parallel(cmds, repeat):
    """Wall seconds of the best of `repeat` runs of all `cmds` started together."""
    walls = []
    for _ in range(repeat):
        t = time.perf_counter()
        procs = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for c in cmds]
        codes = [p.wait() for p in procs]
        walls.append(time.perf_counter() - t)
        if any(codes):
            sys.exit(f"{cmds[0]} and the others: exit codes {codes}")
    return min(walls)


def best(cmd, repeat):
    runs = [run(cmd) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


PY_BENCH = r"""
import sys, time, json
which, paths = sys.argv[1], sys.argv[2:]
pages = [open(p, 'rb').read() for p in paths]
if which == 'trafilatura':
    import trafilatura
    f = lambda b: trafilatura.extract(b.decode('utf-8', 'replace'))
else:
    from resiliparse.parse.html import HTMLTree
    from resiliparse.extract.html2text import extract_plain_text
    f = lambda b: extract_plain_text(HTMLTree.parse_from_bytes(b), main_content=True)
for b in pages[:3]:
    f(b)
t = time.perf_counter()
for b in pages:
    f(b)
print(json.dumps({"seconds": time.perf_counter() - t, "bytes": sum(map(len, pages)), "docs": len(pages)}))
"""


def python_rate(python, which, paths):
    p = subprocess.run([python, "-c", PY_BENCH, which, *paths], capture_output=True, text=True)
    if p.returncode != 0:
        print(f"  {which}: could not run ({p.stderr.strip().splitlines()[-1] if p.stderr else '?'})")
        return None
    r = json.loads(p.stdout)
    return r["bytes"] / r["seconds"] / 1e6, r["docs"] / r["seconds"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--python")
    ap.add_argument("--scale", type=int, default=10, help="copies of the HTML corpus for throughput")
    ap.add_argument("--quick", action="store_true", help="one repeat, skip the 100x memory run")
    a = ap.parse_args()
    repeat = 1 if a.quick else 3
    cores = os.cpu_count() or 1

    html_src = files(os.path.join(SHARED, "corpus", "pages"), {"html"}) + files(os.path.join(ROOT, "fixtures"), {"html"})
    text_src = files(os.path.join(ROOT, "fixtures"), {"txt", "md"}) + files(os.path.join(SHARED, "seeds"), {"txt"})
    if not html_src:
        sys.exit("no HTML pages found (../shared/corpus/pages is not beside the repository)")
    work = tempfile.mkdtemp(prefix="listicle-bench-")
    try:
        print(f"machine: {cores} cores; binary {a.binary}")
        one_size = sum(os.path.getsize(p) for p in html_src)
        results = {}
        for kind, src, copies in [("html", html_src, a.scale), ("text", text_src, max(1, a.scale * one_size // max(1, sum(os.path.getsize(p) for p in text_src)) // 4))]:
            d = os.path.join(work, f"{kind}-x{copies}")
            n, size = build(d, src, copies)
            out = os.path.join(work, "out")
            for jobs in (1, cores):
                shutil.rmtree(out, ignore_errors=True)
                secs, rss = best([a.binary, "extract", d, "-o", out, "-q", "-j", str(jobs)], repeat)
                results[(kind, jobs)] = secs
                print(f"{kind:5} {jobs} thread{'s' if jobs > 1 else ' '}: {n:6} docs, {size / 1e6:7.1f} MB in {secs:6.2f} s = {n / secs:8.0f} docs/s, {size / secs / 1e6:6.1f} MB/s, peak RSS {rss:5.0f} MiB")
            if cores > 1:
                print(f"{kind:5} speed-up on {cores} cores: {results[(kind, 1)] / results[(kind, cores)]:.2f}x")
                # The machine's own ceiling: the same files split into `cores` parts, each run
                # by its own one-thread process, all at once (nothing shared but the machine).
                parts = split(d, cores)
                secs = best_parallel(
                    [[a.binary, "extract", part, "-o", f"{part}-out", "-q", "-j", "1"] for part in parts],
                    repeat,
                )
                print(f"{kind:5} {cores} one-thread processes side by side on 1/{cores} each: {results[(kind, 1)] / secs:.2f}x (the machine's ceiling for the line above)")
            # The floor: only reading the same files (cat, one process, page cache warm).
            secs, _ = best(["sh", "-c", f"find '{d}' -type f -exec cat {{}} + > /dev/null"], repeat)
            print(f"{kind:5} reading the files alone (cat): {size / secs / 1e6:6.1f} MB/s")
        for mult in ([10] if a.quick else [10, 100]):
            d = os.path.join(work, f"mem-x{mult}")
            n, size = build(d, html_src, mult)
            out = os.path.join(work, "out")
            shutil.rmtree(out, ignore_errors=True)
            secs, rss = run([a.binary, "extract", d, "-o", out, "-q"])
            print(f"memory {mult:3}x corpus: {n:6} docs, {size / 1e6:7.1f} MB, all cores, CSV+JSON+report: peak RSS {rss:.0f} MiB ({secs:.1f} s)")
            shutil.rmtree(d)
        ours = one_size / (results[("html", 1)] / a.scale) / 1e6
        if a.python:
            print(f"same {len(html_src)} HTML pages ({one_size / 1e6:.1f} MB), one thread:")
            print(f"  listicle      {ours:7.1f} MB/s")
            for which in ("resiliparse", "trafilatura"):
                r = python_rate(a.python, which, html_src)
                if r:
                    print(f"  {which:13} {r[0]:7.1f} MB/s  (listicle is {ours / r[0]:.1f}x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
