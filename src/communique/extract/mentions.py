"""Candidate mentions of actors and places, from four sources of unequal trust: the
knowledge base, acronym definitions in the text, forms of address, and spaCy's
statistical recogniser. ``entities`` decides between them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc

from communique.extract.kinds import checked_kind, listed_kinds
from communique.kb.gazetteer import KbEntry, KbMatch, demonyms, find, fold_text, is_unit_or_currency
from communique.kb.lexicon import honorific_pattern, lexicon
from communique.model import EntityKind
from communique.text import longest_first

Origin = Literal["kb", "definition", "honorific", "adjective", "ner"]
# when candidates overlap, the more trusted origin wins, then the longer span
TRUST: dict[Origin, int] = {"kb": 0, "definition": 1, "honorific": 2, "adjective": 3, "ner": 4}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: EntityKind
    origin: Origin
    entry: KbEntry | None = None
    # a long form defined with this acronym, or the acronym of this long form
    partner: tuple[int, int] | None = None


_WORD = re.compile(r"[\w'’.-]+")
_CAPITALISED = re.compile(r"^[A-ZÀ-ÞŒ]")


def _words_before(text: str, position: int, limit: int) -> list[re.Match[str]]:
    """Up to ``limit`` words before ``position``, nearest last, not crossing a clause."""
    window = text[max(0, position - 300) : position]
    stop = max(window.rfind(mark) for mark in (",", ";", ":", ".\n", "\n", "(", ")", "«", "»", ". "))
    offset = max(0, position - 300) + (stop + 1 if stop >= 0 else 0)
    return list(_WORD.finditer(text, offset, position))[-limit:]


# --- the knowledge base ---------------------------------------------------------------


def _government_context(text: str, match: KbMatch, language: str) -> bool:
    """An adjective of nationality stands for the state only next to a word of government:
    "le gouvernement luxembourgeois", "la partie française", "the German government",
    "les partenaires jordanien, égyptien et allemand" (each of the adjectives after it). In
    French a capitalised one is the people, so the state: "les Israéliens comme les
    Palestiniens"."""
    nouns = lexicon().government_nouns.get(language, frozenset())
    if language == "fr":
        if text[match.start].isupper() and match.start > 0 and text[match.start - 1] == " ":
            return True
        before = [w.strip(",") for w in fold_text(text[max(0, match.start - 80) : match.start]).split()]
        while before and (before[-1] in demonyms() or before[-1] in ("et", "ou", "")):
            before.pop()  # coordinated adjectives share the noun
        return any(" ".join(before[-n:]) in nouns for n in (1, 2) if len(before) >= n)
    after = fold_text(text[match.end : match.end + 60]).split()
    # "the German government", "Mexican high-level delegation"
    return any(" ".join(after[i : i + n]) in nouns for i in range(3) for n in (1, 2) if len(after) >= i + n)


_NAME_BEFORE = re.compile(r"(?<![.!?:]\s)(?<!^)\b([A-ZÀ-Þ][\w'’-]+)\s+$")


def other_first_name(text: str, start: int, language: str = "en") -> bool:
    """ "Hunter Biden" is not Joe Biden: a surname right after a capitalised word that is
    neither a title nor a form of address belongs to someone else."""
    before = _NAME_BEFORE.search(text[max(0, start - 40) : start])
    if before is None:
        return False
    word, lex = before.group(1), lexicon()
    return not (word in lex.form_of_address or lex.is_title_head(word, language) or word.lower() in lex.title_qualifiers)


_TREATY_BEFORE = re.compile(r"\b(?:[Aa]ccords?|[Pp]rocessus|[Pp]rocess|[Cc]onvention|[Tt]raité) (?:de |d['’]|of )$")
_TREATY_AFTER = re.compile(r"\s+(?:Climate\s+)?(?:Agreement|Accords?|Process|Convention|Treaty)\b")


def _names_a_treaty(text: str, mention: Mention) -> bool:
    """ "l'accord de Paris", "the Paris Agreement", "le processus de Barcelone": the city
    names a treaty or a process, not a place where something happens."""
    if mention.kind != "place":
        return False
    before = _TREATY_BEFORE.search(text, max(0, mention.start - 14), mention.start)
    return bool(before or _TREATY_AFTER.match(text, mention.end))


def kb_mentions(text: str, language: str) -> Iterator[Mention]:
    for match in find(text):
        if match.how == "adjective":
            if match.entry.kind == "country" and _government_context(text, match, language):
                yield Mention(match.start, match.end, "country", "adjective", match.entry)
            continue
        # a surname alone may be someone else's; a full name is the office holder's
        if (
            match.entry.kind == "person"
            and " " not in text[match.start : match.end]
            and other_first_name(text, match.start, language)
        ):
            continue
        yield Mention(match.start, match.end, match.entry.kind, "kb", match.entry)


