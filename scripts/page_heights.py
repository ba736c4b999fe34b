"""Measure how tall the pages of a report are in a browser (``document.body.scrollHeight``).

    python scripts/page_heights.py reports/                # every .html of a report folder
    python scripts/page_heights.py reports/03_dyads_and_network.html --width 1280

Renders each page with headless Chromium (Debian's ``/usr/bin/chromium``, driven by
Playwright) at a fixed viewport width and prints the page height and width in CSS pixels,
and whether anything is wider than the page (``document.documentElement.scrollWidth``
larger than the viewport). A measuring tool for maintainers: nothing in the toolkit needs it.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"


def measure(pages: list[Path], *, width: int = 1280) -> list[tuple[str, int, int]]:
    """(name, height, scroll width) of each page, in CSS pixels."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            for path in pages:
                page.goto(path.resolve().as_uri(), wait_until="load")
                height = page.evaluate("document.body.scrollHeight")
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                out.append((path.name, int(height), int(scroll_width)))
        finally:
            browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path, help="HTML files or report folders")
    parser.add_argument("--width", type=int, default=1280, help="viewport width in CSS pixels (default 1280)")
    args = parser.parse_args(argv)
    pages: list[Path] = []
    for p in args.paths:
        pages.extend(sorted(p.glob("*.html")) if p.is_dir() else [p])
    for name, height, scroll_width in measure(pages, width=args.width):
        wider = f"  wider than the page: {scroll_width} px" if scroll_width > args.width else ""
        print(f"{name:45s} {height:7d} px tall{wider}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
