"""Calendar dates in press releases (French and English first, German and Spanish
names too).

``absolute``: one date span read by dateparser (``parse_date``), and the dateline that
gives a document its publication date (``find_dateline``). ``mentions``: every date
expression of a text, absolute or relative, resolved against that publication date
(``find_dates``)."""

from communique.dates.absolute import LANGUAGES, date_pattern, find_dateline, parse_date
from communique.dates.mentions import DateMention, Precision, When, find_dates

__all__ = ["LANGUAGES", "DateMention", "Precision", "When", "date_pattern", "find_dateline", "find_dates", "parse_date"]
