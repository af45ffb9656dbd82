"""The English NER with thinc's BLIS matrix products beside numpy's (what Warden uses,
``redaction.matmul``), on one thread, in one run.

Data: the synthetic generator's templated log (development data), the distinct
sentences of its first ``--events`` events that the NER reads
(``redaction.analyzer.ner_segments``). Each configuration loads the model in a fresh
process, reads 200 sentences to warm up, then is timed over all of them; the entities
both find are compared, character for character.

    .venv/bin/python benchmarks/bench_matmul.py [--events 6000]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import tempfile
import time
from pathlib import Path

from _leaks import texts_of

from app.demo import generate

Entities = list[list[tuple[int, int, str]]]


def _sentences(events: int) -> list[str]:
    from redaction.analyzer import ner_segments

    work = Path(tempfile.mkdtemp())
    generate(work / "log", accounts=max(60, events // 120), seed=7)
    texts: list[str] = []
    with (work / "log" / "usage.jsonl").open(encoding="utf-8") as src:
        for i, line in enumerate(src):
            if i == events:
                break
            texts += texts_of(json.loads(line))
    return list(dict.fromkeys(t[a:b] for t in dict.fromkeys(texts) for a, b in ner_segments(t)))


def _run(numpy: bool, sentences: list[str]) -> tuple[float, Entities]:
    import spacy
    from threadpoolctl import threadpool_limits

    from redaction.analyzer import _NOT_FOR_NER
    from redaction.matmul import use_numpy_matmul
    from warden.config import RedactionConfig

    threadpool_limits(limits=1, user_api="blas")
    nlp = spacy.load(RedactionConfig().spacy_model, exclude=_NOT_FOR_NER)
    if numpy:
        use_numpy_matmul(nlp)
    list(nlp.pipe(sentences[:200]))
    t0 = time.perf_counter()
    ents = [
        [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        for doc in nlp.pipe(sentences, batch_size=256)
    ]
    return time.perf_counter() - t0, ents


def _gemm() -> tuple[float, float]:
    """GFLOP/s of one product of the NER's shape (2,000 rows of 288 by 288), BLIS and
    numpy, one thread."""
    import numpy as np
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    rng = np.random.default_rng(7)
    a = rng.random((2000, 288), dtype=np.float32)
    b = rng.random((288, 288), dtype=np.float32)
    out = []
    for ops in (NumpyOps(), NumpyOps(use_blis=False)):
        ops.gemm(a, b, trans2=True)
        t0 = time.perf_counter()
        for _ in range(50):
            ops.gemm(a, b, trans2=True)
        out.append(2 * 2000 * 288 * 288 * 50 / (time.perf_counter() - t0) / 1e9)
    return out[0], out[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=6000)
    args = ap.parse_args()
    sentences = _sentences(args.events)
    words = sum(len(s.split()) for s in sentences)
    print(
        f"data: synthetic generator (development data), templated log, {args.events:,} "
        f"events: {len(sentences):,} distinct sentences the NER reads, {words:,} words"
    )
    results = {}
    ctx = mp.get_context("spawn")  # a fresh process each: nothing loaded twice
    with ctx.Pool(1) as pool:
        blis_gf, numpy_gf = pool.apply(_gemm)
    print(f"  one product, one thread: BLIS {blis_gf:.1f} GFLOP/s, numpy {numpy_gf:.1f} GFLOP/s")
    for numpy in (False, True):
        with ctx.Pool(1) as pool:
            results[numpy] = pool.apply(_run, (numpy, sentences))
    for numpy, label in ((False, "thinc's BLIS (spaCy's default)"), (True, "numpy (Warden)")):
        secs = results[numpy][0]
        print(f"  {label:32s} {secs:6.2f} s  {words / secs:8,.0f} words/s (one thread)")
    same = results[False][1] == results[True][1]
    print(f"  speed-up {results[False][0] / results[True][0]:.2f}x; entities the same: {same}")


if __name__ == "__main__":
    main()
