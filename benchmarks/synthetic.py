"""Deterministic synthetic datasets in the project's own layout and schema.

For the benchmarks and the reliability tests: many films, events and sources, every
field kind, text in several scripts, and every record valid under every rule (so a
load does all its work). The same arguments always give the same files.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

CATEGORIES = [
    "Best Documentary",
    "Grand Jury Prize",
    "Audience Award",
    "Best Cinematography",
    "Prix du public",
    "Meilleur documentaire",
    "最佳纪录片",
    "Special Jury Mention",
    "جائزة لجنة التحكيم",
    "Best Editing",
    "Golden Gate Award, Investigative Documentary Feature",
]
PEOPLE = [
    "Lixin Fan",
    "Mila Aung-Thwin",
    "Daniel Cross",
    "Zhao Qi",
    "Olivier Alary",
    "Mary Stephen",
    "Chloé Zhao",
    "José Padilha",
    "Agnès Varda",
    "Dziga Vertov",
    "김기덕",
    "Ана Петрова",
]
CITIES = [
    ("Amsterdam", "NL"),
    ("Montréal", "CA"),
    ("San Francisco", "US"),
    ("Busan", "KR"),
    ("Berlin", "DE"),
    ("Abu Dhabi", "AE"),
    ("Yamagata", "JP"),
    ("Leipzig", "DE"),
    ("Toronto", "CA"),
    ("Sheffield", "GB"),
]
RESULTS = ["won", "won", "nominated", "selected", "special-mention"]
KINDS = ["film-festival", "awards-ceremony", "critics-association", "guild-awards", "television-awards"]


def _dump(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def generate(target: Path, records: int, *, seed: int = 0, variant: str = "", per_file: int = 200) -> dict[str, int]:
    """Write a dataset of `records` award records under `target`; return what it holds.

    `variant` is appended to every category, so two variants differ in every record.
    """
    rng = random.Random(seed)
    n_events = max(1, -(-records // per_file))
    n_films = max(1, records // 1000)
    n_sources = max(2, min(200, records // 100))
    sources = [f"source-{i:04d}" for i in range(n_sources)]
    for i, source in enumerate(sources):
        _dump(
            target / "sources" / f"{source}.json",
            {
                "id": source,
                "title": f"Synthetic source {i}",
                "publisher": f"Publisher {i % 17}",
                "kind": "press",
                "url": f"https://example.org/{source}",
                "published": f"{2000 + i % 20}",
                "retrieved": "2026-11-01",
                "quoted_in": [{"note": "synthetic-notes.md", "section": f"Source {i}"}],  # fictional
            },
        )
    films = []
    for i in range(n_films):
        year = 1995 + (i * 7) % 30  # 1995, 2002, 2009, …: every size has records in 2010
        films.append((f"film-{i:04d}", year))
        _dump(
            target / "films" / f"film-{i:04d}.json",
            {
                "id": f"film-{i:04d}",
                "title": f"Synthetic Film {i}",
                "year": year,
                "directors": [PEOPLE[i % len(PEOPLE)]],
                "facts": {
                    "year": [{"value": year, "source": sources[0], "wording": f"a {year} documentary"}],
                    "runtime_minutes": [
                        {"value": 80 + i % 40, "source": sources[1], "wording": f"{80 + i % 40} minutes"}
                    ],
                },
            },
        )
    written = 0
    for e in range(n_events):
        event_id, base_year = f"event-{e:04d}", 1970 + e % 20  # before the first film (1990)
        city, country = CITIES[e % len(CITIES)]
        _dump(
            target / "events" / f"{event_id}.json",
            {
                "id": event_id,
                "name": f"Synthetic Festival {e} {city}",
                "aliases": [f"SF{e}"],
                "kind": KINDS[e % len(KINDS)],
                "city": city,
                "country": country,
                "place_sources": [{"source": sources[e % n_sources], "wording": f"held in {city}", "city": city}],
                "inferred": [{"field": "country", "reasoning": f"{city} is in the country coded {country}."}],
                "year_basis": "ceremony",
                "editions": [{"edition": 1, "year": base_year, "source": sources[e % n_sources]}],
            },
        )
        batch = []
        for k in range(min(per_file, records - written)):
            film_id, film_year = films[rng.randrange(n_films)]
            year = min(2025, film_year + rng.randrange(4))
            result = rng.choice(RESULTS)
            cited = rng.sample(sources, k=min(len(sources), 1 + rng.randrange(3)))
            record: dict[str, Any] = {
                "id": f"{event_id}-{k:05d}",
                "film": film_id,
                "event": event_id,
                "year": year,
                "edition": year - base_year + 1,
                "date": f"{year}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}",
                "category": f"{rng.choice(CATEGORIES)} {k}{variant}",
                "result": result,
            }
            if rng.random() < 0.3:
                record["section"] = "Competition"
            if rng.random() < 0.5:
                record["recipients"] = [{"name": rng.choice(PEOPLE), "role": "director"}]
            if rng.random() < 0.2:
                record["notes"] = "Synthetic record — «quoted» text, 归途列车, emoji 🎬."
            undated = rng.random() < 0.03  # as in real data: some records no source dates
            if undated:
                for field in ("year", "edition", "date"):
                    del record[field]
            elif result in ("nominated", "selected") and rng.random() < 0.01:
                record |= {"year": 2030, "edition": 2030 - base_year + 1, "date": "2030-03-01", "pending": True}
            record["claims"] = [
                {
                    "source": s,
                    "wording": f"{record.get('year', 'undated')}: {result} {record['category']}",
                    **({"year": record["year"]} if "year" in record else {}),
                    **({"result": result} if j == 0 else {}),
                }
                for j, s in enumerate(cited)
            ]
            batch.append(record)
        _dump(target / "awards" / f"{event_id}.json", batch)
        written += len(batch)
    return {"records": written, "events": n_events, "films": n_films, "sources": n_sources}
