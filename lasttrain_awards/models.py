"""The relational model (SQLAlchemy 2.0 declarative, typed), portable between SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints keep the generated DDL stable and readable on every backend.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Film(Base):
    __tablename__ = "films"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    year: Mapped[int] = mapped_column(Integer)
    directors: Mapped[list[str]] = mapped_column(JSON)
    data_file: Mapped[str] = mapped_column(Text)


class FilmFact(Base):
    """One source's value for one fact about a film."""

    __tablename__ = "film_facts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    film_id: Mapped[str] = mapped_column(ForeignKey("films.id"), index=True)
    fact: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(Integer)
    value: Mapped[Any] = mapped_column(JSON)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    wording: Mapped[str] = mapped_column(Text)
    qualifier: Mapped[str | None] = mapped_column(Text)


class Source(Base):
    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    publisher: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))
    url: Mapped[str | None] = mapped_column(Text)
    file: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10))
    retrieved: Mapped[str | None] = mapped_column(String(10))
    quotation: Mapped[str] = mapped_column(String(20))
    notes: Mapped[str | None] = mapped_column(Text)
    data_file: Mapped[str] = mapped_column(Text)


class Event(Base):
    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))
    city: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    year_basis: Mapped[str] = mapped_column(String(20))
    years_without_edition: Mapped[list[int]] = mapped_column(JSON)
    notes: Mapped[str | None] = mapped_column(Text)
    data_file: Mapped[str] = mapped_column(Text)


class EventName(Base):
    """Every name an event answers to (id, name, aliases), with a case-folded key for searching."""

    __tablename__ = "event_names"
    __table_args__ = (UniqueConstraint("event_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), index=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(10))  # id | name | alias
    search_key: Mapped[str] = mapped_column(Text, index=True)


class EditionAnchor(Base):
    """A known edition: edition N of the event belongs to year Y, as a source states."""

    __tablename__ = "edition_anchors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), index=True)
    edition: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))


class Award(Base):
    __tablename__ = "awards"
    __table_args__ = (Index("ix_awards_year_date", "year", "date"),)

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    film_id: Mapped[str] = mapped_column(ForeignKey("films.id"), index=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    edition: Mapped[int | None] = mapped_column(Integer)
    date: Mapped[str | None] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(Text)
    result: Mapped[str] = mapped_column(String(20), index=True)
    section: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), index=True)
    pending: Mapped[bool] = mapped_column(Boolean)
    highlight: Mapped[bool] = mapped_column(Boolean)
    notes: Mapped[str | None] = mapped_column(Text)
    resolution: Mapped[str | None] = mapped_column(Text)
    data_file: Mapped[str] = mapped_column(Text)
    data_path: Mapped[str] = mapped_column(Text)


class Claim(Base):
    """What one source says of one award record, in its own words."""

    __tablename__ = "claims"
    __table_args__ = (UniqueConstraint("award_id", "source_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    award_id: Mapped[str] = mapped_column(ForeignKey("awards.id"), index=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    wording: Mapped[str] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(Integer)
    edition: Mapped[int | None] = mapped_column(Integer)
    date: Mapped[str | None] = mapped_column(String(10))
    category: Mapped[str | None] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(String(20))


class Recipient(Base):
    __tablename__ = "recipients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    award_id: Mapped[str] = mapped_column(ForeignKey("awards.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)


class Metadata(Base):
    """Facts about the build: the fingerprint of the data it came from, when, by which version."""

    __tablename__ = "metadata"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
