"""Stage 5, load: the DuckDB warehouse (schema by migrations, one transaction per document)."""

from ckextract.warehouse.db import connect, migrate
from ckextract.warehouse.load import load_document, record_rejection

__all__ = ["connect", "load_document", "migrate", "record_rejection"]
