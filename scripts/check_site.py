#!/usr/bin/env python3
"""Check a built docs site for what breaks on GitHub Pages under a sub-path (https://owner.github.io/repo/):
404.html, served for any missing page at any depth, must load its stylesheets and scripts from the
site's own path (absolute links, since it cannot know where it is served), and sitemap.xml must list
the pages at the site's address. Both need mkdocs.yml's site_url, which docs.yml sets from the Pages
site (SITE_URL); .ci/run and tests.yml build with an example sub-path and run this.

Usage: python scripts/check_site.py SITE_DIR SITE_URL
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit


def problems(site: Path, site_url: str) -> list[str]:
    found: list[str] = []
    base = site_url if site_url.endswith("/") else site_url + "/"
    prefix = urlsplit(base).path  # /lasttrain-awards/
    page = (site / "404.html").read_text(encoding="utf-8") if (site / "404.html").is_file() else ""
    if not page:
        return ["no 404.html"]
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page) + re.findall(r'<script src="([^"]+)"', page)
    if not any(link.endswith(".css") for link in assets):
        found.append("404.html links no stylesheet")
    for link in assets:
        if urlsplit(link).scheme:
            continue  # another site's (none expected: font is false)
        if not link.startswith(prefix):
            found.append(f"404.html links {link}, outside {prefix}: unstyled under the sub-path")
        elif not (site / link[len(prefix) :].split("?")[0]).is_file():
            found.append(f"404.html links {link}, which the site does not have")
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return [*found, "no sitemap.xml"]
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text or "" for loc in ET.parse(sitemap).getroot().findall("s:url/s:loc", namespace)]
    if not locations:
        found.append("sitemap.xml lists no page (is site_url set?)")
    found += [f"sitemap.xml lists {loc}, not under {base}" for loc in locations if not loc.startswith(base)]
    if locations and urljoin(base, "cli/") not in locations:
        found.append("sitemap.xml lacks the CLI reference")
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    site, site_url = Path(argv[0]), argv[1]
    found = problems(site, site_url)
    for problem in found:
        print(f"check_site: {problem}", file=sys.stderr)
    if not found:
        print(f"check_site: 404.html and sitemap.xml of {site} are right for {site_url}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
