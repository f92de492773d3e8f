"""Money as press releases write it: "1,5 million d'euros", "€350M", "$1.45 billion", "25 000 €",
"un million d'euros", "2 à 3 millions d'euros".

An amount is a number with a currency next to it: a number without one ("34 projets", "2024",
"30 %") is never money. The number is read with the document's conventions (French decimal
comma and spaced thousands, English decimal point and comma thousands), the scale word with the
document's language ("billion" is 10^12 in French, 10^9 in English), and the words around it say
whether the amount is approximate ("plus de", "nearly") and what it covers ("par an" → year,
"au total", "over five years" → total). Currency names and symbols come from babel's CLDR data,
so that "francs suisses", "Swiss francs", "CHF" and "livres sterling" need no list of our own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache

from babel import Locale
from babel.numbers import get_currency_name, get_currency_symbol, get_territory_currencies
from text_to_num import text2num  # type: ignore[import-untyped]

from communique.model import Per

__all__ = ["MoneyMention", "find_amounts", "parse_amount"]

_Trie = dict[str, "_Trie"]


def _trie(words: Iterable[str]) -> str:
    """An alternation whose branches share their prefixes ("euro(?:s)?|dollar…"): a failed attempt
    then costs a character or two instead of a try of each of the thousand currency names."""
    root: _Trie = {}
    for word in words:
        node = root
        for char in word:
            unit = r"\s+" if char == " " else "['’]" if char in "'’" else re.escape(char)
            node = node.setdefault(unit, {})
        node[""] = {}
    return _emit(root)


def _emit(node: _Trie) -> str:
    branches = [unit + _emit(child) for unit, child in sorted(node.items()) if unit]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"{body}?" if len(branches) > 1 else f"(?:{body})?"


_WS = r"[^\S\n]"
"""Horizontal white space, NBSP and narrow NBSP included."""
_SP = rf"{_WS}*(?:\n{_WS}*)?"
"""Spacing with at most one line break: hard-wrapped text splits "$15.55\n    billion", never a paragraph."""
_SP1 = rf"(?=\s){_SP}"

_NUM = (
    r"(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3}){1,12}(?:[.,]\d+)?"  # 25 000 / 1 200 000,5
    r"|\d{1,3}(?:,\d{3}){1,12}(?:\.\d+)?"  # 1,200,000.5
    r"|\d{1,3}(?:\.\d{3}){1,12}(?:,\d+)?"  # 25.000 / 1.200.000,5
    r"|\d{1,3}(?:['’]\d{3}){1,12}(?:[.,]\d+)?"  # 1'500'000 (Swiss)
    r"|\d+(?:[.,]\d+)?)(?![.,]?\d)"
)

_SCALES = {
    "k": 3, "mille": 3, "thousand": 3, "thousands": 3,
    "m": 6, "mn": 6, "mln": 6, "mio": 6, "mios": 6, "million": 6, "millions": 6,
    "md": 9, "mds": 9, "mrd": 9, "mrds": 9, "milliard": 9, "milliards": 9, "bn": 9, "bln": 9, "b": 9,
    "billion": 9, "billions": 9, "tn": 12, "trn": 12, "trillion": 12, "trillions": 12,
}  # fmt: skip
_LONG_SCALES = {"billion": 12, "billions": 12, "trillion": 18, "trillions": 18}
"""Where "billion" means 10^12 (the long scale of French, German, Spanish, Italian, Dutch)."""
_LONG_SCALE_LANGUAGES = frozenset({"fr", "de", "es", "it", "nl"})
_COMMA_DECIMAL_LANGUAGES = frozenset({"fr", "de", "es", "it", "nl", "pt"})
_SCALE = _trie(_SCALES) + r"(?![\w])"

_NUMBER_WORDS = (
    "un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize",
    "quatorze", "quinze", "seize", "vingt", "vingts", "trente", "quarante", "cinquante", "soixante", "cent", "cents", "mille",
    "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty",
    "seventy", "eighty", "ninety", "hundred", "thousand",
)  # fmt: skip
_WORD = _trie(_NUMBER_WORDS) + r"(?![\w'’])"
_WORDS = rf"{_WORD}(?:(?:{_SP1}|-){_WORD}){{0,8}}"

_CURRENCY_ALIASES = {
    "euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD", "dollars américains": "USD",
    "dollar américain": "USD", "dollars us": "USD", "u.s. dollars": "USD", "american dollars": "USD",
    "yen": "JPY", "yens": "JPY", "yuan": "CNY", "yuans": "CNY", "renminbi": "CNY",
    "pounds sterling": "GBP", "francs cfa": "XOF", "franc cfa": "XOF",
    "US$": "USD", "U.S.$": "USD", "C$": "CAD", "AU$": "AUD",
    "FCFA": "XOF",  # babel says XAF: both zones write FCFA; XOF is the Sahel's
}  # fmt: skip
_WORD_CODES = frozenset({"ALL", "BAM", "BOB", "COP", "CUP", "GEL", "MAD", "MOP", "PEN", "PHP", "SDG", "SOS", "TOP", "TRY"})
"""ISO codes that are also words or acronyms in capitals ("TOP 10", "PHP 8", "COP 28", "SDG 8"): read
only by symbol or name."""
_CODE = re.compile(r"[A-Z]{3}")

_CONNECTOR = rf"{_SP}(?:-|–|—|to|à|and|et|or|ou){_SP}"
_RANGE_GAP = re.compile(_CONNECTOR, re.IGNORECASE)
_RANGE_TAIL = re.compile(rf"{_CONNECTOR}(?P<num>{_NUM}){_SP}(?P<scale>{_SCALE})", re.IGNORECASE)
_RANGE_HEAD = re.compile(rf"(?<![\w.,])(?P<num>\d{{1,3}}(?:[.,]\d+)?){_CONNECTOR}$", re.IGNORECASE)
_GROUPING = re.compile(r"[\s'’]")
_ONE_GROUP = re.compile(r"\d{1,3}[.,]\d{3}")

_APPROX_BEFORE = re.compile(
    r"(?<![\w])(?:plus\s+de|près\s+de|pres\s+de|environ|jusqu['’]à|quelque|presque|quasiment|approximativement"
    r"|autour\s+de|moins\s+de|au\s+moins|nearly|about|around|approximately|roughly|almost|up\s+to|over|more\s+than"
    rf"|less\s+than|at\s+least|some|close\s+to|in\s+excess\s+of){_SP}$",
    re.IGNORECASE,
)
_APPROX_AFTER = re.compile(rf"{_SP},?{_SP}(?:environ|approximately|or\s+so|ou\s+plus|or\s+more)(?![\w])", re.IGNORECASE)

_GAP = rf"{_SP}[,(]?{_SP}(?:[\w'’-]+{_SP1}){{0,3}}?"
"""Up to three words between an amount and its qualifier ("€5 million in grants per year")."""
_PERIOD_PHRASE = (
    r"(?:over|sur|pour|for|during|pendant|durant)\s+(?:(?:a|une|the|la|les)\s+)?(?:(?:next|coming|prochaines?)\s+)?"
    r"(?:(?:period|période|durée)\s+(?:of\s+|de\s+|d['’]))?(?:\d{1,2}|several|plusieurs|quelques|"
    rf"{_WORD})[\s-]+(?:prochaines\s+)?(?:years?|ans|années)(?![\w])"
    r"|(?:over|sur|pour|for|during|pendant|durant)\s+(?:la|the)\s+(?:période|period)(?![\w])"
    r"|\(\s*(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d\s*\)"
)
_PER_YEAR = re.compile(
    _GAP + r"(?:par\s+an(?:née)?|annuellement|chaque\s+année|tous\s+les\s+ans|per\s+year|a\s+year|annually|each\s+year"
    r"|every\s+year|per\s+annum|/\s*(?:an|year|yr))(?![\w])(?!\s+(?:after|ago|later|earlier|before|plus\s+tard))",
    re.IGNORECASE,
)
_TOTAL_AFTER = re.compile(_GAP + rf"(?:au\s+total|in\s+total(?!{_WS}+[a-z])|en\s+tout|{_PERIOD_PHRASE})", re.IGNORECASE)
_TOTAL_BEFORE = re.compile(
    r"(?<![\w])(?:(?:total(?:e|ing|ling)?|globale?|overall|cumulée?)(?:\s+[a-zé]+)??(?:\s+(?:de|of|to|à|d['’]))?"
    r"|en\s+tout|au\s+total|in\s+total)"
    rf"[\s:,]*$|(?<![\w])(?:{_PERIOD_PHRASE})[\s,]+(?:[\w'’-]+\s+){{0,5}}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class MoneyMention:
    """One amount as written: ``text == document[start:end]``; ``value`` is in units of ``currency``."""

    start: int
    end: int
    value: float
    currency: str
    per: Per
    approximate: bool
    text: str


@dataclass(frozen=True)
class _Raw:
    start: int
    end: int
    number: Decimal
    exponent: int | None  # the scale word's power of ten, None when there is none
    currency: str
    prefixed: bool  # the currency came first ("€350M"), so a range tail may lack one ("$5-6 billion")
    linked: bool = False  # the head of a range: it takes the next amount's period


def find_amounts(text: str, language: str) -> list[MoneyMention]:
    """Every amount of money in ``text``, in order. Negative and non-finite amounts are skipped."""
    language = language[:2].lower()
    raws = _ranges(text, _raw_amounts(text, language), language)
    mentions: list[MoneyMention] = []
    for index in reversed(range(len(raws))):
        raw = raws[index]
        limit = raws[index + 1].start if index + 1 < len(raws) else len(text)
        mention = _mention(text, raw, limit)
        if mention is None:
            continue
        if raw.linked and mentions and mentions[0].start >= raw.end:
            mention = replace(mention, per=mentions[0].per)
        mentions.insert(0, mention)
    return mentions


def parse_amount(span: str, language: str) -> tuple[float, str] | None:
    """The value and ISO currency of the first amount in ``span``, or None when there is none."""
    mentions = find_amounts(span, language)
    return (mentions[0].value, mentions[0].currency) if mentions else None


def _raw_amounts(text: str, language: str) -> list[_Raw]:
    """Scan left to right; a match that does not read as an amount restarts one character later,
    so that "between one and two million dollars" still finds "two million dollars"."""
    pattern, currencies = _pattern(), _currencies()
    raws: list[_Raw] = []
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        raw = _read(match, currencies, language)
        if raw is None or _negative(text, match.start()):
            pos = match.start() + 1
            continue
        raws.append(raw)
        pos = match.end()
    return raws


def _read(match: re.Match[str], currencies: dict[str, str], language: str) -> _Raw | None:
    symbol = match["pcur"] or match["scur"]
    currency = currencies.get(_key(symbol))
    scale = match["pscale"] or match["scale"]
    exponent = _exponent(scale, language) if scale else None
    if match["words"] is not None:
        number = _words_value(match["words"], language)
        if number is None or (exponent is None and match["words"].lower() in {"a", "an"}):
            return None
    else:
        number = _to_decimal(match["pnum"] or match["num"], language)
    if currency is None or number is None or _glued_code(match):
        return None
    return _Raw(match.start(), match.end(), number, exponent, currency, match["pcur"] is not None)


def _glued_code(match: re.Match[str]) -> bool:
    """An ISO code glued to a bare number is a name ("COP27", "SDG2"), not money ("USD2bn" is)."""
    code = match["pcur"]
    return (
        code is not None and match["pscale"] is None and bool(_CODE.fullmatch(code)) and match.end("pcur") == match.start("pnum")
    )


def _negative(text: str, start: int) -> bool:
    """A minus sign glued to the amount, not a range dash after a number ("2-3 millions")."""
    if start == 0 or text[start - 1] not in "-−":
        return False
    return start < 2 or not text[start - 2].isalnum()


def _ranges(text: str, raws: list[_Raw], language: str) -> list[_Raw]:
    """Give a range's head the scale and currency written once for both ends: "€2 to €3 million",
    "$5-6 billion", "de 2 à 3 millions d'euros"."""
    out: list[_Raw] = []
    for index, raw in enumerate(raws):
        following = raws[index + 1] if index + 1 < len(raws) else None
        if raw.exponent is None and raw.number < 1000:
            out.extend(_scaled_head(text, raw, following, language))
            continue
        head = _bare_head(text, raw, out[-1].end if out else 0, language)
        out.extend([head, raw] if head else [raw])
    return out


def _scaled_head(text: str, raw: _Raw, following: _Raw | None, language: str) -> list[_Raw]:
    """A small unscaled amount before a range word takes the scale of the next amount ("€2 to €3
    million") or of a bare tail ("$5-6 billion", which the tail then joins)."""
    shared = following.exponent if following and following.currency == raw.currency else None
    if following and shared is not None and _RANGE_GAP.fullmatch(text, raw.end, following.start):
        return [replace(raw, exponent=shared, linked=True)]
    tail = _RANGE_TAIL.match(text, raw.end, following.start if following else len(text)) if raw.prefixed else None
    number = _to_decimal(tail["num"], language) if tail else None
    if tail is None or number is None:
        return [raw]
    exponent = _exponent(tail["scale"], language)
    return [
        replace(raw, exponent=exponent, linked=True),
        _Raw(tail.start("num"), tail.end(), number, exponent, raw.currency, False),
    ]


def _bare_head(text: str, raw: _Raw, floor: int, language: str) -> _Raw | None:
    """The bare number before a range word and a scaled amount: the "2" of "de 2 à 3 millions d'euros"."""
    if raw.exponent is None or raw.prefixed:
        return None
    head = _RANGE_HEAD.search(text, max(floor, raw.start - 30), raw.start)
    number = _to_decimal(head["num"], language) if head else None
    if head is None or number is None:
        return None
    return _Raw(head.start("num"), head.end("num"), number, raw.exponent, raw.currency, False, linked=True)


def _mention(text: str, raw: _Raw, limit: int) -> MoneyMention | None:
    """The mention of a read amount, with what its neighbouring words say; None when not finite."""
    value = float(raw.number.scaleb(raw.exponent or 0))
    if not math.isfinite(value) or value < 0:
        return None
    approx = _APPROX_BEFORE.search(text, max(0, raw.start - 40), raw.start)
    lead = approx.start() if approx else raw.start
    approximate = approx is not None or "+" in text[raw.start : raw.end] or _APPROX_AFTER.match(text, raw.end, limit) is not None
    return MoneyMention(
        raw.start, raw.end, value, raw.currency, _per(text, lead, raw.end, limit), approximate, text[raw.start : raw.end]
    )


def _per(text: str, start: int, end: int, limit: int) -> Per:
    """What the amount covers, from the words right after it, else the words right before it."""
    if _PER_YEAR.match(text, end, limit):
        return "year"
    if _TOTAL_AFTER.match(text, end, limit):
        return "total"
    sentence = max(text.rfind(".", 0, start), text.rfind(";", 0, start), text.rfind("\n", 0, start)) + 1
    if _TOTAL_BEFORE.search(text, max(sentence, start - 80), start):
        return "total"
    return "unspecified"


def _to_decimal(written: str, language: str) -> Decimal | None:
    """Read a number with the language's separators; one ambiguous separator followed by exactly
    three digits ("1,200", "25.000") is a thousands separator in the convention that groups with it."""
    digits = _GROUPING.sub("", written)
    commas, dots = digits.count(","), digits.count(".")
    comma_decimal = language in _COMMA_DECIMAL_LANGUAGES
    if commas and dots:
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
    elif commas + dots == 1:
        grouped = _ONE_GROUP.fullmatch(digits) is not None
        decimal = "," if commas else "."
        if grouped and comma_decimal == (decimal == "."):
            decimal = ""
    else:
        decimal = ""
    thousands = {",", "."} - {decimal}
    normal = "".join("." if char == decimal else char for char in digits if char not in thousands)
    try:
        return Decimal(normal)
    except InvalidOperation:
        return None


def _words_value(words: str, language: str) -> Decimal | None:
    """Number words through text2num ("deux", "vingt-cinq", "one hundred"); "a" and "an" are one."""
    if words.lower() in {"a", "an"}:
        return Decimal(1)
    for candidate in dict.fromkeys((language, "fr", "en")):
        try:
            return Decimal(int(text2num(words.lower(), candidate)))
        except ValueError:
            continue
    return None


def _exponent(scale: str, language: str) -> int:
    word = scale.lower()
    if language in _LONG_SCALE_LANGUAGES and word in _LONG_SCALES:
        return _LONG_SCALES[word]
    return _SCALES[word]


def _key(written: str) -> str:
    """Lexicon key: case and spacing folded, curly apostrophes straightened."""
    return " ".join(written.replace("’", "'").split()).casefold()


@cache
def _codes() -> frozenset[str]:
    """Currencies in use today (CLDR), whose codes and names we read."""
    codes: set[str] = set()
    for territory in Locale("en").territories:
        if isinstance(territory, str):
            codes.update(get_territory_currencies(territory, tender=True))
    return frozenset(codes)


@cache
def _lexicon() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Names (English and French, singular and plural), symbols and ISO codes → ISO code."""
    names: dict[str, str] = {}
    symbols: dict[str, str] = {}
    for code in sorted(_codes()):
        for locale in ("en", "fr"):
            for count in (1, 2):
                names.setdefault(get_currency_name(code, count, locale), code)
            symbol = get_currency_symbol(code, locale)
            if symbol != code and not symbol.isalpha() and not symbol.endswith("."):
                symbols.setdefault(symbol.replace("\u202f", " "), code)
    for alias, code in _CURRENCY_ALIASES.items():
        (names if alias.islower() else symbols)[alias] = code
    codes = {code: code for code in _codes() - _WORD_CODES}
    return names, symbols, codes


@cache
def _currencies() -> dict[str, str]:
    names, symbols, codes = _lexicon()
    return {_key(written): code for table in (codes, symbols, names) for written, code in table.items()}


@cache
def _pattern() -> re.Pattern[str]:
    """One pattern for both orders: currency first ("€350M", "USD 2 bn") or last ("25 000 €",
    "1,5 million d'euros"), the number in digits or (currency last only) in words."""
    name_table, symbol_table, code_table = _lexicon()
    names, symbols = _trie({w.lower() for w in name_table}), _trie({w.lower() for w in symbol_table})
    codes = _trie(code_table)  # matched case-sensitively: "eur" and "top" are words
    prefix = rf"(?:{symbols}|(?-i:{codes}))"
    suffix = rf"(?:(?:{names})(?![\w])|{symbols}|(?-i:{codes})(?![\w]))"
    connector = rf"{_SP}(?:(?:de|of){_SP1}|d['’]{_WS}*)?"
    return re.compile(
        rf"(?<![\w.,%])(?:(?P<pcur>{prefix}){_SP}(?P<pnum>{_NUM})\+?(?:(?:{_SP}|-)(?P<pscale>{_SCALE}))?"
        rf"|(?:(?P<num>{_NUM})|(?P<words>{_WORDS}))\+?(?:(?:{_SP}|-)(?P<scale>{_SCALE}))?{connector}(?P<scur>{suffix}))",
        re.IGNORECASE,
    )
