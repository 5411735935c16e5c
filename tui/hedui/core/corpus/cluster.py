"""Extraction on an existing Dask cluster: ``extract_records`` (a plain function of a report's
bytes) mapped over the files, results in input order.

The files are read here and their bytes sent to the workers, so the workers need hedui
installed (``pip install 'hedui[cluster]'``) but not the reports. A ``rules_dir`` must be
readable at the same path on every worker (the bundled rules always are).
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from hedui.core.corpus.cached import read_report
from hedui.core.corpus.extraction import extract_records
from hedui.core.corpus.parallel import Result
from hedui.core.model import HeduiError

#: reports in flight on the cluster at once (bounds the memory of this process)
IN_FLIGHT = 256


def connect(address: str) -> Any:
    """A ``distributed.Client`` of the scheduler at ``address``; HeduiError if it cannot be had."""
    try:
        from distributed import Client
    except ImportError:
        raise HeduiError("--dask needs the cluster extra: pip install 'hedui[cluster]'") from None
    try:
        _reachable(address)
        return Client(address, timeout=10)
    except (OSError, TimeoutError, ValueError) as exc:
        raise HeduiError(f"{address}: cannot reach the Dask scheduler ({exc})") from None


def _reachable(address: str) -> None:
    """Fail at once (OSError) on a tcp address nothing listens at, instead of after the
    client's timeout."""
    import socket
    from urllib.parse import urlsplit

    if "://" not in address or not address.startswith("tcp://"):
        return
    parts = urlsplit(address)
    if parts.hostname and parts.port:
        socket.create_connection((parts.hostname, parts.port), timeout=5).close()


def extract_on_cluster(client: Any, paths: list[Path], rules_dir: Path | None = None, excluded: bool = False,
                       on_done: Callable[[], None] | None = None) -> Iterator[Result]:
    """``(path, records, error)`` per report, in input order (see the module doc)."""
    rules = str(rules_dir) if rules_dir is not None else None
    window: deque[tuple[Path, Any]] = deque()

    def settle(path: Path, outcome: Any) -> Result:
        if on_done is not None:
            on_done()
        if isinstance(outcome, str):
            return path, None, outcome
        try:
            return path, outcome.result(), None
        except HeduiError as exc:
            return path, None, str(exc)
        except Exception as exc:  # a worker's failure costs this report only
            return path, None, f"{path}: cannot extract on the cluster ({type(exc).__name__}: {exc})"

    for path in paths:
        try:
            data, _ = read_report(path)
        except HeduiError as exc:
            window.append((path, str(exc)))
        else:
            window.append((path, client.submit(extract_records, data, str(path), rules, excluded, pure=False)))
        while len(window) > IN_FLIGHT or (window and isinstance(window[0][1], str)):
            yield settle(*window.popleft())
    while window:
        yield settle(*window.popleft())
