"""Link stage: related briefings, each with a reason a reader understands.

TF-IDF over each article's body and entities, cosine similarity as one sparse matrix
product, top-k per row; no Python loop over pairs, so thousands of briefings stay fast.
"""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from .model import Analysis, Related

TOP_K = 5
MIN_SIMILARITY = 0.05


def _entity_terms(analysis: Analysis) -> list[str]:
    e = analysis.entities
    return sorted(set(e.people) | set(e.organizations) | set(e.places))


def _speakers(analysis: Analysis) -> set[str]:
    return {q.speaker for q in analysis.quotes if q.speaker}


def _why(a: Analysis, b: Analysis, shared_terms: list[str]) -> str:
    speakers = sorted(_speakers(a) & _speakers(b))
    if speakers:
        return "shared speakers: " + ", ".join(speakers[:4])
    people = sorted(set(a.entities.people) & set(b.entities.people))
    if people:
        return "shared people: " + ", ".join(people[:4])
    entities = sorted(set(_entity_terms(a)) & set(_entity_terms(b)))
    if entities:
        return "shared names: " + ", ".join(entities[:4])
    return "shared topics: " + ", ".join(shared_terms[:4])


def relate(analyses: list[Analysis], slugs: list[str]) -> list[tuple[Related, ...]]:
    """For each analysis (same order as `slugs`), its most related others, best first."""
    n = len(analyses)
    if n < 2:
        return [()] * n
    docs = [" ".join(p.text for p in a.document.paragraphs) + " " + " ".join(_entity_terms(a)) for a in analyses]
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1, max_df=0.9 if n > 10 else 1.0)
    matrix = vectorizer.fit_transform(docs)
    terms = vectorizer.get_feature_names_out()
    sims = (matrix @ matrix.T).tocsr()
    sims.setdiag(0)
    sims.eliminate_zeros()
    out: list[tuple[Related, ...]] = []
    for i in range(n):
        row = sims.getrow(i)
        if row.nnz == 0:
            out.append(())
            continue
        # best first; ties broken by slug so the order is the same on every run
        order = sorted(zip(-row.data, [slugs[j] for j in row.indices], row.indices, strict=True))
        related = []
        for neg, _, j in order[:TOP_K]:
            if -neg < MIN_SIMILARITY:
                break
            both = matrix.getrow(i).multiply(matrix.getrow(j))
            top = both.indices[np.argsort(-both.data, kind="stable")][:4]
            shared = [str(terms[t]) for t in top]
            related.append(Related(slugs[j], analyses[j].document.title, _why(analyses[i], analyses[j], shared)))
        out.append(tuple(related))
    return out
