"""`awards presskit` with the owner's assets: images in the kit, the PDF fact sheet on A4 or Letter, the
example file's placeholders (warned of, refused with --strict), the archive (--zip), and the feedback
on stderr. Images and contacts are fictional, made here with Pillow (tests/unit/test_presskit_assets.py
and tests/unit/test_factsheet_pdf.py test the library)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from lasttrain_awards.cli.commands.kit import _Progress
from tests.builders import REPO

EXAMPLE_KIT_FILE = REPO / "examples" / "presskit.toml"
EXAMPLE_IMAGES = ("poster", "still-01", "still-02", "director")
OWN_CONTACT = '[[contact]]\nname = "Ana Example-Free"\nrole = "Publicist"\nemail = "ana@studio-example-free.ca"\n'


def example_image(path: Path, size: tuple[int, int] = (640, 400), kind: str = "PNG") -> Path:
    image = Image.new("RGB", size, "#5f6f64")
    image.paste("#e2d9c8", (size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2))
    image.save(path, kind)
    return path


def own_kit(tmp_path: Path, extra: str = "", top: str = "") -> Path:
    """A kit file of the user's own, beside its one image, with no placeholder: `top` holds keys, `extra` tables."""
    example_image(tmp_path / "poster.png")
    path = tmp_path / "mine.toml"
    poster = '[poster]\nfile = "poster.png"\ncredit = "Example Studio"\n'
    path.write_text(f"{top}{OWN_CONTACT}{poster}{extra}", encoding="utf-8")
    return path


@pytest.mark.slow
def test_the_example_kit_holds_its_images_captioned_and_credited_and_warns_of_placeholders(awards, tmp_path) -> None:
    kit = tmp_path / "kit"
    result = awards("presskit", "--no-png", "-o", str(kit), "--kit", str(EXAMPLE_KIT_FILE))
    assert result.exit_code == 0, result.output
    for stem in EXAMPLE_IMAGES:
        assert Image.open(kit / "images" / f"{stem}.jpg").format == "JPEG"
        assert len(list((kit / "images" / "original").glob(f"{stem}.*"))) == 1
    originals = {p.name: p.read_bytes() for p in (kit / "images" / "original").iterdir()}
    assert originals["poster.png"] == (REPO / "examples" / "images" / "example-poster.png").read_bytes()
    page = (kit / "presskit.html").read_text(encoding="utf-8")
    markdown = (kit / "presskit.md").read_text(encoding="utf-8")
    for text in ("Example still 1 (generated: replace it", "Example image: generated, not from the film"):
        assert text in page.replace("&#39;", "'") and text in markdown
    assert '<img src="images/still-01.jpg"' in page and '<a href="images/original/still-01.jpg"' in page
    assert "(images/still-01.jpg)](images/original/still-01.jpg)" in markdown
    assert "img-src &#39;self&#39; data:" in page or "img-src 'self' data:" in page
    # the director's section: the sourced biography and filmography, the owner's photo
    assert "Lixin Fan is a social/political documentary filmmaker." in page and "<cite>I Am Here</cite>" in page
    # each placeholder named on stderr, the kit written all the same
    for key in ("contact[0].name", "contact[0].email", "contact[0].phone", "sales[0].name", "sales[0].url"):
        assert f"presskit.toml: {key}: " in result.stderr, key
    assert "warning" in result.stderr and "4 images" in result.stderr


def test_strict_refuses_the_example_placeholders_and_writes_nothing(awards, tmp_path) -> None:
    kit = tmp_path / "kit"
    result = awards("presskit", "--no-png", "-o", str(kit), "--kit", str(EXAMPLE_KIT_FILE), "--strict", "--zip")
    assert result.exit_code == 1
    assert "'Your Name' is the example file's placeholder" in result.stderr
    assert "--strict" in result.stderr and "nothing was written" in result.stderr
    assert not kit.exists() and not (tmp_path / "kit.zip").exists()


@pytest.mark.slow
def test_strict_passes_a_kit_of_ones_own(awards, tmp_path) -> None:
    result = awards("presskit", "--no-png", "-o", str(tmp_path / "kit"), "--kit", str(own_kit(tmp_path)), "--strict")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr and "1 images" in result.stderr


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: p.unlink(), "no such file"),
        (lambda p: p.write_bytes(p.read_bytes()[:300]), "damaged or unreadable"),
        (lambda p: p.write_text("not a picture", encoding="utf-8"), "not an image"),
        (lambda p: example_image(p, kind="BMP"), "a BMP image"),
    ],
)
def test_a_missing_or_corrupt_image_names_the_key_and_writes_nothing(awards, tmp_path, damage, message) -> None:
    kit_file = own_kit(tmp_path)
    damage(tmp_path / "poster.png")
    result = awards("presskit", "--no-png", "-o", str(tmp_path / "kit"), "--kit", str(kit_file), "--zip")
    assert result.exit_code == 1
    assert "mine.toml: poster.file: poster.png" in result.stderr and message in result.stderr
    assert "nothing was written" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "kit").exists() and not (tmp_path / "kit.zip").exists()


def test_a_screener_password_is_refused(awards, tmp_path) -> None:
    kit_file = own_kit(tmp_path, '[screener]\nurl = "https://screener.example.invalid/x"\npassword = "s3cret"\n')
    result = awards("presskit", "--no-png", "-o", str(tmp_path / "kit"), "--kit", str(kit_file))
    assert result.exit_code == 1
    assert "$.screener.password: a password is never written into the kit" in result.stderr
    assert "s3cret" not in result.output and not (tmp_path / "kit").exists()


