"""One- and two-character Chinese terms: LIKE scan vs the chunks_grams table (issue 13, item 3).

Builds two indexes of the same synthetic chunks (``Index.add``, no parsing,
so only the index is timed), one without and one with ``short_terms=True``,
and times the same 1-2 character searches on each (best of several runs,
CPU time of this process).  Characters are drawn Zipf-like from 3,000 CJK
code points, so common characters are common and pairs are rare, as in text.

    python benchmarks/short_terms.py [CHUNKS]      # default 20000 chunks of 300 characters
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from speechparse.index import Index, search

HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
WEIGHTS = [1 / (k + 1) for k in range(len(HAN))]


def chunk_text(rng: random.Random, n: int) -> str:
    chars = rng.choices(HAN, WEIGHTS, k=n)
    return "".join(ch if rng.random() > 0.06 else "，" for ch in chars)


def build(db: Path, texts: list[str], short_terms: bool) -> float:
    started = time.process_time()
    with Index(db, short_terms=short_terms) as index:
        for d in range(0, len(texts), 10):
            chunks = [
                {
                    "id": f"d{d}:{k}",
                    "ordinal": k,
                    "part": 0,
                    "level": 1,
                    "sections": [str(k)],
                    "heading_path": ["标题", f"{k}、小标题"],
                    "numbers": [k],
                    "text": text,
                    "spans": [[0, len(text)]],
                    "char_count": len(text),
                    "overlap_chars": 0,
                }
                for k, text in enumerate(texts[d : d + 10])
            ]
            index.add(f"d{d}", chunks, path=f"d{d}.txt", title="标题")
    return time.process_time() - started


def best(db: Path, query: str, rounds: int = 5) -> tuple[float, int]:
    times = []
    for _ in range(rounds):
        started = time.process_time()
        hits = search(db, query, limit=10)
        times.append(time.process_time() - started)
    return min(times), len(hits)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    rng = random.Random(13)
    texts = [chunk_text(rng, 300) for _ in range(count)]
    folder = Path(tempfile.mkdtemp())
    plain, grams = folder / "plain.sqlite", folder / "grams.sqlite"
    t_plain = build(plain, texts, False)
    t_grams = build(grams, texts, True)
    size = {p: sum(f.stat().st_size for f in folder.glob(p.name + "*")) for p in (plain, grams)}
    print(f"{count} chunks of 300 characters")
    print(
        f"build: plain {t_plain:.1f} s, {size[plain] / 1e6:.0f} MB; "
        f"with chunks_grams {t_grams:.1f} s, {size[grams] / 1e6:.0f} MB"
    )
    common, rare = HAN[0], HAN[2000]
    queries = {
        "1 char, common": common,
        "1 char, rare": rare,
        "2 chars, common pair": HAN[0] + HAN[1],
        "2 chars, rare pair": HAN[1500] + HAN[2500],
    }
    print(f"{'query':24} {'LIKE ms':>9} {'grams ms':>9}  hits")
    for label, query in queries.items():
        a, n = best(plain, query)
        b, m = best(grams, query)
        assert n == m, (label, n, m)
        print(f"{label:24} {a * 1000:9.2f} {b * 1000:9.2f}  {n}")


if __name__ == "__main__":
    main()