# --- acronym definitions --------------------------------------------------------------

_ACRONYM = r"[A-Z][A-Za-z0-9&]*(?:[-.][A-Za-z0-9&]+)*"
_DEFINITION = re.compile(rf"\(\s*(?:(?P<inner>[^()]{{3,120}}?)\s*[-–—]\s*)?(?P<acronym>{_ACRONYM})\s*\)")
_FUNCTION_WORDS = frozenset(
    "de du des d' d’ la le les l' l’ pour aux au à et en sur contre of the for and on in to against".split()  # noqa: SIM905 - a word list reads best as text
)


def is_programme_name(name: str) -> bool:
    """ "Programme d'appui à …", "Business Partnership Facility": a programme head noun
    opens a French name and closes an English one."""
    heads = lexicon().programme_heads
    words = name.split()
    return name.startswith(heads) or (len(words) >= 2 and words[-1] in heads)


def _is_acronym(token: str) -> bool:
    capitals = sum(1 for c in token if c.isupper())
    return 2 <= len(token) <= 12 and capitals >= 2 and capitals >= len(token.replace("-", "")) / 2


def _initials(words: list[str]) -> str:
    letters = []
    for word in words:
        for part in re.split(r"[-–]", re.sub(r"^[dl]['’]", "", word, flags=re.IGNORECASE)):
            if part and part.lower() not in _FUNCTION_WORDS and part[0].isalpha():
                letters.append(part[0])
    return "".join(letters).upper()


def _long_form_start(text: str, position: int, acronym: str) -> int | None:
    """Where the name defined by ``(ACRONYM)`` at ``position`` begins: the start whose
    initials spell the acronym, else the nearest organization head noun, else the run of
    capitalised words just before the parenthesis (English style)."""
    words = _words_before(text, position, 14)
    letters = "".join(c for c in acronym.upper() if c.isalpha())
    for index, word in enumerate(words):
        if _CAPITALISED.match(word.group(0)) and _initials([w.group(0) for w in words[index:]]) == letters:
            return word.start()
    heads = lexicon().organization_heads
    for word in reversed(words):
        if word.group(0) in heads:
            return word.start()
    capitalised: list[re.Match[str]] = []
    for word in reversed(words):
        token = word.group(0)
        if _CAPITALISED.match(token):
            capitalised.append(word)
        elif token.lower() not in _FUNCTION_WORDS:
            break
    return capitalised[-1].start() if len(capitalised) >= 2 else None


def _trimmed_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\n,;:–—-":
        end -= 1
    return end


def definition_mentions(text: str) -> Iterator[Mention]:
    """ "Long Name (ACR)" and "Long Name (Other Name – ACR)" define an acronym."""
    for match in _DEFINITION.finditer(text):
        acronym = match.group("acronym")
        if not _is_acronym(acronym):
            continue
        acronym_span = (match.start("acronym"), match.end("acronym"))
        spans: list[tuple[int, int]] = []
        inner = match.group("inner")
        if inner and _CAPITALISED.match(inner.strip()):
            inner_start = match.start("inner") + len(inner) - len(inner.lstrip())
            spans.append((inner_start, _trimmed_end(text, inner_start, match.end("inner"))))
        outer_start = _long_form_start(text, match.start(), acronym)
        if outer_start is not None:
            article = _LEADING_WORDS.match(text, outer_start, match.start())
            outer_start = article.end() if article else outer_start
            spans.append((outer_start, _trimmed_end(text, outer_start, match.start())))
        for start, end in spans:
            if end - start <= len(acronym):
                continue
            kind: EntityKind = "programme" if is_programme_name(text[start:end]) else "organization"
            yield Mention(start, end, kind, "definition", partner=acronym_span)
            yield Mention(acronym_span[0], acronym_span[1], kind, "definition", partner=(start, end))


# --- forms of address -----------------------------------------------------------------

# a name word, or an initial ("J."); words are separated by spaces on one line
_NAME_WORD = r"(?:[A-ZÀ-ÞŒ][\w’'-]*[\w]|[A-Z]\.)"


def _person_name_pattern() -> re.Pattern[str]:
    particles = longest_first(lexicon().name_particles)
    return re.compile(rf"{_NAME_WORD}(?:[ \t\u00a0]+(?:(?:{particles})[ \t\u00a0]+){{0,3}}{_NAME_WORD}){{0,3}}")


