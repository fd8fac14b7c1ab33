"""Typed ORM classes (SQLAlchemy 2.0 declarative) mapped onto the Core tables of `tables`.

Declarative with an imperative table: the columns are defined once, in `tables`; these
classes add typed attributes for code that reads whole records (`conflicts`, tests).
Only that code imports the ORM.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import DeclarativeBase, Mapped

from lasttrain_awards.database import tables


class Base(DeclarativeBase):
    metadata = tables.metadata


class Film(Base):
    __table__ = tables.films

    id: Mapped[str]
    title: Mapped[str]
    year: Mapped[int]
    directors: Mapped[list[str]]
    data_file: Mapped[str]


class FilmFact(Base):
    __table__ = tables.film_facts

    id: Mapped[int]
    film_id: Mapped[str]
    fact: Mapped[str]
    position: Mapped[int]
    value: Mapped[Any]
    source_id: Mapped[str]
    wording: Mapped[str]
    qualifier: Mapped[str | None]


class Award(Base):
    __table__ = tables.awards

    id: Mapped[str]
    film_id: Mapped[str]
    event_id: Mapped[str]
    year: Mapped[int | None]
    edition: Mapped[int | None]
    date: Mapped[str | None]
    category: Mapped[str]
    result: Mapped[str]
    section: Mapped[str | None]
    status: Mapped[str]
    pending: Mapped[bool]
    highlight: Mapped[bool]
    notes: Mapped[str | None]
    resolution: Mapped[str | None]
    data_file: Mapped[str]
    data_path: Mapped[str]
    result_stated: Mapped[bool]
    shared_with: Mapped[str]  # JSON array of titles
    category_aliases: Mapped[str]  # JSON array of names
    inferred: Mapped[str]  # JSON object: field -> reasoning


class Claim(Base):
    __table__ = tables.claims

    id: Mapped[int]
    award_id: Mapped[str]
    source_id: Mapped[str]
    position: Mapped[int]
    wording: Mapped[str]
    year: Mapped[int | None]
    edition: Mapped[int | None]
    date: Mapped[str | None]
    category: Mapped[str | None]
    result: Mapped[str | None]
    translation: Mapped[str | None]
