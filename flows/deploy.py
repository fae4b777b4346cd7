"""Scheduled re-ingestion: serve the ingest flow as a Prefect deployment on a cron schedule.

Scheduling needs a real Prefect server (the temporary one refuses):

    prefect server start                                   # once, in another terminal
    export PREFECT_API_URL=http://127.0.0.1:4200/api
    ckextract serve --cron "0 6 * * *"                     # or: python -m flows.deploy

The process then polls the server and runs each scheduled ingest in-process.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ckextract.settings import IngestOptions
from flows.ingest import ingest_flow

DEPLOYMENT = "ckextract-reingest"


def deployment(cron: str, paths: list[str], db_path: str, name: str = DEPLOYMENT) -> Any:
    """The re-ingestion deployment (not yet registered)."""
    return ingest_flow.to_deployment(
        name=name,
        cron=cron,
        parameters={
            "options": IngestOptions(
                sources=tuple(Path(p) for p in paths), db_path=Path(db_path)
            ).to_mapping()
        },
        description="Re-ingest the sources manifest: fetch new editions, load what changed.",
        tags=["ckextract"],
    )


def serve(cron: str, paths: list[str], db_path: str, name: str = DEPLOYMENT) -> None:
    """Register the deployment and run its scheduled flow runs until interrupted."""
    from prefect import serve as prefect_serve

    prefect_serve(deployment(cron, paths, db_path, name))


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cron", default="0 6 * * *")
    parser.add_argument("--db", default="warehouse/ckextract.duckdb")
    parser.add_argument("paths", nargs="*", default=["raw_pdfs"])
    args = parser.parse_args()
    serve(args.cron, args.paths, args.db)
