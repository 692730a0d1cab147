"""Notes on evaluation rows: short English fragments joined with '; '.

Each fragment is a fixed msgid (``mic2025.vocabulary.NOTE_FRAGMENTS`` lists them for the
catalogues), so a publication translates a note one fragment at a time and a fragment
without a translation stays in English without hiding the rest.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SEPARATOR = "; "


def join_notes(n: int, parts: list[tuple[np.ndarray, object]]) -> np.ndarray:
    """Join note fragments where their mask is true, with '; ' (vectorised)."""
    out = pd.Series([""] * n, dtype=object)
    for mask, text in parts:
        m = np.asarray(mask, dtype=bool)
        if not m.any():
            continue
        piece = pd.Series(text if not isinstance(text, str) else [text] * n, dtype=object)
        joined = np.where(out == "", piece, out + SEPARATOR + piece)
        out = pd.Series(np.where(m, joined, out), dtype=object)
    return out.to_numpy(dtype=object)


def merge_notes(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise join of two note arrays."""
    a_s, b_s = pd.Series(a, dtype=object).fillna(""), pd.Series(b, dtype=object).fillna("")
    both = (a_s != "") & (b_s != "")
    return np.where(both, a_s + SEPARATOR + b_s, np.where(a_s != "", a_s, b_s)).astype(object)
