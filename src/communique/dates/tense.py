"""Whether a date without year or week points forward or back.

A release says "le 9 août" both for a meeting it reports and for one it announces.
The nearest tense marker of the sentence decides: a future verb or "à venir", "will",
"next" → the coming occurrence; a past auxiliary or "-ed" verb, or no marker at all →
the past one (releases mostly report). The nearest marker rather than any marker,
because one sentence often does both ("le 2 décembre, la ministre a annoncé qu'elle
se rendra à Dakar")."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache, lru_cache

_LOWER = "a-zàâçéèêëîïôûùüÿœ"
_FRENCH_FUTURE = (
    r"à\s+venir|prochaine?s?|d['’]ici"
    # The future tense, lower-case only so that names (Laura, Sandra) are no verbs:
    # sera, se tiendra, participeront, ouvrira, devra, serai…
    rf"|(?-i:(?!(?:vrai)\b)[{_LOWER}]*(?:er|ir|dr|ur|rr|vr|ttr|îtr)(?:a|ai|ont)"
    # ferons, prendrez, pourrons; not "-irons", "-urons", "-vrons", which are also the
    # present of aspirer, assurer, ouvrir ("nous aspirons"): those futures by name
    rf"|(?!(?:environs|vignerons|bûcherons|escadrons|chaudrons)\b)[{_LOWER}]*(?:er|dr|rr|ttr|îtr)(?:ons|ez)"
    rf"|(?:re|ré)?(?:(?:au|sau|dev|recev|suiv|viv)r|(?:|d|fin|ag|réun|chois|établ|réuss|sais|ouvr|offr"
    rf"|invest|fourn|garant|serv|part|sort)ir)(?:ons|ez))"
    # the near future: "va présenter", "allons signer"
    rf"|(?:vais|va|vas|allons|allez|vont)\s+[{_LOWER}]+(?:er|ir|re|oir)"
)
_FRENCH_PAST = (
    r"ai|a|avons|avez|ont|avait|avaient|était|étaient|eut|eurent|fut|furent|s['’]est|se\s+sont|derni(?:er|ère)s?|passée?s?"
)
_ENGLISH_FUTURE = (
    r"(?<!political\s)(?<!good\s)(?<!free\s)(?<!the\s)(?<!ill\s)(?<!own\s)will(?!\s+(?:of|to)\b)"
    r"|shall|upcoming|forthcoming|next|going\s+to|to\s+be\s+held"
    r"|(?:is|are)\s+(?:scheduled|due|expected|set|slated|planned)\s+to"
)
# "-ed" words that are not past verbs, and adjectives common in releases
_NOT_PAST = (
    "need|speed|seed|feed|hundred|red|bed|indeed|shed|breed|creed|proceed|exceed|succeed|embed|bleed|greed|weed"
    "|united|based|related|dedicated|concerned|involved|interested|limited|committed|advanced"
)
_ENGLISH_PAST = (
    rf"last|ago|was|were|had|did|(?!(?:{_NOT_PAST})\b)[a-z]{{2,}}ed"
    r"|met|held|took|gave|made|went|came|said|spoke|led|began|sent|brought|told|wrote|became"
)
_MARKERS = {"fr": (_FRENCH_FUTURE, _FRENCH_PAST), "en": (_ENGLISH_FUTURE, _ENGLISH_PAST)}
# A line break alone does not end a sentence: hard-wrapped text breaks mid-sentence.
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n[^\S\n]*\n")


@cache
def _markers(language: str) -> re.Pattern[str] | None:
    if language not in _MARKERS:
        return None
    future, past = _MARKERS[language]
    return re.compile(rf"(?<!\w)(?:(?P<future>{future})|(?P<past>{past}))(?!\w)", re.IGNORECASE)


_REACH = 400  # characters looked at either side: a longer sentence is cut there


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    low = max(0, start - _REACH)
    before = [m.end() for m in _SENTENCE_END.finditer(text, low, start)]
    after = _SENTENCE_END.search(text, end, end + _REACH)
    return (before[-1] if before else low), (after.start() if after else min(len(text), end + _REACH))


_Markers = tuple[tuple[int, ...], tuple[tuple[int, int, bool], ...]]


@lru_cache(maxsize=8)
def _found(text: str, language: str) -> _Markers:
    """Every tense marker of a text (starts, and (start, end, is future)), found once
    per text rather than once per date of it."""
    markers = _markers(language)
    if markers is None:
        return (), ()
    found = tuple((m.start(), m.end(), m.lastgroup == "future") for m in markers.finditer(text))
    return tuple(start for start, _, _ in found), found


def points_forward(text: str, start: int, end: int, language: str) -> bool:
    """Whether the marker nearest to ``text[start:end]`` in its sentence is a future
    one. Languages without markers (German, Spanish) always read as past."""
    starts, found = _found(text, language)
    if not found:
        return False
    low, high = _sentence(text, start, end)
    nearest: tuple[int, bool] | None = None
    for marker_start, marker_end, future in found[bisect_left(starts, low) : bisect_left(starts, high)]:
        if marker_end > high or (marker_start < end and marker_end > start):
            continue  # across the sentence's end, or inside the expression itself
        distance = start - marker_end if marker_end <= start else marker_start - end
        if nearest is None or distance < nearest[0]:
            nearest = (distance, future)
    return nearest is not None and nearest[1]
