"""The press kit as a person sees it: the page and the laurels rendered by headless Chromium.

Needs Debian's `chromium` and `chromium-driver` and the `selenium` package. Without them the tests
skip with the reason, except under CI (the CI variable set), where a browser test that cannot run
fails. Screenshots go to $AWARDS_TEST_ARTIFACTS when it is set, else to pytest's tmp_path.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from lasttrain_awards.accolades import uncounted_wins
from lasttrain_awards.database.queries import AwardRow
from lasttrain_awards.output.summary import summary_sentence
from lasttrain_awards.presskit.content import KitContent
from lasttrain_awards.presskit.kit import build_kit, kit_files, write_kit
from lasttrain_awards.presskit.wording import laurel_filename, laurel_line, laurel_rows
from tests.builders import KIT_ROWS, KIT_SOURCES, KIT_TITLE, REPO, loaded_engine

EXAMPLE_KIT_FILE = REPO / "examples" / "presskit.toml"
# The sections of a whole kit (the bundled data with the example kit file), by heading id.
SECTIONS = (
    "h-synopsis",
    "h-stills",
    "h-quotes",
    "h-director",
    "h-facts",
    "h-timeline",
    "h-accolades",
    "h-contacts",
    "h-sources",
)

PHONE = (390, 844)
DESKTOP = (1200, 900)
LAUREL_VIEWBOX = (360, 320)


def _chromium() -> str | None:
    """Debian's chromium; on a GitHub runner ($CHROMEWEBDRIVER set), the Google Chrome its
    chromedriver is made for (its /usr/bin/chromium is a snapshot that may not match the driver)."""
    names = ("google-chrome", "chromium") if os.environ.get("CHROMEWEBDRIVER") else ("chromium", "chromium-browser")
    return next(filter(None, map(shutil.which, names)), None)


def _chromedriver() -> str | None:
    """chromedriver on the PATH, or where a GitHub runner keeps it ($CHROMEWEBDRIVER)."""
    folder = os.environ.get("CHROMEWEBDRIVER")
    return shutil.which("chromedriver") or (shutil.which("chromedriver", path=folder) if folder else None)


def _missing() -> str | None:
    """Why the browser cannot run here, or None."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "the selenium package is not installed (pip install selenium)"
    if not _chromium():
        return "Chromium is not installed (apt-get install chromium)"
    if not _chromedriver():
        return "chromedriver is not installed (apt-get install chromium-driver)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module, logging console messages and network events."""
    missing = _missing()
    if missing:
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(f"{missing}; CI is set, so the browser tests must run")
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _chromium() or ""
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(flag)
    options.add_argument(f"--window-size={DESKTOP[0]},{DESKTOP[1]}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    # A driver path given to Service means Selenium Manager, which would download a driver, never runs.
    driver = webdriver.Chrome(service=Service(executable_path=_chromedriver()), options=options)
    driver.set_page_load_timeout(15)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def artifacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("AWARDS_TEST_ARTIFACTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass(frozen=True)
class Kit:
    name: str
    directory: Path
    rows: list[AwardRow]
    summary: str


@pytest.fixture(scope="module", params=["handwritten", "bundled"])
def kit(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Kit:
    """A press kit written by the library, once for the module (the tests only read it): the hostile
    hand-written rows (accolades only), or the bundled dataset with the example kit file (every section)."""
    directory = tmp_path_factory.mktemp(request.param) / "kit"
    if request.param == "handwritten":
        write_kit(directory, kit_files(KIT_ROWS, KIT_SOURCES, KitContent(title=KIT_TITLE), laurel_width=None))
        return Kit(request.param, directory, KIT_ROWS, summary_sentence(KIT_ROWS))
    from lasttrain_awards.database.queries import list_awards

    engine = loaded_engine(directory.parent / "awards.sqlite")
    write_kit(directory, build_kit(engine, kit_path=EXAMPLE_KIT_FILE, laurel_width=None))
    rows = list_awards(engine)
    engine.dispose()
    return Kit(request.param, directory, rows, summary_sentence(rows))


def _open(driver: Any, path: Path, size: tuple[int, int], mobile: bool = False) -> None:
    """Load a file at a viewport size, with the logs of earlier pages drained first."""
    driver.get_log("browser")
    driver.get_log("performance")
    metrics = {"width": size[0], "height": size[1], "deviceScaleFactor": 2 if mobile else 1, "mobile": mobile}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    driver.get(path.as_uri())


def _assert_quiet(driver: Any, path: Path) -> None:
    """No console error, and no request but the file itself and the kit's own images: nothing fetched
    from elsewhere, nothing refused or failed, every image shown."""
    errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    messages = [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]
    requested = [m["params"]["request"]["url"] for m in messages if m["method"] == "Network.requestWillBeSent"]
    images = (path.parent / "images").as_uri() + "/"
    assert requested[0] == path.as_uri() and all(url.startswith(images) for url in requested[1:]), requested
    assert [m["params"] for m in messages if m["method"] == "Network.loadingFailed"] == []
    broken = driver.execute_script("return [...document.images].filter(i => !(i.complete && i.naturalWidth)).length")
    assert broken == 0


def _screenshot(driver: Any, target: Path, full_page: bool) -> tuple[int, int]:
    """Save a PNG of the viewport or the whole page; return its size in pixels."""
    options: dict[str, Any] = {"format": "png"}
    if full_page:
        content = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": content["width"], "height": content["height"], "scale": 1}
        options |= {"captureBeyondViewport": True, "clip": clip}
    data = base64.b64decode(driver.execute_cdp_cmd("Page.captureScreenshot", options)["data"])
    target.write_bytes(data)
    print(f"screenshot: {target}")
    width, height = struct.unpack(">II", data[16:24])  # the PNG's IHDR chunk
    return width, height


def test_the_page_shows_every_section_and_fetches_nothing(browser: Any, kit: Kit, artifacts: Path) -> None:
    from selenium.webdriver.common.by import By

    page = kit.directory / "presskit.html"
    _open(browser, page, DESKTOP)
    text = browser.find_element(By.TAG_NAME, "body").text
    assert kit.summary in text
    apart = {row.id for row in uncounted_wins(kit.rows)}  # no source states them, or only weaker ones do
    lines = [laurel_line(row, apart=row.id in apart) for row in kit.rows]
    missing = [line for line in lines if line not in text]
    assert missing == []
    if kit.name == "bundled":
        for section in SECTIONS:
            heading = browser.find_element(By.ID, section)
            assert heading.is_displayed() and heading.size["height"] > 0, section
    _assert_quiet(browser, page)
    width, height = _screenshot(browser, artifacts / f"presskit-{kit.name}.png", full_page=True)
    assert width == DESKTOP[0]
    assert height > DESKTOP[1], "the screenshot holds the whole page, not just the first screen"


def test_the_page_fits_a_phone(browser: Any, kit: Kit, artifacts: Path) -> None:
    from selenium.webdriver.common.by import By

    page = kit.directory / "presskit.html"
    _open(browser, page, PHONE, mobile=True)
    inner, scroll = browser.execute_script(
        "return [window.innerWidth, document.documentElement.scrollWidth, document.body.scrollWidth]"
    )[:2]
    assert inner == PHONE[0], "the viewport meta makes the page as wide as the phone"
    assert scroll <= inner, "nothing scrolls sideways"
    if kit.name == "bundled":
        for section in SECTIONS:
            assert browser.find_element(By.ID, section).is_displayed(), section
    _assert_quiet(browser, page)
    _screenshot(browser, artifacts / f"presskit-{kit.name}-phone.png", full_page=False)


def test_the_fact_sheet_prints_on_one_page(browser: Any, kit: Kit, artifacts: Path) -> None:
    """Printed by the browser with its default paper (Letter), the fact sheet is one page of the size its
    own @page rule sets (A4), and fetches nothing."""
    sheet = kit.directory / "factsheet.html"
    _open(browser, sheet, DESKTOP)
    _assert_quiet(browser, sheet)
    _screenshot(browser, artifacts / f"factsheet-{kit.name}.png", full_page=True)
    default = {"printBackground": True, "preferCSSPageSize": True}  # no paper size asked for
    pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", default)["data"])
    (artifacts / f"factsheet-{kit.name}.pdf").write_bytes(pdf)
    pages = re.findall(rb"/Type\s*/Page\b(?!s)", pdf)
    assert len(pages) == 1, f"the fact sheet prints on {len(pages)} pages"
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert box is not None and (round(float(box[1])), round(float(box[2]))) == (595, 842), "A4, as @page says"


def test_laurel_texts_stay_inside_the_wreath(browser: Any, kit: Kit, artifacts: Path) -> None:
    """As the browser draws it: every line of text (outlines, or a run the bundled font lacks) lies
    between the branches, within the drawing. The geometry itself is proven in tests/unit/test_laurels.py."""
    view_w, view_h = LAUREL_VIEWBOX
    for index, row in enumerate(laurel_rows(kit.rows)):
        laurel = kit.directory / "laurels" / laurel_filename(row)
        _open(browser, laurel, LAUREL_VIEWBOX)
        boxes = browser.execute_script(
            "return [...document.querySelectorAll(':root > path:not([fill=none]), :root > text')]"
            ".map(t => { const b = t.getBBox(); return [b.x, b.y, b.width, b.height, t.tagName]; })"
        )
        assert boxes, row.id
        for x, y, width, height, tag in boxes:
            assert 0.2 * view_w <= x and x + width <= 0.8 * view_w, (row.id, tag, x, width)
            assert 0.15 * view_h <= y and y + height <= 0.85 * view_h, (row.id, tag, y, height)
        _assert_quiet(browser, laurel)
        if index == 0:
            _screenshot(browser, artifacts / f"laurel-{kit.name}.png", full_page=False)
