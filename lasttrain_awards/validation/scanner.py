"""Validating a data directory: syntax, schema, then the rules, all findings collected.

`scan` streams: films, events and sources are read first and kept (they are few); award
files are then read, checked and handed to an optional sink one at a time, so memory
stays bounded whatever the number of records. The bytes read also give the fingerprint.

Reading a file (parse, schema verdict, entries) needs nothing from the others, so for a
large dataset worker processes read the award files ahead, a bounded window at a time,
while this process runs the cross-file rules and the sink on each in order.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import Any

from lasttrain_awards.findings import Finding, Report, Severity
from lasttrain_awards.paths import check_dataset
from lasttrain_awards.validation.entries import SMALL_ENTITIES, Dataset, Entry, entries_of
from lasttrain_awards.validation.fingerprint import combine_fingerprint, file_digest
from lasttrain_awards.validation.jsonfile import DocumentError, parse_fast, strict_findings
from lasttrain_awards.validation.jsonschemas import schema_findings
from lasttrain_awards.validation.positions import with_lines
from lasttrain_awards.validation.rules import Context, run_rules, select_rules
from lasttrain_awards.validation.walk import FOLDER_SCHEMAS, iter_data_files, read_data_file


@dataclass
class Sink:
    """Where a scan hands what it has checked, while everything so far is valid (a loader)."""

    small: Callable[[Dataset], None]
    awards: Callable[[list[Entry]], None]


@dataclass
class FileCheck:
    """What reading one file found: its digest, findings, valid entries, and every id it names."""

    digest: bytes
    findings: list[Finding] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)


def check_file(path: Path, name: str, schema: str, data_dir: Path) -> FileCheck:
    """Read, parse and schema-check one data file (no cross-file rule: it can run in a worker)."""
    try:
        data = read_data_file(path, data_dir)
    except OSError as exc:
        message = f"cannot read: {exc.strerror or exc}"
        return FileCheck(
            file_digest(f"unreadable: {exc}".encode()), [Finding(file=name, rule="syntax", message=message)]
        )
    checked = FileCheck(file_digest(data))
    try:
        content, text = parse_fast(data, name)
    except DocumentError as exc:
        checked.findings = exc.findings
        return checked
    errors = list(schema_findings(schema, content, name))
    if errors:
        # The fast parser leaves some strict checks (nesting depth) to files that fail anyway.
        problems = strict_findings(content, text, name)
        if problems:
            checked.findings = problems
            return checked
    checked.findings = errors
    checked.entries, checked.ids = entries_of(schema, name, content, (f.path or "$" for f in errors))
    return checked


PARALLEL_MIN_BYTES = 1 << 20  # smaller award files in all are read in this process: workers would not pay off
WINDOW_PER_WORKER = 4  # files read ahead per worker: bounds the memory of results not yet used
PARENT_CHECK_SECONDS = 0.5
MAX_WORKERS = 8  # beyond this the main process (rules, inserts) is the bottleneck anyway


def _worker_setup(parent: int) -> None:
    """In a worker: leave Ctrl-C to the parent (which stops the pool), and exit as soon as the
    parent is gone (killed, say) instead of waiting forever on its queue.

    A SIGINT in a worker could stop it holding the pool's result lock, deadlocking the others.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


@contextlib.contextmanager
def _sigint_deferred() -> Iterator[None]:
    """Hold Ctrl-C back meanwhile: it arrives (and interrupts) right after; processes forked
    meanwhile start with it blocked, so none can die of it before its initializer ignores it."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _total_size(paths: Iterable[Path]) -> int:
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):  # reading it will report the problem
            total += path.stat().st_size
    return total


def _workers() -> int:
    """Worker processes for large datasets: AWARDS_WORKERS (default 1, none), at most one per CPU.

    Off by default: each parsed record is pickled to the parent, which costs about what the parsing
    saves, and the workers hold memory of their own (the figures are in docs/scale.md).
    """
    try:
        wanted = int(os.environ.get("AWARDS_WORKERS", "1"))
    except ValueError:
        wanted = 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(wanted, cpus, MAX_WORKERS))


def _checked(files: list[tuple[Path, str, str]], data_dir: Path, workers: int) -> Generator[FileCheck, None, None]:
    """Each file's check, in order: in this process, or read ahead by `workers` processes."""
    if workers < 2:
        for path, name, schema in files:
            yield check_file(path, name, schema, data_dir)
        return
    # fork: workers start at once with the schemas already compiled; they touch no database.
    # multiprocessing.Pool: its workers are daemons, and terminate() stops them whatever state
    # they are in, so an error, a Ctrl-C or a failed fork never leaves the process waiting on them.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    with _sigint_deferred():
        pool = multiprocessing.get_context(method).Pool(
            min(workers, len(files)), initializer=_worker_setup, initargs=(os.getpid(),)
        )
    try:
        ahead: deque[AsyncResult[FileCheck]] = deque()
        queue = iter(files)
        while True:
            while len(ahead) < workers * WINDOW_PER_WORKER and (item := next(queue, None)) is not None:
                ahead.append(pool.apply_async(check_file, (*item, data_dir)))
            if not ahead:
                break
            yield ahead.popleft().get()
        pool.close()
        pool.join()
    except BaseException:
        _stop_at_once(pool)
        raise
    finally:
        pool.terminate()  # after join, nothing left to stop; after _stop_at_once, it returns at once


