"""Stage 5, load: the DuckDB warehouse. :class:`Warehouse` owns the connection, the
migrations and every transaction; the modules beside it hold the SQL of what it writes."""

from ckextract.warehouse.db import Warehouse

__all__ = ["Warehouse"]
