"""The language an output speaks: the tool's own words through gettext catalogues, and dates,
countries, ordinals and sums of money in words, through Babel (CLDR's data).

English is the default and the language of the source code: its messages are the catalogue's msgids,
so English needs no catalogue. Another language's words are in `locale/<code>/LC_MESSAGES/messages.mo`,
compiled from the `.po` beside it (docs/presskit.md, "Translating the kit", says how to re-extract
and compile them). The sources' own words are never translated here: only what the tool writes.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from lasttrain_awards.defaults import KIT_LANGUAGES

LANGUAGES: tuple[str, ...] = KIT_LANGUAGES  # English first: the default
DOMAIN = "messages"
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def N_(message: str) -> str:
    """Marks a message for extraction (pybabel's default keywords include N_) and returns it as it is:
    the caller translates it where the language is known."""
    return message


@dataclass(frozen=True)
class Language:
    """One language's words and formats. `code` is a BCP 47 tag ("en", "fr"), for `lang` attributes."""

    code: str
    translations: gettext.NullTranslations

    def _(self, message: str) -> str:
        """The message in this language (as it is when the catalogue has no translation for it)."""
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def date(self, value: str | None) -> str:
        """A partial date in words: "6 December 2009", "April 2010", "2010" (fr: "6 décembre 2009"). Text
        that is not a date is given back as it is."""
        from babel.dates import format_date

        if not value:
            return ""
        found = PARTIAL_DATE.match(value)
        if found is None:
            return value
        year, month, day = found.groups()
        try:
            if day:
                return format_date(date(int(year), int(month), int(day)), "d MMMM y", locale=self.code)
            if month:
                return format_date(date(int(year), int(month), 1), "LLLL y", locale=self.code)
        except ValueError:  # not a real day (2010-02-30): as it is
            return value
        return year

    def country(self, code: str | None) -> str:
        """A country's name from its ISO 3166-1 code ("NL": "Netherlands", fr "Pays-Bas"); an unknown
        code as it is."""
        from babel import Locale

        if not code:
            return ""
        return str(Locale.parse(self.code).territories.get(code.upper(), code))

    def place(self, city: str | None, country: str | None) -> str:
        """ "Amsterdam, Netherlands"; the country alone where its name holds the city's ("Hong Kong SAR
        China"), and either alone when the other is unknown."""
        name = self.country(country)
        if city and name and city.casefold() in name.casefold():
            return name
        return ", ".join(part for part in (city, name) if part)

    def edition(self, number: int) -> str:
        """ "22nd edition" (fr: "22e édition"): the ordinal as the language spells it, chosen by CLDR's
        ordinal plural rules (English: one 1st, two 2nd, few 3rd, other 4th; French: one 1re, other 22e)."""
        from babel import Locale

        form = Locale.parse(self.code).ordinal_form(number)
        words = {
            "one": self._("{number}st edition"),
            "two": self._("{number}nd edition"),
            "few": self._("{number}rd edition"),
        }
        return words.get(form, self._("{number}th edition")).format(number=number)

    def money(self, amount: float, currency: str) -> str:
        """A sum in the language's currency format: "$285,800" (fr: "285 800 $US"), cents only if any."""
        from babel import Locale
        from babel.numbers import format_currency

        pattern = Locale.parse(self.code).currency_formats["standard"].pattern
        if float(amount).is_integer():
            pattern = pattern.replace(".00", "")
        return str(format_currency(amount, currency, pattern, locale=self.code, currency_digits=False))

    def join(self, items: list[str]) -> str:
        """ "a, b and c" (fr: "a, b et c"): no serial comma, since names hold commas of their own."""
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + self._(" and ") + items[-1]


@cache
def language(code: str = "en") -> Language:
    """The language of `code`, one of LANGUAGES; ValueError for another."""
    if code not in LANGUAGES:
        raise ValueError(f"no such language: {code!r} (one of {', '.join(LANGUAGES)})")
    if code == LANGUAGES[0]:
        return Language(code, gettext.NullTranslations())
    catalogue = resources.files("lasttrain_awards.output").joinpath("locale", code, "LC_MESSAGES", f"{DOMAIN}.mo")
    with catalogue.open("rb") as file:
        return Language(code, gettext.GNUTranslations(file))
