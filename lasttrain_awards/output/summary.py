"""The press-kit sentence, derived from the data so marketing copy cannot drift from the facts.

Only wins that a source states count by default: a prize read from a list of laurels, which
no source says was won, is not a win to advertise. `include_unstated` counts them too, and
the sentence then says how many of its wins rest on laurels alone.
"""

from __future__ import annotations

from lasttrain_awards.accolades import counted, is_official_selection
from lasttrain_awards.database.queries import INFERRED, AwardRow


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _when(row: AwardRow) -> str:
    """ " (2010)", " (2010, year inferred)" or nothing."""
    if row.year is None:
        return ""
    return f" ({row.year}, year {INFERRED})" if "year" in row.inferred else f" ({row.year})"


def _accolade(row: AwardRow) -> str:
    when = _when(row)
    shared = f", shared with {_join(row.shared_with)}" if row.shared_with else ""
    return f"{row.category} at the {row.event}{when}{shared}"


def _places(rows: list[AwardRow]) -> str:
    """ "the IDFA (2009), the Hot Docs (2010, year inferred) and the CNEX" """
    return _join([f"the {r.event}{_when(r)}" for r in rows])


def _highlights(rows: list[AwardRow]) -> list[AwardRow]:
    return [r for r in rows if r.highlight]


def summary_sentence(rows: list[AwardRow], include_unstated: bool = False) -> str:
    """ "Winner of N awards, including …; nominated for …; official selection at …." from active records.

    Records marked `highlight` are the ones named; counts include every counted record.
    """
    rows = counted(rows, include_unstated)
    wins = [r for r in rows if r.result == "won"]
    nominations = [r for r in rows if r.result == "nominated"]
    mentions = [r for r in rows if r.result == "special-mention"]
    selections = [r for r in rows if r.result == "selected"]
    parts: list[str] = []
    if wins:
        part = f"Winner of {len(wins)} award{'s' if len(wins) != 1 else ''}"
        laurels_only = sum(1 for r in wins if not r.result_stated)
        if laurels_only:
            part += f" ({laurels_only} of them on award laurels alone: no source states the result)"
        named = _highlights(wins)
        if named:
            part += ", including " + _join([_accolade(r) for r in named])
        parts.append(part)
    if nominations:
        named = _highlights(nominations) or nominations
        extra = f" ({len(nominations)} nominations in all)" if len(named) < len(nominations) else ""
        parts.append("nominated for " + _join([_accolade(r) for r in named]) + extra)
    if mentions:
        parts.append(f"special mention{'s' if len(mentions) > 1 else ''} at {_places(mentions)}")
    official = [r for r in selections if is_official_selection(r)]
    if official:
        parts.append(f"official selection at {_places(official)}")
    by_category: dict[str, list[AwardRow]] = {}
    for r in selections:
        if not is_official_selection(r):  # worded by its category: "festival screenings at …"
            by_category.setdefault(r.category, []).append(r)
    for category, group in by_category.items():
        plural = "s" if len(group) > 1 and category[-1:].isalpha() else ""
        parts.append(f"{category[:1].lower()}{category[1:]}{plural} at {_places(group)}")
    if not parts:
        return "No accolades recorded."
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."
