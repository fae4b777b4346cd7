"""Stage 4, validate: the data-quality gate (Great Expectations) between normalize and load.

``checks.py`` lists every check with its severity, in one place; ``frames.py``
builds the DataFrames they run on; ``gate.py`` runs them with GX and decides,
per document, whether its records load or go to quarantine.
"""
