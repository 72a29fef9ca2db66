"""Chinese word segmentation for search: jieba (what publishing/search.py uses) against ICU's
dictionary-based word break iterator (what Thai, Lao, Khmer and Burmese use), on the seeds.

For every occurrence in the two seed briefings of a term of the center's vocabulary
(publishing/search_words.txt), a segmenter either keeps the term whole (one word, found
by a query for it) or not: cut inside (红树|林), or glued to a neighbour into a longer
word (a query for the term then finds it only if the term is a dictionary part of it).
Prints, per segmenter, the terms kept whole at every occurrence and the occurrences
kept whole, and the time to segment the seeds (lowest of 5 runs).
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "editorial" / "demo" / "seeds").glob("*.txt"))
ROUNDS = 5

sys.path.insert(0, str(ROOT))
# The segmenters need no database: keep settings from starting the embedded server.
os.environ.setdefault("DATABASE_URL", "postgres://unused@127.0.0.1:1/unused")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lmec.settings")


def boundaries(tokens: list[str]) -> set[int]:
    """The offsets where the tokens start and end."""
    offsets, position = {0}, 0
    for token in tokens:
        position += len(token)
        offsets.add(position)
    return offsets


def kept_whole(cuts: set[int], start: int, end: int) -> bool:
    return start in cuts and end in cuts and not any(start < cut < end for cut in cuts)


def measure(name: str, segment, text: str, terms: list[str]) -> None:
    timings = []
    for _round in range(ROUNDS):
        started = time.perf_counter()
        tokens = segment(text)
        timings.append(time.perf_counter() - started)
    assert "".join(tokens) == text, name
    cuts = boundaries(tokens)
    occurrences = whole_occurrences = whole_terms = present_terms = 0
    for term in terms:
        starts = [index for index in range(len(text)) if text.startswith(term, index)]
        if not starts:
            continue
        present_terms += 1
        whole = [kept_whole(cuts, start, start + len(term)) for start in starts]
        occurrences += len(whole)
        whole_occurrences += sum(whole)
        whole_terms += all(whole)
    print(
        f"{name:<28} terms kept whole {whole_terms:>2}/{present_terms}"
        f"   occurrences kept whole {whole_occurrences:>3}/{occurrences}"
        f"   {min(timings) * 1000:6.1f} ms for {len(text)} characters"
    )


def main() -> None:
    import logging

    import django

    django.setup()
    import jieba

    jieba.setLogLevel(logging.WARNING)
    from icu4py.breakers import WordBreaker

    from publishing.search import USER_WORDS, tokenizer

    text = "\n".join(path.read_text(encoding="utf-8") for path in SEEDS)
    terms = [line.split()[0] for line in USER_WORDS.read_text().splitlines() if line.strip()]
    plain_jieba = jieba.Tokenizer()
    plain_jieba.initialize()
    tokenizer().initialize()
    print(f"{len(terms)} terms of {USER_WORDS.name}, {len(SEEDS)} seed files")
    measure("jieba + center vocabulary", lambda t: list(tokenizer().cut(t)), text, terms)
    measure("jieba alone", lambda t: list(plain_jieba.cut(t)), text, terms)
    measure("ICU (zh)", lambda t: list(WordBreaker(t, "zh")), text, terms)


if __name__ == "__main__":
    main()
