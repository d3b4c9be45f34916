#!/usr/bin/env python3
"""Benchmark listicle: throughput on text and HTML, one thread and all cores, peak memory at
10x and 100x the corpus, and the same HTML pages through trafilatura and resiliparse.

Run it through scripts/bench.sh, which builds the release binary and a throwaway venv for the
Python extractors. Usage: bench.py BINARY [--python VENV_PYTHON] [--scale N] [--quick]

The corpus is built from fixtures/ and ../shared/corpus/pages (and ../shared/seeds for text):
the HTML set is the corpus pages plus the HTML fixtures; the text set is the text fixtures
and seeds (a few KB each), and the page-text set the visible text of each HTML page as a
plain-text file (tens of KB each), each repeated to a quarter of the HTML set's size. Copies are hard links, so 100x costs no disk.
"""
import argparse
import html.parser
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


class PageText(html.parser.HTMLParser):
    """The visible text of a saved page as a plain-text dump: one block per paragraph,
    heading, list item or table row, blank lines between them, `1.` before the items of an
    ordered list and `-` before those of an unordered one; scripts, styles and the head
    dropped. What a crawler's text export of the page looks like."""

    SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "select"}
    BLOCK = {"p", "div", "section", "article", "header", "footer", "main", "aside", "nav",
             "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote",
             "pre", "figure", "figcaption", "dl", "dt", "dd", "br", "hr", "form"}

    def __init__(self, wet=False):
        super().__init__(convert_charrefs=True)
        self.out, self.skip, self.lists = [], 0, []
        self.wet, self.title, self.in_title = wet, None, False

    def handle_starttag(self, tag, attrs):
        if self.wet and tag == "title" and self.title is None:
            self.in_title, self.title = True, ""
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.out.append("\n\n")
            if self.wet:
                return
            if tag in ("ol", "ul"):
                self.lists.append([tag, 0])
            elif tag == "li" and self.lists:
                self.lists[-1][1] += 1
                self.out.append(f"{self.lists[-1][1]}. " if self.lists[-1][0] == "ol" else "- ")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.out.append("\n\n")
            if tag in ("ol", "ul") and self.lists:
                self.lists.pop()

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif not self.skip:
            self.out.append(data)


def page_text(path, wet=False):
    """`path`'s text as PageText reads it. With `wet`, as Common Crawl's WET records give a
    page's text: the `<title>` on the first line, then a block a line with no blank lines
    between and no marks before list items."""
    p = PageText(wet)
    with open(path, "rb") as f:
        p.feed(f.read().decode("utf-8", "replace"))
    p.close()
    blocks = [" ".join(b.split()) for b in "".join(p.out).split("\n\n")]
    if wet:
        return "\n".join(b for b in [" ".join((p.title or "").split())] + blocks if b) + "\n"
    return "\n\n".join(b for b in blocks if b) + "\n"


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


def wet_archive(dest, pages, copies):
    """A WET archive of `pages` (each as Common Crawl's WET records give a page's text),
    `copies` times over: one `conversion` record a page. Returns (records, bytes)."""
    texts = [page_text(p, wet=True).encode() for p in pages]
    n = 0
    with open(dest, "wb") as f:
        f.write(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n")
        for c in range(copies):
            for p, t in zip(pages, texts):
                uri = f"https://example.com/{c}/{os.path.basename(p)}"
                f.write(f"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: {uri}\r\n"
                        f"Content-Type: text/plain\r\nContent-Length: {len(t)}\r\n\r\n".encode())
                f.write(t + b"\r\n\r\n")
                n += 1
    return n, os.path.getsize(dest)


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
        # Article-sized text: each HTML page's visible text as a plain-text file, as a
        # crawler's text export gives it (the text fixtures and seeds are a few KB each).
        pages_dir = os.path.join(work, "page-texts")
        os.makedirs(pages_dir)
        pages_src = []
        for p in html_src:
            t = os.path.join(pages_dir, os.path.basename(p).rsplit(".", 1)[0] + ".txt")
            with open(t, "w", encoding="utf-8") as f:
                f.write(page_text(p))
            pages_src.append(t)

        def copies_for(src):
            # A quarter of the HTML set's size.
            return max(1, a.scale * one_size // max(1, sum(os.path.getsize(p) for p in src)) // 4)

        sets = [("html", html_src, a.scale), ("text", text_src, copies_for(text_src)), ("page text", pages_src, copies_for(pages_src))]
        for kind, src, copies in sets:
            d = os.path.join(work, f"{kind.replace(' ', '-')}-x{copies}")
            n, size = build(d, src, copies)
            out = os.path.join(work, "out")
            for jobs in (1, cores):
                shutil.rmtree(out, ignore_errors=True)
                secs, rss = best([a.binary, "extract", d, "-o", out, "-q", "-j", str(jobs)], repeat)
                results[(kind, jobs)] = secs
                print(f"{kind:9} {jobs} thread{'s' if jobs > 1 else ' '}: {n:6} docs, {size / 1e6:7.1f} MB in {secs:6.2f} s = {n / secs:8.0f} docs/s, {size / secs / 1e6:6.1f} MB/s, peak RSS {rss:5.0f} MiB")
            if cores > 1:
                print(f"{kind:9} speed-up on {cores} cores: {results[(kind, 1)] / results[(kind, cores)]:.2f}x")
                # The machine's own ceiling: the same files split into `cores` parts, each run
                # by its own one-thread process, all at once (nothing shared but the machine).
                parts = split(d, cores)
                secs = best_parallel(
                    [[a.binary, "extract", part, "-o", f"{part}-out", "-q", "-j", "1"] for part in parts],
                    repeat,
                )
                print(f"{kind:9} {cores} one-thread processes side by side on 1/{cores} each: {results[(kind, 1)] / secs:.2f}x (the machine's ceiling for the line above)")
            # The floor: only reading the same files (cat, one process, page cache warm).
            secs, _ = best(["sh", "-c", f"find '{d}' -type f -exec cat {{}} + > /dev/null"], repeat)
            print(f"{kind:9} reading the files alone (cat): {size / secs / 1e6:6.1f} MB/s")
        # The same pages as a WET archive (Common Crawl's page texts), read record by record.
        wet, out = os.path.join(work, "pages.warc.wet"), os.path.join(work, "out")
        n, size = wet_archive(wet, html_src, copies_for(pages_src))
        for jobs in (1, cores):
            shutil.rmtree(out, ignore_errors=True)
            secs, rss = best([a.binary, "extract", wet, "-o", out, "-q", "-j", str(jobs)], repeat)
            print(f"wet       {jobs} thread{'s' if jobs > 1 else ' '}: {n:6} docs, {size / 1e6:7.1f} MB in {secs:6.2f} s = {n / secs:8.0f} docs/s, {size / secs / 1e6:6.1f} MB/s, peak RSS {rss:5.0f} MiB")
        os.remove(wet)
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
