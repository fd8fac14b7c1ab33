"""The kit as one library call: from the database (and the owner's kit file) to files by name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from lasttrain_awards.database.queries import Filters, film_records, list_awards, one_film, source_refs
from lasttrain_awards.errors import AwardsError
from lasttrain_awards.output.language import N_, Language, language
from lasttrain_awards.output.summary import summary
from lasttrain_awards.output.views import encoded, export_chunks
from lasttrain_awards.presskit.content import ContentError, KitContent, KitData, Picture, kit_content, with_pictures
from lasttrain_awards.presskit.folder import write_folder
from lasttrain_awards.presskit.images import RawImage, prepare_image, read_image
from lasttrain_awards.presskit.kitfile import KitFile, placeholders, read_kit_file
from lasttrain_awards.presskit.laurel import FINISHES, laurel_png, laurel_svg
from lasttrain_awards.presskit.markdown import presskit_markdown
from lasttrain_awards.presskit.page import factsheet_html, presskit_html
from lasttrain_awards.presskit.pdf import PAPERS, factsheet_pdf
from lasttrain_awards.presskit.wording import laurel_filename, laurel_rows

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sqlalchemy import Engine

    from lasttrain_awards.database.queries import AwardRow, SourceRef


NO_MATCH = N_("No accolades match this selection.")
LAUREL_WIDTH = 1200  # pixels: a laurel's PNG, wide enough for a poster's corner at 300 dpi (10 cm)
Progress = Callable[[int, int], None]  # (files made, files in all): called as the kit is made


@dataclass(frozen=True)
class Kit:
    """A whole kit: its files by name (relative to the kit folder), what it holds, and what it
    warns of (the example file's placeholders, the owner's texts a source's replace...)."""

    files: dict[str, bytes]
    accolades: int
    laurels: int
    images: int = 0
    paper: str = "A4"
    pdf_pages: int = 1
    warnings: tuple[str, ...] = ()


class KitWarnings(AwardsError):
    """What the kit warns of, refused (--strict): nothing is written."""

    def __init__(self, warnings: Sequence[str]) -> None:
        super().__init__("; ".join(warnings))
        self.warnings = tuple(warnings)


def placeholder_warnings(kit: KitFile) -> list[str]:
    return [f"{key}: {why}; put your own, or remove it" for key, why in placeholders(kit)]


def kit_files(
    rows: list[AwardRow],
    sources: Mapping[str, SourceRef],
    content: KitContent,
    kit: KitFile | None = None,
    include_unstated: bool = False,
    laurel_width: int | None = LAUREL_WIDTH,
    selection: str | None = None,
    include_weak: bool = False,
    lang: Language | None = None,
    images: Sequence[RawImage] = (),
    paper: str = "a4",
    progress: Progress | None = None,
) -> Kit:
    """Every file of the kit, from rows, sources, content and the owner's image files as read: nothing
    is read here. `selection`: the filters in words, shown on every page when the kit holds part of
    the record; `lang`: the kit's language (English by default; `content` must be in it too);
    `paper`: the fact sheet's (a4 or letter); `progress` is told of every file made."""
    kit = kit or KitFile()
    lang = lang or language()
    said = summary(rows, include_unstated, include_weak, lang)  # active records only: a rescinded win is no win
    full, short = said.full, said.short
    if not rows and selection:
        full = short = lang._(NO_MATCH)
    laurelled = laurel_rows(rows, include_unstated, include_weak)
    finishes = len(FINISHES) * len(laurelled)
    total = len(images) + 6 + finishes * (2 if laurel_width is not None else 1)
    made = 0

    def step(count: int = 1) -> None:
        nonlocal made
        made += count
        if progress is not None:
            progress(made, total)

    pictures: dict[str, Picture] = {}
    image_files: dict[str, bytes] = {}
    for raw in images:  # checked first: a bad image stops the kit before anything slow
        pictures[raw.ref.key], files_of = prepare_image(raw)
        image_files |= files_of
        step()
    content = with_pictures(content, kit, pictures)
    data = KitData(rows, full, sources, content, include_unstated, kit.highlights, selection, include_weak, short, lang)
    kit_name = Path(kit.path).name if kit.path else None
    files = {
        "presskit.html": presskit_html(data, kit_name),
        "presskit.md": presskit_markdown(data),
        "factsheet.html": factsheet_html(data, kit_name, PAPERS[paper]),
    }
    step(3)
    sheet = factsheet_pdf(data, paper, kit_name)
    step()
    warnings = [f"{key}: not shown, since a source states it (the kit shows the sources')" for key in content.set_aside]
    if sheet.pages > 1:
        warnings.append(f"factsheet.pdf: the fact sheet runs to {sheet.pages} pages, even set small")
    if sheet.missing:
        lacking = " ".join(f"U+{ord(c):04X}" for c in sorted(sheet.missing))
        warnings.append(f"factsheet.pdf: no bundled font draws {lacking}; printed as the replacement character")
    # laurels/<id>.svg in the kit's colours, laurels/<finish>/<id>.svg in one colour for print
    laurels = {
        ("laurels/" if finish == "color" else f"laurels/{finish}/") + laurel_filename(row).removesuffix(".svg"): (
            row,
            finish,
        )
        for finish in FINISHES
        for row in laurelled
    }
    files |= {f"{stem}.svg": laurel_svg(row, finish, lang) for stem, (row, finish) in laurels.items()}
    step(len(laurels))
    encoded_files = {name: text.encode("utf-8") for name, text in files.items()}
    encoded_files["factsheet.pdf"] = sheet.data
    encoded_files["accolades.csv"] = b"".join(encoded(export_chunks(rows, "csv", urls=True), excel=True))
    step()
    if laurel_width is not None:  # a PNG beside every SVG laurel, rendered from it
        for stem, (row, finish) in laurels.items():
            encoded_files[f"{stem}.png"] = laurel_png(row, finish, laurel_width, lang)
            step()
    encoded_files |= image_files
    return Kit(
        encoded_files,
        accolades=len(rows),
        laurels=len(laurelled),
        images=len(pictures),
        paper=sheet.paper,
        pdf_pages=sheet.pages,
        warnings=tuple(warnings),
    )


def build_kit(
    engine: Engine,
    filters: Filters | None = None,
    kit_path: Path | None = None,
    include_unstated: bool = False,
    laurel_width: int | None = LAUREL_WIDTH,
    include_weak: bool = False,
    lang: str = "en",
    paper: str = "a4",
    strict: bool = False,
    progress: Progress | None = None,
) -> Kit:
    """The kit of one film for the accolades `filters` select, with the owner's kit file when given,
    in the language `lang` ("en" or "fr": output/language.py's LANGUAGES).

    A kit speaks of one film: the one the data holds, or the one `--film` (or the kit file's `film`)
    names; with several films and none named, UsageProblem lists them. The kit's warnings (the
    example file's placeholders first) are in `Kit.warnings`; with `strict`, KitWarnings instead.
    """
    filters = filters or Filters()
    words = language(lang)
    kit = read_kit_file(kit_path) if kit_path is not None else KitFile()
    early = placeholder_warnings(kit)
    if strict and early:  # before anything slow
        raise KitWarnings(early)
    images = [read_image(ref) for ref in kit.images]
    selection = selection_words(replace(filters, films=()), words)  # the kit is of one film: what else selects
    films = film_records(engine)
    if films:
        film_id = _the_film(engine, filters, kit, {f.id for f in films})
        films = [f for f in films if f.id == film_id]
        filters = replace(filters, films=(film_id,))
    sources = source_refs(engine)
    content = kit_content(films, kit, words, sources)
    if kit.highlights is not None:  # a record the filters leave out is skipped; one that gets no laurel is an error
        every = list_awards(engine, Filters(status=None, films=filters.films))
        known = {row.id for row in laurel_rows(every, include_unstated, include_weak)}
        unknown = [record_id for record_id in kit.highlights if record_id not in known]
        if unknown:
            raise ContentError(
                f"no laurel is drawn for {', '.join(unknown)} (unknown, or not a win, mention or selection)",
                "highlights",
            )
    rows = list_awards(engine, filters)
    made = kit_files(
        rows,
        sources,
        content,
        kit,
        include_unstated,
        laurel_width,
        selection,
        include_weak=include_weak,
        lang=words,
        images=images,
        paper=paper,
        progress=progress,
    )
    warnings = (*early, *made.warnings)
    if strict and warnings:
        raise KitWarnings(warnings)
    return replace(made, warnings=warnings)


def selection_words(filters: Filters, lang: Language) -> str | None:
    """The filters in the kit's words ("from 2009; won"), None when nothing is filtered out (as
    Filters.describe words them for the command line, in English)."""
    from lasttrain_awards.presskit.wording import LEGEND_LABELS

    parts = [", ".join(map(str, filters.years))] if filters.years else []
    parts += [lang._("from {year}").format(year=filters.since)] if filters.since is not None else []
    parts += [lang._("until {year}").format(year=filters.until)] if filters.until is not None else []
    parts += [lang._("events matching “{name}”").format(name=filters.event)] if filters.event else []
    if filters.result:
        parts.append(
            lang._(LEGEND_LABELS[filters.result]).lower() if filters.result in LEGEND_LABELS else filters.result
        )
    parts += [lang._("country: {country}").format(country=lang.country(filters.country))] if filters.country else []
    parts += [lang._("undated only")] if filters.undated else []
    if filters.status != "active":
        parts.append(lang._("status: {status}").format(status=filters.status or lang._("any")))
    return lang._("; ").join(parts) or None


def _the_film(engine: Engine, filters: Filters, kit: KitFile, known: set[str]) -> str:
    """The film the kit is of: named by --film, else by the kit file, else the only one."""
    if kit.film is not None and kit.film not in known:
        raise ContentError(f"the kit file names film {kit.film!r}, which the data does not hold", "film")
    film_id = one_film(engine, filters if filters.films or kit.film is None else replace(filters, films=(kit.film,)))
    if kit.film is not None and film_id != kit.film:
        raise ContentError(f"the kit file names film {kit.film!r}, and --film names {film_id!r}", "film")
    return film_id


def write_kit(directory: Path, kit: Kit, data_dir: Path | None = None) -> list[Path]:
    """Write the kit into `directory` as one unit (see folder.py); return the paths written.

    Files of an earlier kit that this one does not make (another filter, a record since removed) are
    gone; files the tool never wrote stay, untouched. Never inside (or over) `data_dir`, the dataset.
    """
    return write_folder(directory, kit.files, keep_out=[data_dir] if data_dir is not None else [])
