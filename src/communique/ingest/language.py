"""Language identification with py3langid, whose model ships in its wheel."""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# languages of the press releases communique meets; restricting the identifier to them
# keeps short or name-heavy texts from being classed as an exotic language
CANDIDATES = ("fr", "en", "de", "es", "it", "nl", "pt", "lb")
# a short line counts as written in another language when that language is this likely and
# the document's own language is below the second threshold (py3langid on 3-12 words)
_LINE_OTHER = 0.7
_LINE_OWN = 0.1


@cache
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(CANDIDATES))
    return identifier


def detect_language(text: str, default: str = "en") -> str:
    """ISO 639-1 code of the text's language (its first 20,000 characters)."""
    sample = text[:20000]
    if not any(ch.isalpha() for ch in sample):
        return default
    language, _ = _identifier().classify(sample)
    return str(language)


def is_other_language(line: str, language: str) -> bool:
    """Whether a short line is clearly not in ``language``."""
    scores = dict(_identifier().rank(line))
    best = max(scores, key=lambda code: scores[code])
    return bool(best != language and scores[best] >= _LINE_OTHER and scores.get(language, 0.0) < _LINE_OWN)
