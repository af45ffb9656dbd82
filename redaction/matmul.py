"""Matrix products of the spaCy models through numpy's BLAS rather than thinc's BLIS.

thinc's ``NumpyOps`` multiplies matrices with the BLIS library bundled in the ``blis``
package by default. On the machines Warden is developed and tested on (x86-64, AVX2)
numpy's OpenBLAS does the same product about three times as fast on one thread, and the
English NER reads 1.3 times as many words a second with it (``benchmarks/bench_matmul.py``
prints both); that NER is about a third of an ingest's time. ``NumpyOps(use_blis=False)``
is thinc's own switch to numpy; :func:`use_numpy_matmul` puts it on every layer of a
loaded pipeline. The transition parser's own small per-step products are compiled against
BLIS and stay as they are.

The results are the same products summed in another order: on the 4,117 distinct
sentences the English NER reads in the benchmark's templated log the entities were the
same, character for character, and no redacted output changed on the 9,348 generator and
English texts and 3,945 development lines in 15 languages Warden's rules are checked on.

A process that runs beside others on the same cores (a redaction worker, a Spark
executor) gives BLAS one thread: :func:`one_blas_thread`.
"""

from __future__ import annotations

from spacy.language import Language
from thinc.api import NumpyOps

_OPS = NumpyOps(use_blis=False)


def use_numpy_matmul(nlp: Language) -> Language:
    """``nlp`` with every layer of every component's model multiplying through numpy."""
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:  # never a GPU's ops
                node.ops = _OPS
    return nlp


def one_blas_thread() -> None:
    """Limit numpy's BLAS to one thread in this process (each redaction worker already
    has a core of its own; more threads would only contend for it)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