def honorific_mentions(text: str) -> Iterator[Mention]:
    """Names after a form of address: "M. Voronkov", "Mme Joanneke Balfoort", "Dr Tedros"."""
    lead = re.compile(rf"(?<![\w.])(?:{longest_first(lexicon().honorifics)})[ \t\u00a0]+")
    name = _person_name_pattern()
    for match in lead.finditer(text):
        found = name.match(text, match.end())
        if found is None:
            continue
        end = found.end()
        while end > found.start() and text[end - 1] in ".’'":
            end -= 1
        if end - found.start() >= 2:
            yield Mention(found.start(), end, "person", "honorific")


# --- the statistical recogniser -------------------------------------------------------

_NER_KINDS: dict[str, EntityKind] = {
    "PER": "person",
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
# used with Pattern.match(text, pos): no "^", which would anchor at the string's start
_LEADING_WORDS = re.compile(r"(?:(?:le|la|les|l['’]|the|du|de|des|d['’])\s*)+", re.IGNORECASE)
# a name never runs over a demonstrative or possessive ("Musée des occupations à cet écho…")
_INNER_STOP = re.compile(r"\s(?:cet|cette|ces|notre|nos|votre|vos|leur|leurs|this|that|these|our|their)\s", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
# treaties, laws and events are not actors (CONVENTIONS.md)
_NOT_ACTORS = re.compile(
    r"^(?:Accord|Accords|Convention|Traité|Règlement|Protocole|Déclaration|Résolution|Charte|Pacte|Loi|Agreement|"
    r"Treaty|Convention|Protocol|Declaration|Resolution|Charter|Act|Law|Communiqué|Brexit|COP\d*|Sommet|Summit)\b"
)


def _clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    honorific = honorific_pattern().match(text, start, end)
    if honorific and honorific.end() < end:
        start = honorific.end()
    article = _LEADING_WORDS.match(text, start, end)
    if article and article.end() < end:
        start = article.end()
    inner = _INNER_STOP.search(text, start, end)
    if inner:
        end = inner.start()
    newline = text.find("\n", start, end)
    if newline >= 0:
        end = newline
    while end > start and not (text[end - 1].isalnum() or text[end - 1] == ")"):
        end -= 1
    possessive = _POSSESSIVE.search(text, start, end)
    if possessive and text[possessive.start() - 1 : possessive.start()].isalpha():
        end = possessive.start()
    if text[start:end].count("(") != text[start:end].count(")"):
        end = start + text[start:end].find("(") if "(" in text[start:end] else end
        end = _trimmed_end(text, start, end)
    return start, _trimmed_function_words(text, start, end)


def _trimmed_function_words(text: str, start: int, end: int) -> int:
    words = list(_WORD.finditer(text, start, end))
    while len(words) > 1 and words[-1].group(0).lower() in _FUNCTION_WORDS:
        words.pop()
    return words[-1].end() if words else end


def _common_word(doc: Doc, start: int, end: int) -> bool:
    """A one-word name the tagger reads as a common noun, adjective or verb ("Haut",
    "Histoire", "Kingdom") is a recogniser error."""
    span = doc.char_span(start, end)
    return span is not None and len(span) == 1 and span[0].pos_ in ("NOUN", "ADJ", "VERB", "ADV", "DET", "PRON", "ADP")


def _demonym(name: str) -> bool:
    """ "Libanais", "Européens", "Ukrainian": a people, not a place."""
    return fold_text(name) in demonyms()


def _plausible(name: str, kind: EntityKind, language: str) -> bool:
    words = name.split()
    lex = lexicon()
    if len(name) < 2 or not _CAPITALISED.match(name) or name in lex.ner_stopwords or "\n" in name:
        return False
    if len(words) > 10 or any(lex.is_title_head(" ".join(words[:n]), language) for n in (1, 2, 3)):
        return False
    if any(w in lex.form_of_address for w in words) or _NOT_ACTORS.match(name) or is_unit_or_currency(name):
        return False
    if kind != "person" and len(words) == 1 and name in lex.organization_heads:
        return False
    if kind == "person":
        return all(_CAPITALISED.match(w) or w in lex.name_particles or w.lower() in lex.name_particles for w in words)
    return not _demonym(name)


_REGNAL = re.compile(r"[IVX]{1,4}|Jr\.?|Sr\.?")


def _extend_person(doc: Doc, start: int, end: int) -> int:
    """The recogniser often stops a name before its last part ("Yoav" of "Yoav Gallant")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return end
    following = span.end
    particles = lexicon().name_particles
    while following < len(doc):
        token = doc[following]
        if "\n" in doc[following - 1].whitespace_ or doc[following - 1].text in ",;:":
            break
        if (token.pos_ == "PROPN" and token.text[:1].isupper()) or _REGNAL.fullmatch(token.text):
            following += 1
        elif token.text in particles and following + 1 < len(doc) and doc[following + 1].text[:1].isupper():
            following += 2
        else:
            break
    return doc[following - 1].idx + len(doc[following - 1].text) if following > span.end else end


def _name_after_title(text: str, start: int, end: int, language: str) -> tuple[int, int] | None:
    """ "USAID Administrator Samantha Power", "Mexico Ken Salazar": the recogniser takes a
    title and the name after it for one body; the capitalised words closing such a span,
    after a title word, are a person's name."""
    lex = lexicon()
    words = list(_WORD.finditer(text, start, end))
    tail: list[re.Match[str]] = []
    for word in reversed(words):
        token = word.group(0)
        if not _CAPITALISED.match(token) or token in lex.organization_heads or lex.is_title_head(token, language):
            break
        tail.insert(0, word)
    if not 2 <= len(tail) <= 3 or len(tail) == len(words):
        return None
    head = text[start : tail[0].start()]
    if not any(lex.is_title_head(w, language) for w in head.split()) and not _TITLE_BEFORE.search(head):
        return None
    return tail[0].start(), tail[-1].end()


_TITLE_BEFORE = re.compile(r"\b(?:to|of|for)\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?\s*$")


def ner_mentions(doc: Doc, text: str, language: str) -> Iterator[Mention]:
    for ent in doc.ents:
        kind = _NER_KINDS.get(ent.label_)
        if kind is None:
            continue
        if kind == "organization":
            person = _name_after_title(text, ent.start_char, ent.end_char, language)
            if person is not None:
                yield Mention(person[0], person[1], "person", "ner")
                continue
        start, end = _clean_span(text, ent.start_char, ent.end_char)
        if kind == "person":
            start, end = _strip_titles(text, start, end, language)
            end = _extend_person(doc, start, end)
        name = text[start:end]
        if kind == "organization" and is_programme_name(name):
            kind = "programme"
        checked = checked_kind(text, start, end, kind, language)
        if checked is None:
            continue
        kind = checked
        if end > start and _plausible(name, kind, language) and not _common_word(doc, start, end):
            yield Mention(start, end, kind, "ner")


def _strip_titles(text: str, start: int, end: int, language: str) -> tuple[int, int]:
    """ "Majesty King Abdullah II", "First Lady Jill Biden", "Principal Deputy …": the title
    words before a name are not the name."""
    lex = lexicon()
    words = list(_WORD.finditer(text, start, end))
    index = 0
    while index < len(words) - 1:
        token = words[index].group(0)
        if token in lex.form_of_address or lex.is_title_head(token, language) or token.lower() in lex.title_qualifiers:
            index += 1
            continue
        break
    return (words[index].start(), end) if words else (start, end)


def all_mentions(doc: Doc, text: str, language: str) -> list[Mention]:
    """Every candidate in ``text``, the parsed ``doc``'s text (spaCy would join it anew
    from every token on each access)."""
    found: list[Mention] = []
    for source in (
        kb_mentions(text, language),
        definition_mentions(text),
        honorific_mentions(text),
        ner_mentions(doc, text, language),
    ):
        found.extend(m for m in source if not _names_a_treaty(text, m))
    chosen = select(found)
    kinds = listed_kinds([(m.start, m.end, m.kind, m.origin != "ner") for m in chosen], text)
    return [m if m.kind == kind else replace(m, kind=kind) for m, kind in zip(chosen, kinds, strict=True)]


def _rank(mention: Mention) -> tuple[int, int, int, int]:
    # names from the knowledge base and names defined in the text compete on length, so
    # that "Bureau des Nations Unies pour la lutte contre le terrorisme (UNOCT)" is one
    # name rather than "Nations Unies" inside an unknown one
    tier = 0 if mention.origin in ("kb", "definition") else TRUST[mention.origin]
    return (tier, mention.start - mention.end, TRUST[mention.origin], mention.start)


def select(candidates: Iterable[Mention]) -> list[Mention]:
    """Non-overlapping mentions: trusted origins first, then longer spans."""
    chosen: list[Mention] = []
    occupied: set[int] = set()
    for mention in sorted(candidates, key=_rank):
        span = range(mention.start, mention.end)
        if any(i in occupied for i in span):
            continue
        chosen.append(mention)
        occupied.update(span)
    return sorted(chosen, key=lambda m: m.start)
