"""The press-kit sentence, derived from the data so marketing copy cannot drift from the facts.

Only wins that the awarding body, the press or the film's makers or funders state count by default
(accolades.counted): a prize read from a list of laurels, which no source says was won, or a win that
only an encyclopedia or a blog states, is not a win to advertise. `include_weak` counts the second
kind too, `include_unstated` both, and the sentence then says how many of its wins rest on what.

Events are named as a sentence names them: `name_in_sentence` from the data ("the Sundance Film
Festival", "Full Frame"), else the name with no article ("Hot Docs"). In French, whose articles
contract ("au", "aux") and whose festivals' names stay in their own language, the sentence names each
event in parentheses after the category, with no article at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from lasttrain_awards.accolades import counted, is_official_selection, weakly_stated
from lasttrain_awards.database.queries import AwardRow
from lasttrain_awards.output.language import Language, language


def _names(row: AwardRow) -> dict[str, object]:
    """What a message may name of the row's event: the name, the name in a sentence, the year."""
    return {"event": row.event, "event_in_sentence": row.event_in_sentence or row.event, "year": row.year}


def _place(row: AwardRow, lang: Language) -> str:
    """ "the IDFA (2009)", "Hot Docs (2010, year inferred)" or "the CNEX Documentary Film Festival"."""
    if row.year is None:
        return lang._("{event_in_sentence}").format(**_names(row))
    if "year" in row.inferred:
        return lang._("{event_in_sentence} ({year}, year inferred)").format(**_names(row))
    return lang._("{event_in_sentence} ({year})").format(**_names(row))


def _accolade(row: AwardRow, lang: Language) -> str:
    """ "Best Documentary at the IDFA (2009), shared with …" """
    names = _names(row) | {"category": row.category}
    if row.year is None:
        text = lang._("{category} at {event_in_sentence}").format(**names)
    elif "year" in row.inferred:
        text = lang._("{category} at {event_in_sentence} ({year}, year inferred)").format(**names)
    else:
        text = lang._("{category} at {event_in_sentence} ({year})").format(**names)
    if row.shared_with:
        text += lang._(", shared with {works}").format(works=lang.join(row.shared_with))
    return text


def _places(rows: list[AwardRow], lang: Language) -> str:
    return lang.join([_place(r, lang) for r in rows])


def _highlights(rows: list[AwardRow]) -> list[AwardRow]:
    return [r for r in rows if r.highlight]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Summary:
    """The sentence in full, and its short form: the top honours (the first part: the wins and the
    highlighted ones among them), for a page's head."""

    full: str
    short: str


def _wins_part(wins: list[AwardRow], lang: Language) -> str:
    part = lang.ngettext("Winner of {n} award", "Winner of {n} awards", len(wins)).format(n=len(wins))
    notes = []
    weak = sum(1 for r in wins if weakly_stated(r))
    if weak:
        notes.append(
            lang.ngettext(
                "{n} of them stated only by an encyclopedia, a catalogue, a blog or the like",
                "{n} of them stated only by encyclopedias, catalogues, blogs or the like",
                weak,
            ).format(n=weak)
        )
    laurels_only = sum(1 for r in wins if not r.result_stated)
    if laurels_only:
        notes.append(lang._("{n} of them on award laurels alone: no source states the result").format(n=laurels_only))
    if notes:
        part += " (" + lang._("; ").join(notes) + ")"
    named = _highlights(wins)
    if named:
        part += lang._(", including {accolades}").format(accolades=lang.join([_accolade(r, lang) for r in named]))
    return part


def summary(
    rows: list[AwardRow], include_unstated: bool = False, include_weak: bool = False, lang: Language | None = None
) -> Summary:
    """The sentence ("Winner of N awards, including …; nominated for …; official selection at ….") and
    its short form, from active records. Records marked `highlight` are the ones named; counts include
    every counted record."""
    lang = lang or language()
    rows = counted(rows, include_unstated, include_weak)
    wins = [r for r in rows if r.result == "won"]
    nominations = [r for r in rows if r.result == "nominated"]
    mentions = [r for r in rows if r.result == "special-mention"]
    selections = [r for r in rows if r.result == "selected"]
    parts: list[str] = []
    if wins:
        parts.append(_wins_part(wins, lang))
    if nominations:
        named = _highlights(nominations) or nominations
        part = lang._("nominated for {accolades}").format(accolades=lang.join([_accolade(r, lang) for r in named]))
        if len(named) < len(nominations):
            part += lang._(" ({n} nominations in all)").format(n=len(nominations))
        parts.append(part)
    if mentions:
        parts.append(
            lang.ngettext("special mention at {places}", "special mentions at {places}", len(mentions)).format(
                places=_places(mentions, lang)
            )
        )
    official = [r for r in selections if is_official_selection(r)]
    if official:
        parts.append(lang._("official selection at {places}").format(places=_places(official, lang)))
    by_category: dict[str, list[AwardRow]] = {}
    for r in selections:
        if not is_official_selection(r):  # worded by its category: "festival screenings at …"
            by_category.setdefault(r.category, []).append(r)
    for category, group in by_category.items():
        plural = "s" if len(group) > 1 and category[-1:].isalpha() and lang.code == "en" else ""
        worded = f"{category[:1].lower()}{category[1:]}{plural}"
        parts.append(lang._("{category} at {places}").format(category=worded, places=_places(group, lang)))
    if not parts:
        text = lang._("No accolades recorded.")
        return Summary(text, text)
    end = lang._(".")
    return Summary(_capital(lang._("; ").join(parts)) + end, _capital(parts[0]) + end)


def summary_sentence(rows: list[AwardRow], include_unstated: bool = False, include_weak: bool = False) -> str:
    """The sentence in English, in full: what `awards summary` prints and the README quotes."""
    return summary(rows, include_unstated, include_weak).full
