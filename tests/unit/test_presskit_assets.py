"""The owner's assets in the library: images checked and copied (Pillow), the kit file's new keys (a
password refused, the example's placeholders found), and the director's and the specs' lines, sourced
first. Every image is made here with Pillow, abstract and fictional; every film and person is fictional
(tests/commands/test_presskit_assets.py drives the same through `awards presskit`)."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from lasttrain_awards.database.queries import FilmRecord
from lasttrain_awards.presskit.content import ContentError, kit_content
from lasttrain_awards.presskit.images import MAX_SIDE, MIN_SIDE, WEB_SIDE, RawImage, prepare_image, read_image
from lasttrain_awards.presskit.kitfile import Director, ImageRef, KitFile, KitFileError, placeholders, read_kit_file
from tests.builders import film_statement as statement


def picture_bytes(size: tuple[int, int] = (800, 600), kind: str = "PNG", mode: str = "RGB", **options: object) -> bytes:
    """A fictional abstract image: two colours, no one in it."""
    image = Image.new(mode, size, "#3d5a80" if mode == "RGB" else (61, 90, 128, 128))
    image.paste("#c9a227", (0, 0, size[0] // 2, size[1] // 2))
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def ref(tmp_path: Path, name: str, data: bytes | None, key: str = "poster") -> ImageRef:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    return ImageRef(key, name, path, "Example credit", "Example caption")


# --- images ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["PNG", "JPEG", "WEBP"])
def test_an_image_is_kept_whole_for_print_with_a_web_copy(tmp_path: Path, kind: str) -> None:
    data = picture_bytes((2400, 1600), kind)
    picture, files = prepare_image(read_image(ref(tmp_path, f"still.{kind.lower()}", data, "stills[1]")))
    original = f"images/original/still-02.{ {'JPEG': 'jpg'}.get(kind, kind.lower()) }"
    assert (picture.web, picture.original) == ("images/still-02.jpg", original)
    assert files[original] == data  # byte for byte
    web = Image.open(io.BytesIO(files[picture.web]))
    assert web.format == "JPEG" and max(web.size) == WEB_SIDE and web.size == (picture.width, picture.height)
    assert picture.original_size == (2400, 1600) and picture.credit == "Example credit"


def test_a_small_image_is_never_enlarged_and_transparency_stays_png(tmp_path: Path) -> None:
    data = picture_bytes((400, 300), "PNG", mode="RGBA")
    picture, files = prepare_image(read_image(ref(tmp_path, "poster.png", data)))
    assert picture.web == "images/poster.png" and (picture.width, picture.height) == (400, 300)
    assert Image.open(io.BytesIO(files[picture.web])).mode == "RGBA"


def test_the_web_copy_is_upright_and_says_nothing_of_the_camera(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to show
    exif[0x010F] = "Example Camera Maker"
    data = picture_bytes((900, 600), "JPEG", exif=exif.tobytes())
    picture, files = prepare_image(read_image(ref(tmp_path, "still.jpg", data, "stills[0]")))
    web = Image.open(io.BytesIO(files[picture.web]))
    assert web.size == (600, 900)  # turned upright
    assert not web.getexif() and b"Example Camera Maker" not in files[picture.web]
    assert b"Example Camera Maker" in files[picture.original]  # the owner's original, as given


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("missing.png", None, "no such file"),
        ("notes.png", b"these are not pixels\n", "not an image"),
        ("cut.jpg", picture_bytes((800, 600), "JPEG")[:2000], "damaged or unreadable"),
        ("anim.gif", picture_bytes((800, 600), "GIF"), "a GIF image; the kit takes JPEG, PNG or WebP"),
        ("tiny.png", picture_bytes((MIN_SIDE - 1, 300)), f"at least {MIN_SIDE} pixels a side"),
        ("band.png", picture_bytes((MAX_SIDE + 1, MIN_SIDE)), f"at most {MAX_SIDE} pixels a side"),
    ],
)
def test_a_bad_image_is_an_error_naming_the_key_and_the_path(
    tmp_path: Path, name: str, data: bytes | None, message: str
) -> None:
    with pytest.raises(ContentError) as caught:
        prepare_image(read_image(ref(tmp_path, name, data, "stills[2]")))
    assert caught.value.key == "stills[2].file"
    assert name in str(caught.value) and message in str(caught.value)


def test_a_folder_is_not_an_image(tmp_path: Path) -> None:
    (tmp_path / "folder.png").mkdir()
    with pytest.raises(ContentError, match="not a file"):
        read_image(ref(tmp_path, "folder.png", None, "director.photo"))


@pytest.mark.parametrize("side", [MAX_SIDE, 20_000])
def test_an_image_whose_header_claims_a_huge_size_is_refused_before_decoding(tmp_path: Path, side: int) -> None:
    """A decompression bomb: a tiny PNG whose header says it is `side` pixels square (never decoded)."""
    data = bytearray(picture_bytes((MIN_SIDE, MIN_SIDE)))
    data[16:24] = struct.pack(">II", side, side)  # the IHDR chunk's width and height...
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))  # ...and its checksum
    with pytest.raises(ContentError, match="megapixels"):
        prepare_image(RawImage(ref(tmp_path, "bomb.png", bytes(data)), bytes(data)))


# --- the kit file --------------------------------------------------------------------------------


def kit_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "presskit.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_images_are_read_relative_to_the_kit_file(tmp_path: Path) -> None:
    (tmp_path / "art").mkdir()
    path = kit_file(
        tmp_path,
        '[poster]\nfile = "art/poster.png"\ncredit = "Example Studio"\n'
        '[[stills]]\nfile = "art/s.jpg"\ncaption = "Example scene"\ncredit = "Example Studio"\n'
        '[director.photo]\nfile = "art/d.png"\ncredit = "Photo: Example Person"\n',
    )
    kit = read_kit_file(path)
    assert [(i.key, i.path) for i in kit.images] == [
        ("poster", tmp_path / "art/poster.png"),
        ("stills[0]", tmp_path / "art/s.jpg"),
        ("director.photo", tmp_path / "art/d.png"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        '[stills]\nfile = "s.jpg"\ncredit = "Example"\n',  # stills are a list
        '[[stills]]\nfile = "s.jpg"\ncredit = "Example"\n',  # a still needs a caption
        '[poster]\nfile = "p.png"\n',  # every image needs a credit
        '[poster]\nfile = "/etc/p.png"\ncredit = "Example"\n',  # paths are relative to the kit file
        '[specs]\nframe_rate = "24"\n',  # no such spec
        'trailer = "ftp://example.invalid/t"\n',
    ],
)
def test_the_new_keys_are_validated(tmp_path: Path, text: str) -> None:
    with pytest.raises(KitFileError):
        read_kit_file(kit_file(tmp_path, text))


@pytest.mark.parametrize(
    "text", ['[screener]\nurl = "https://example.invalid/s"\npassword = "hunter2"\n', 'screener_password = "x"\n']
)
def test_a_password_is_refused_with_the_reason(tmp_path: Path, text: str) -> None:
    with pytest.raises(KitFileError) as caught:
        read_kit_file(kit_file(tmp_path, text))
    message = str(caught.value)
    assert "password" in message and "never written into the kit" in message
    assert "hunter2" not in message and 'x"' not in message


def test_the_example_files_placeholders_are_found(tmp_path: Path) -> None:
    kit = read_kit_file(
        kit_file(
            tmp_path,
            '[[contact]]\nname = "Your Name"\nemail = "press@example.org"\nphone = "+1 555 0142"\n'
            '[[contact]]\nname = "Ana Example-Free"\nemail = "ana@real-studio.ca"\nphone = "+1 514 555 2368"\n'
            '[[sales]]\nname = "Sales Agent Name"\nurl = "https://films.example.com/x"\n',
        )
    )
    assert [key for key, _ in placeholders(kit)] == [
        "contact[0].name",
        "contact[0].email",
        "contact[0].phone",
        "sales[0].name",
        "sales[0].url",
    ]
    assert placeholders(KitFile()) == []


# --- the director and the specs: sourced first -------------------------------------------------------


FILM = FilmRecord(
    "example-film",
    "An Example Film",
    2019,
    ["Ana Example"],
    [
        statement("runtime_minutes", 91, "encyclopedia"),
        statement("subtitles", ["English"], "dvd-shop", "the DVD release"),
        statement("premieres", {"kind": "World", "event": "Example Fest", "year": 2019}, "festival"),
        statement("premieres", {"kind": "World", "event": "Example Fest", "year": 2019}, "newspaper"),
        statement("premieres", {"kind": "European", "event": "Other Fest"}, "newspaper", "announced"),
        statement("director_biography", "Ana Example makes example films.", "festival"),
        statement(
            "director_filmography",
            [{"title": "Later Film", "year": 2022, "role": "director"}, {"title": "An Example Film", "year": 2019}],
            "festival",
        ),
        statement("director_filmography", [{"title": "Untitled Short", "role": "editor"}], "funder"),
        statement("director_filmography", [{"title": "later film", "role": "director"}], "funder"),
    ],
)


def test_sourced_people_and_specs_come_first_and_the_owners_only_where_none_is_stated() -> None:
    kit = KitFile(
        specs={"running_time": "93 minutes", "subtitles": "English, French", "format": "DCP", "premiere": "Somewhere"},
    )
    kit = kit.__class__(
        **{**kit.__dict__, "director": kit.director.__class__(biography="Mine.", statement="My words.")}
    )
    content = kit_content([FILM], kit)
    facts = {line.label: line for line in content.facts}
    assert facts["Running time"].value == "91 minutes" and not facts["Running time"].by_owner
    specs = {line.label: line for line in content.specs}
    assert (specs["World premiere"].value, specs["World premiere"].source_ids) == (
        "Example Fest 2019",
        ("festival", "newspaper"),
    )
    assert (specs["European premiere"].value, specs["European premiere"].note) == ("Other Fest", "announced")
    # only the DVD's subtitles are stated (of something else): the owner's value is the film's, theirs follows
    assert specs["Subtitles"].by_owner and specs["Subtitles"].value == "English, French"
    assert [(o.text, o.note) for o in specs["Subtitles"].others] == [("English", "the DVD release")]
    assert specs["Format"].by_owner and specs["Format"].value == "DCP"
    assert content.biography is not None and content.biography.source_id == "festival"
    assert content.statement is not None and content.statement.source_id is None  # no source has one
    assert [(f.label, f.value, f.source_ids) for f in content.filmography] == [
        ("An Example Film", "2019", ("festival",)),
        ("Later Film", "2022, director", ("festival", "funder")),  # one film, both sources
        ("Untitled Short", "editor", ("funder",)),
    ]
    assert set(content.set_aside) == {"specs.running_time", "specs.premiere", "director.biography"}
    assert "funder" in content.cited() and "funder" not in content.cited(people=False)  # the fact sheet has no people


def test_without_a_film_the_owners_people_and_specs_stand_marked_as_theirs() -> None:
    kit = KitFile(
        specs={"running_time": "93 minutes", "sound": "Stereo"}, director=Director(filmography=("A Short (2015)",))
    )
    content = kit_content([], kit)
    assert [(line.label, line.by_owner) for line in (*content.facts, *content.specs)] == [
        ("Running time", True),
        ("Sound", True),
    ]
    assert [(f.label, f.by_owner) for f in content.filmography] == [("A Short (2015)", True)]