def _stop_at_once(pool: Pool) -> None:
    """After an error or a Ctrl-C: kill the workers, and let Pool.terminate skip the queue handshake,
    which can deadlock (its task thread waiting forever on the input queue's lock while terminate()
    joins it). Killed workers read nothing more; the pool's own threads are daemons, and are told the
    pool is over before they can start new workers."""
    from multiprocessing.pool import TERMINATE

    inside: Any = pool  # the pool's own parts: CPython's multiprocessing.pool, unchanged since 3.8
    inside._worker_handler._state = TERMINATE  # no replacement for the workers killed below
    for process in inside._pool:
        process.kill()
    for process in inside._pool:
        process.join(timeout=5)
    inside._task_handler._state = TERMINATE
    inside._result_handler._state = TERMINATE
    inside._terminate.cancel()  # its finalizer would join the stuck task thread, now or at exit
    inside.terminate = lambda: None  # and so would terminate()


@dataclass
class Scan:
    dataset: Dataset  # films, events, sources; award records only when kept
    report: Report
    fingerprint: str


def scan(
    data_dir: Path,
    context: Context | None = None,
    rules: Iterable[str] | None = None,
    sink: Sink | None = None,
    keep_awards: bool = False,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> Scan:
    """Check every file of the dataset, streaming the award files; place every finding by line.

    `workers`: processes that read award files ahead (default: one per CPU when the award files
    hold PARALLEL_MIN_BYTES or more, else none). The result is the same either way.
    """
    check_dataset(data_dir)
    context = context or Context()
    chosen = frozenset(rules) if rules is not None else select_rules()
    dataset = Dataset()
    findings: list[Finding] = []
    digests: dict[str, bytes] = {}
    paths: dict[str, Path] = {}
    kept: list[Entry] = []

    def take(path: Path, name: str, schema: str, checked: FileCheck) -> list[Entry]:
        paths[name] = path
        digests[name] = checked.digest
        findings.extend(checked.findings)
        if schema in SMALL_ENTITIES:  # a film, event, source or refuted file: its schema names its entity
            dataset.known_ids[schema].update(checked.ids)
        return checked.entries

    checked_up_to, errors = 0, False

    def clean() -> bool:
        """No error so far: looks only at the findings added since the last call (a large archive
        gathers thousands of warnings; rescanning them for every file would be quadratic)."""
        nonlocal checked_up_to, errors
        errors = errors or any(f.severity == "error" and f.rule in chosen for f in findings[checked_up_to:])
        checked_up_to = len(findings)
        return not errors

    def check(pass_findings: Iterable[Finding]) -> None:
        findings.extend(f for f in pass_findings if f.rule in chosen)

    walked = list(iter_data_files(data_dir))
    dataset.know_file_names(walked)
    for item in walked:
        if item.problem:  # never skipped in silence: a syntax finding, which no --ignore can hide
            findings.append(Finding(file=item.name, rule="syntax", message=item.problem))
    files = [(path, name, schema) for path, name, schema, problem in walked if not problem]
    if (data_dir / "awards").is_dir() and not any(schema == "awards-file" for _, _, schema in files):
        # A new film's record starts empty (`awards init`): worth saying, not an error.
        message = "no award records yet: a dataset holds its records in awards/<event-id>.json"
        findings.append(Finding(file="awards", rule="syntax", message=message, severity=Severity.WARNING))
    for path, name, schema in files:
        if schema is None:
            expected = ", ".join(f"{folder}/*.json" for folder in FOLDER_SCHEMAS)
            what = "folder" if path.is_dir() else "file"
            findings.append(Finding(file=name, rule="layout", message=f"unexpected {what}: data files are {expected}"))
        elif schema in SMALL_ENTITIES:
            for entry in take(path, name, schema, check_file(path, name, schema, data_dir)):
                dataset.entries[entry.entity].append(entry)
    check(run_rules(dataset, context, chosen))  # phase "small"
    if sink and clean():
        sink.small(dataset)
    dataset.phase = "awards"
    award_files = [(path, name, schema) for path, name, schema in files if schema == "awards-file"]
    if workers is None:
        workers = _workers() if _total_size(p for p, _, _ in award_files) >= PARALLEL_MIN_BYTES else 1
    checks = _checked(award_files, data_dir, workers)
    try:
        for done, ((path, name, schema), checked) in enumerate(zip(award_files, checks, strict=True), 1):
            dataset.entries["award"] = take(path, name, schema, checked)
            check(run_rules(dataset, context, chosen))
            if sink and clean():
                sink.awards(dataset.awards)
            if keep_awards:
                kept.extend(dataset.awards)
            if progress:
                progress(done, len(award_files))
    finally:
        checks.close()  # a sink that failed stops the workers now, not when the traceback is freed
    dataset.entries["award"] = []
    dataset.phase = "end"
    check(run_rules(dataset, context, chosen))
    dataset.entries["award"] = kept

    strays = sum(1 for _, _, schema in files if schema is None) + sum(1 for item in walked if item.problem)
    report = Report(files_checked=len(digests) + strays, root=data_dir)
    report.add(with_lines((f for f in findings if f.rule in chosen), functools.partial(_text, paths)))
    return Scan(dataset, report, combine_fingerprint(digests))


def _text(paths: dict[str, Path], name: str) -> str | None:
    """A data file's text, read again to place its findings by line (one file at a time)."""
    if name not in paths:
        return None
    try:
        return paths[name].read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def validate(
    data_dir: Path, context: Context | None = None, rules: Iterable[str] | None = None
) -> tuple[Dataset, Report]:
    """Check a (small) dataset and keep all its entries, award records included."""
    result = scan(data_dir, context, rules, keep_awards=True)
    return result.dataset, result.report