@pytest.mark.slow
def test_letter_paper_gives_one_letter_page_and_the_html_sheets_page_size(awards, tmp_path) -> None:
    kit = tmp_path / "kit"
    result = awards("presskit", "--no-png", "-o", str(kit), "--paper", "letter")
    assert result.exit_code == 0, result.output
    reader = PdfReader(kit / "factsheet.pdf")
    box = reader.pages[0].mediabox
    assert (len(reader.pages), round(float(box.width)), round(float(box.height))) == (1, 612, 792)
    assert "@page { size: Letter; }" in (kit / "factsheet.html").read_text(encoding="utf-8")
    assert "factsheet.pdf (Letter, 1 page)" in result.stderr


@pytest.mark.slow
def test_the_owners_specs_and_links_are_shown_as_theirs_and_a_sourced_one_is_set_aside(awards, tmp_path) -> None:
    extra = (
        '[screener]\nurl = "https://screener.example-free.ca/s"\nnote = "Password on request"\n'
        '[specs]\nformat = "Example format"\nrunning_time = "99 minutes"\n'
    )
    kit_file = own_kit(tmp_path, extra, top='trailer = "https://trailer.example-free.ca/t"\n')
    kit = tmp_path / "kit"
    result = awards("presskit", "--no-png", "-o", str(kit), "--kit", str(kit_file))
    assert result.exit_code == 0, result.output
    page = (kit / "presskit.html").read_text(encoding="utf-8").replace("&#39;", "'")
    assert '<dt>Format</dt>\n<dd>Example format <span class="owner">(from the kit\'s owner)</span>' in page
    assert "99 minutes" not in page  # the sources state the running time
    assert "mine.toml: specs.running_time: not shown, since a source states it" in result.stderr
    assert 'href="https://screener.example-free.ca/s"' in page and "Password on request" in page
    assert "No password is written in the kit." in page
    markdown = (kit / "presskit.md").read_text(encoding="utf-8")
    assert "- Trailer: <https://trailer.example-free.ca/t>" in markdown
    assert "**Format:** Example format *(from the kit's owner)*" in markdown.replace("\\", "")


@pytest.mark.slow
def test_zip_writes_the_whole_kit_beside_the_folder_and_replaces_only_its_own(awards, tmp_path) -> None:
    kit = tmp_path / "kit"
    assert awards("presskit", "--no-png", "-o", str(kit), "--zip").exit_code == 0
    archive = tmp_path / "kit.zip"
    with zipfile.ZipFile(archive) as opened:
        names = sorted(opened.namelist())
        assert opened.read("kit/factsheet.pdf") == (kit / "factsheet.pdf").read_bytes()
    written = sorted(f"kit/{p.relative_to(kit).as_posix()}" for p in kit.rglob("*") if p.is_file())
    assert names == [n for n in written if not n.endswith(".awards-presskit.json")]
    first = archive.read_bytes()
    (kit / "notes.txt").write_text("mine", encoding="utf-8")  # the user's file: kept in the folder, not archived
    result = awards("presskit", "--no-png", "-o", str(kit), "--zip")
    assert result.exit_code == 0 and "the whole kit in" in result.stderr
    assert archive.read_bytes() == first  # the same kit, the same archive, replaced
    other = tmp_path / "other.zip"
    other.write_bytes(b"someone else's archive")
    result = awards("presskit", "--no-png", "-o", str(tmp_path / "kit2"), "--zip", str(other))
    assert result.exit_code == 1 and "was not written by `awards presskit --zip`" in result.stderr
    assert other.read_bytes() == b"someone else's archive" and not (tmp_path / "kit2").exists()


def test_zip_is_never_written_inside_the_kit_folder(awards, tmp_path) -> None:
    kit = tmp_path / "kit"
    result = awards("presskit", "--no-png", "-o", str(kit), "--zip", str(kit / "kit.zip"))
    assert result.exit_code == 1 and "inside the kit folder" in result.stderr
    assert not kit.exists()


@pytest.mark.slow
def test_no_progress_bar_in_a_pipe(awards, tmp_path) -> None:
    result = awards("presskit", "--no-png", "-o", str(tmp_path / "kit"))
    assert result.exit_code == 0
    assert "making the press kit" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("wrote ")  # the summary line


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_bar_on_a_terminal_only() -> None:
    terminal = _Terminal()
    bar = _Progress(terminal)
    assert bar.shown
    for done in range(1, 11):
        bar(done, 10)
    bar.close()
    assert "awards: making the press kit" in terminal.getvalue() and "100%" in terminal.getvalue()
    assert not _Progress(io.StringIO()).shown


def test_the_example_images_are_small_generated_files() -> None:
    """Committed once (scripts/example_images.py), abstract and labelled: never a photograph."""
    folder = REPO / "examples" / "images"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["example-director.png", "example-poster.png", "example-still-1.jpg", "example-still-2.jpg"]
    for path in folder.iterdir():
        assert path.stat().st_size < 60_000 and Image.open(path).format in ("PNG", "JPEG")
    assert (REPO / "scripts" / "example_images.py").is_file()  # the script that made them
