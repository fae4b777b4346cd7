"""ckextract: Japanese ministry network-table PDFs → a DuckDB warehouse.

Stages, one module (or package) each, in data-flow order:
``discover`` → ``extract`` → ``normalize`` (via ``layouts``) → ``warehouse`` → ``report``.
"""

__version__ = "0.1.0"
PARSER_VERSION = "3"
"""Bumped whenever extraction or normalization output changes for the same PDF."""
