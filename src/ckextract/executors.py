"""Executors: where the stages of :data:`ckextract.stages.STAGES` run.

An executor offers two things to :func:`ckextract.pipeline.run`:

- ``map(stage, items)`` runs a stage over many items (the extraction's work units), in
  parallel where the executor can, and returns the results in order; an item whose
  stage raised becomes :class:`Failed` (a value: one bad item never stops the others);
- ``call(stage, *args)`` runs a stage once, in this process (it may hold the warehouse).

:class:`SerialExecutor`, :class:`ProcessExecutor` and :class:`DaskExecutor` are the local
engine's; ``flows/ingest.py`` has the Prefect one, whose tasks run on a thread pool, a
process pool or Dask (prefect-dask) by the same options.
"""

from __future__ import annotations

import logging
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Protocol

from ckextract.errors import CkExtractError, InterruptedRun
from ckextract.settings import IngestOptions
from ckextract.stages import Stage

POLL_SECONDS = 0.2
"""While mapped items run elsewhere, how often the executor looks for a stop request."""
StopCheck = Callable[[], None]


def _no_stop() -> None:
    return None


@dataclass(frozen=True, slots=True)
class Failed:
    """A mapped item whose stage raised (after the executor's retries, if any)."""

    error: str

    @classmethod
    def of(cls, exc: BaseException) -> Failed:
        text = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
        return cls(f"{type(exc).__name__}: {text}" if text else type(exc).__name__)


class Executor(Protocol):
    name: str
    """Recorded as the run's engine (``ingest_runs.engine``)."""
    parallel: bool
    """Whether items run side by side (then a long document is split into page chunks)."""

    def map(self, stage: Stage, items: Sequence[Any], stop: StopCheck | None = None) -> list[Any]: ...

    def call(self, stage: Stage, *args: Any) -> Any: ...

    def __enter__(self) -> Executor: ...

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


class SerialExecutor:
    """Every stage in this process, one item after another."""

    parallel = False

    def __init__(self, name: str = "serial") -> None:
        self.name = name

    def __enter__(self) -> SerialExecutor:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None

    def map(self, stage: Stage, items: Sequence[Any], stop: StopCheck | None = None) -> list[Any]:
        out: list[Any] = []
        for item in items:
            (stop or _no_stop)()
            try:
                out.append(stage(item))
            except InterruptedRun:
                raise
            except Exception as exc:
                out.append(Failed.of(exc))
        return out

    def call(self, stage: Stage, *args: Any) -> Any:
        return stage(*args)


class ProcessExecutor(SerialExecutor):
    """Mapped stages in ``workers`` processes (pdfplumber is pure Python: threads would not
    run in parallel). Processes are spawned, not forked: no lock or connection is inherited."""

    parallel = True

    def __init__(self, workers: int) -> None:
        super().__init__("process")
        self.workers = workers
        self._pool: Any = None

    def __enter__(self) -> ProcessExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from ckextract.interrupts import ignore_in_worker

        self._pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=ignore_in_worker,
        )
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._pool is None:
            return
        if kind is None:
            self._pool.shutdown(wait=True)
        else:  # stopping: do not wait for work under way
            # Python 3.11 has no public way to stop busy workers (3.14: terminate_workers)
            workers = list((getattr(self._pool, "_processes", None) or {}).values())
            self._pool.shutdown(wait=False, cancel_futures=True)
            for process in workers:
                process.terminate()
        self._pool = None

    def map(self, stage: Stage, items: Sequence[Any], stop: StopCheck | None = None) -> list[Any]:
        from concurrent.futures import FIRST_EXCEPTION, wait

        assert self._pool is not None, "use the executor in a with block"
        futures = [self._pool.submit(stage.fn, item) for item in items]
        pending = set(futures)
        while pending:
            (stop or _no_stop)()
            _, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_EXCEPTION)
        out: list[Any] = []
        for future in futures:
            try:
                out.append(future.result())
            except Exception as exc:  # a worker that died (BrokenProcessPool) included
                out.append(Failed.of(exc))
        return out


class DaskUnavailableError(CkExtractError):
    def __init__(self) -> None:
        super().__init__("--dask needs the dask extra: pip install 'ckextract[dask]'")


def quiet_dask_warnings() -> None:
    """Dask's start-up warnings (another cluster's dashboard port in use, and the like) are
    for --verbose: a run's output is its summary."""
    warnings.filterwarnings("ignore", category=UserWarning, module=r"distributed(\..*)?")


class DaskExecutor(SerialExecutor):
    """Mapped stages on a Dask cluster: a scheduler's address, or ``local`` for a new
    LocalCluster of ``workers`` single-threaded worker processes (closed at the end)."""

    parallel = True

    def __init__(self, address: str, workers: int = 1, verbose: bool = False) -> None:
        super().__init__("dask")
        self.address = address
        self.workers = workers
        self.verbose = verbose
        self._client: Any = None
        self._cluster: Any = None

    def __enter__(self) -> DaskExecutor:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise DaskUnavailableError() from exc
        quiet = logging.WARNING if self.verbose else logging.ERROR
        for name in ("distributed", "dask"):
            logging.getLogger(name).setLevel(quiet)
        if not self.verbose:
            quiet_dask_warnings()
        if self.address == "local":
            self._cluster = LocalCluster(
                n_workers=max(self.workers, 1),
                processes=True,
                threads_per_worker=1,
                dashboard_address=None,
                silence_logs=quiet,
            )
            self._client = Client(self._cluster)
        else:
            self._client = Client(self.address)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None

    def map(self, stage: Stage, items: Sequence[Any], stop: StopCheck | None = None) -> list[Any]:
        assert self._client is not None, "use the executor in a with block"
        futures = self._client.map(stage.fn, list(items), pure=False)
        try:
            while not all(f.done() for f in futures):
                (stop or _no_stop)()
                time.sleep(POLL_SECONDS)
        except BaseException:
            self._client.cancel(futures)
            raise
        out: list[Any] = []
        for future in futures:
            try:
                out.append(future.result())
            except Exception as exc:
                out.append(Failed.of(exc))
        return out


def local_executor(options: IngestOptions, verbose: bool = False) -> Executor:
    """The local engine's executor for ``options``: Dask if asked, else processes if more
    than one worker, else this process."""
    if options.dask is not None:
        return DaskExecutor(options.dask, options.workers, verbose)
    if options.workers > 1:
        return ProcessExecutor(options.workers)
    return SerialExecutor()
