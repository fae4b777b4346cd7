"""Records to DataFrames: one row per record, one column per dataclass field."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pandas as pd


def records_frame(rows: Sequence[object], cls: type) -> pd.DataFrame:
    """``rows`` (instances of dataclass ``cls``) as a DataFrame with ``cls``'s fields as columns,
    in field order; no rows gives the columns with object dtype."""
    columns = [f.name for f in dataclasses.fields(cls)]
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    return pd.DataFrame([dataclasses.asdict(r) for r in rows])[columns]  # type: ignore[call-overload]
