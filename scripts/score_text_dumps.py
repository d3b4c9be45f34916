#!/usr/bin/env python3
"""Score listicle on plain-text dumps of the labelled corpus pages: each page's visible text,
written by the benchmark's converter (scripts/bench.py, PageText), scored against the same
labels with ../shared/tools/score.py. Shows how whole-page text (menus, related headlines,
comments as lines) fares against the page's HTML.

With --wet, the dumps are as Common Crawl's WET records give a page's text: the page's
`<title>` first, then a block a line, with no blank lines and no list marks.

Usage: python3 scripts/score_text_dumps.py [BINARY] [--wet]   (default target/release/listicle)
"""
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(os.path.dirname(os.path.dirname(HERE)), "shared")
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(SHARED, "tools"))

import bench  # noqa: E402
import score  # noqa: E402


def main():
    args = [a for a in sys.argv[1:] if a != "--wet"]
    wet = "--wet" in sys.argv[1:]
    binary = args[0] if args else "target/release/listicle"
    pages = os.path.join(SHARED, "corpus", "pages")
    labels = os.path.join(SHARED, "corpus", "labels")
    with tempfile.TemporaryDirectory(prefix="listicle-text-dumps-") as out:
        for name in sorted(os.listdir(labels)):
            ident = name.rsplit(".", 1)[0]
            page = os.path.join(pages, ident + ".html")
            if os.path.exists(page):
                with open(os.path.join(out, ident + ".txt"), "w", encoding="utf-8") as f:
                    f.write(bench.page_text(page, wet))
        # The scorer looks in the seeds and the pages first; look only at the dumps.
        find = score.find_input
        score.find_input = lambda ident, dirs: find(ident, [out])
        sys.argv = ["score.py", "--bin", binary, "--labels", labels]
        score.main()


if __name__ == "__main__":
    main()
