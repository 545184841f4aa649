"""Writing a demo office database: validation, chunked inserts, atomic move into place."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from collections.abc import Callable
from pathlib import Path

from ocop_desktop.demo.constants import (
    CHUNK,
    DEMO_TODAY,
    DemoResult,
)
from ocop_desktop.demo.generator import (
    _Generator,
)
from ocop_desktop.domain import geography
from ocop_desktop.domain.vocab import OfficeRole
from ocop_desktop.errors import BadInput
from ocop_desktop.i18n import _

# ---------------------------------------------------------------------------------
# Public entry point
# ---------------------------------------------------------------------------------

def build_demo(path: os.PathLike[str] | str, *, products: int = 240, producers: int | None = None,
               province: str = "Cao Bằng", seed: int = 1, force: bool = False, role: str | None = None,
               today: dt.date | None = None,
               progress: Callable[[int, int], None] | None = None, sync_story: bool = False,
               with_decisions: bool = False) -> DemoResult:
    """Write a demo office database to ``path`` and return what it holds.

    ``producers`` defaults to about half the products. ``role`` "field" or "province" forces
    the kind of office; None picks a field office unless the data set needs most of the
    province's communes. ``progress(done, total)`` is called
    now and then with the number of records written. ``with_decisions``: recognition decisions and
    certificates for the 3★–5★ products, dated around today (:mod:`demo.decisions`). ``sync_story``:
    a provincial office also
    gets two field offices and a history of real bundles (:mod:`demo.sync_story`). Raises
    :class:`BadInput` for an existing file without ``force``, an unknown province or negative
    sizes.
    """
    started = time.perf_counter()
    path = Path(path).expanduser().absolute()
    if role not in (None, *OfficeRole):
        raise BadInput(_("--role is field or province."))
    if products < 0 or (producers is not None and producers < 1):
        raise BadInput(_("--products must be 0 or more and --producers at least 1."))
    prov = geography.find_province(province)
    if prov is None:
        raise BadInput(_("Unknown province “{name}”: use one of the 34 provinces, e.g. “Cao Bằng”.").format(
            name=province))
    if path.is_dir():
        raise BadInput(_("{path} is a folder, not a database file.").format(path=path))
    if path.exists() and not force:
        raise BadInput(_("The file {path} already exists. Choose another file, or use --force to replace it.")
                       .format(path=path))
    n_products = products
    n_producers = producers if producers is not None else (products + 1) // 2
    today = today or DEMO_TODAY

    tmp = building_path(path)
    _remove_partial(tmp)
    try:
        counts = _build(tmp, prov, n_products, n_producers, seed, today, progress, role)
        if with_decisions:
            from ocop_desktop.demo.cycle_ideas import add_ideas
            from ocop_desktop.demo.cycle_training import add_training_support
            from ocop_desktop.demo.decisions import add_decisions
            from ocop_desktop.demo.evaluations import add_evaluations

            add_decisions(tmp)
            add_evaluations(tmp, seed=seed)
            add_ideas(tmp, seed=seed, today=today)
            from ocop_desktop.demo.cycle_events import add_trade_events

            add_trade_events(tmp)  # dated around the real today, like the decisions
            add_training_support(tmp, prov.code)
            from ocop_desktop.demo.plans import add_plans

            add_plans(tmp, prov.code)  # after the records whose figures its targets are sized on
        if sync_story and counts[3] == OfficeRole.PROVINCE:
            from ocop_desktop.demo.sync_story import add_sync_history

            add_sync_history(tmp)
        _mark_complete(tmp)
        _move_into_place(tmp, path)
    except BaseException:
        _remove_partial(tmp)
        raise
    return DemoResult(path=path, producers=counts[0], products=counts[1], office_name=counts[2],
                      office_role=counts[3], communes=counts[4], seconds=time.perf_counter() - started)


# ---------------------------------------------------------------------------------
# Building under a temporary name; a complete demo
# ---------------------------------------------------------------------------------

COMPLETE_KEY = "demo_build"  # AppMeta: written last, lists the files next to the database that belong to it


def building_path(path: Path) -> Path:
    """Where a demo is built before it takes its final name."""
    return path.with_name(path.name + ".building")


def is_complete(path: os.PathLike[str] | str) -> bool:
    """True when ``path`` is a demo whose build finished: its completion mark is there and
    every file it lists (the field offices of the sync story…) exists. A demo from before the
    mark, a damaged file or a missing field office is incomplete (``./run.sh --demo`` rebuilds).
    Read with the ``sqlite3`` module, read-only (start-up stays fast, nothing is written)."""
    import json
    import sqlite3

    from ocop_desktop import paths

    path = Path(path)
    if not path.is_file():
        return False
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM app_meta WHERE key = ?", (COMPLETE_KEY,)).fetchone()
        finally:
            con.close()
        files = json.loads(row[0])["files"] if row else None
    except (sqlite3.Error, ValueError, KeyError, TypeError):
        return False
    if not isinstance(files, list):
        return False
    folder = paths.office_files_dir(path)
    return all(isinstance(f, str) and (folder / f).is_file() for f in files)


def _mark_complete(tmp: Path) -> None:
    """The last write of a build: the mark :func:`is_complete` looks for, with the databases
    made next to this one (relative to its files folder, so they hold after the move)."""
    import json

    from ocop_desktop import paths
    from ocop_desktop.db import Database
    from ocop_desktop.models import AppMeta

    folder = paths.office_files_dir(tmp)
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.sqlite")) if folder.is_dir() else []
    db = Database.open(tmp)
    try:
        with db.session() as s:
            s.merge(AppMeta(key=COMPLETE_KEY, value=json.dumps({"files": files})))
        with db.engine.begin() as con:
            from sqlalchemy import text

            con.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    finally:
        db.close()


def _remove_db_files(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal", ".open", ".lock"):
        with contextlib.suppress(FileNotFoundError):
            db.with_name(db.name + suffix).unlink()


def _remove_partial(tmp: Path) -> None:
    """A build's temporary database and its files folder (left by an interrupted build too)."""
    import shutil

    from ocop_desktop import paths

    _remove_db_files(tmp)
    shutil.rmtree(paths.office_files_dir(tmp), ignore_errors=True)


def _move_into_place(tmp: Path, path: Path) -> None:
    """Replace ``path`` (and what its files folder holds) by the finished ``tmp``, unless another OCOP
    Desktop has it open. The old database goes first and the new one is renamed last, so at
    no moment does the final name hold a half-made demo: an interruption leaves no demo, and
    ``./run.sh --demo`` builds it again."""
    import shutil

    from ocop_desktop import paths
    from ocop_desktop.db import _acquire_lock

    path.parent.mkdir(parents=True, exist_ok=True)
    lock = _acquire_lock(path)  # raises DatabaseLocked when the old file is in use
    try:
        new_files, old_files = paths.office_files_dir(tmp), paths.office_files_dir(path)
        if new_files.is_dir():
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            for suffix in ("-wal", "-shm", ".open"):
                with contextlib.suppress(FileNotFoundError):
                    path.with_name(path.name + suffix).unlink()
            # Folder by folder (field offices, sync reports…): anything else there (backups) stays.
            old_files.mkdir(parents=True, exist_ok=True)
            for item in sorted(new_files.iterdir()):
                target = old_files / item.name
                if target.is_dir():
                    shutil.rmtree(target)
                elif target.exists():
                    target.unlink()
                os.replace(item, target)
            new_files.rmdir()
        else:
            for suffix in ("-wal", "-shm", ".open"):
                with contextlib.suppress(FileNotFoundError):
                    path.with_name(path.name + suffix).unlink()
        wal = tmp.with_name(tmp.name + "-wal")
        if wal.exists():  # normally checkpointed and removed on close; never leave it behind
            os.replace(wal, path.with_name(path.name + "-wal"))
        os.replace(tmp, path)
        with contextlib.suppress(FileNotFoundError):
            tmp.with_name(tmp.name + "-shm").unlink()
    finally:
        lock.release()
    with contextlib.suppress(FileNotFoundError):
        tmp.with_name(tmp.name + ".lock").unlink()


def _build(db_path: Path, prov: geography.Province, n_products: int, n_producers: int, seed: int,
           today: dt.date, progress: Callable[[int, int], None] | None,
           role: str | None = None) -> tuple[int, int, str, str, int]:
    from ocop_desktop.db import Database
    from ocop_desktop.models import Office, Producer, Product
    from ocop_desktop.services import office as office_service
    from ocop_desktop.services.producers import _apply as apply_producer
    from ocop_desktop.services.products import format_product_code
    from ocop_desktop.services.validation import validate_producer

    gen = _Generator(prov, seed, today)
    office_name, role, communes = gen.plan_office(n_products, role)
    total = n_producers + n_products
    done = n_made_products = 0

    db = Database.open(db_path)
    try:
        with db.session() as s:
            # The office row is made first with ids from the seed, then set up by the service.
            s.add(Office(id=gen.new_id(), incarnation=gen.new_id(), is_local=True, name=office_name, role=role,
                         province_code=prov.code))
            s.flush()
            officer = gen.person(communes[0], female_share=0.5).name
            info = office_service.save_local_office(s, office_service.OfficeData(
                name=office_name, role=role, province_code=prov.code,
                commune_codes=communes if role == OfficeRole.FIELD else [], officer_name=officer))
            s.info["office_id"] = info.id
            office_communes = list(info.commune_codes)
            from ocop_desktop.sync import profiles

            profiles.ensure_local_keys(s)  # the office row came first, so the setup did not make them

            # -- producers ------------------------------------------------------------------
            plans = gen.plan_producers(n_producers, office_communes)
            batch: list[object] = []
            for plan in plans:
                norm = gen.producer_data(plan).normalised()
                errors = validate_producer(norm, today=today, office_communes=office_communes)
                if errors:  # a generator bug, never the user's input
                    raise RuntimeError(f"demo producer {norm.name!r} is invalid: {errors}")
                obj = Producer(id=gen.new_id())
                apply_producer(obj, norm)
                plan.id = obj.id
                batch.append(obj)
                if len(batch) >= CHUNK:
                    done += _flush(s, batch, progress, done, total)
            done += _flush(s, batch, progress, done, total)

            # -- products --------------------------------------------------------------------
            batch = []
            for data in gen.plan_products(plans, n_products):
                batch.append(Product(
                    id=gen.new_id(), name=data.name, producer_id=data.producer_id, product_set=data.product_set,
                    commune_code=data.commune_code, description=data.description,
                    certifications=data.certifications, status=data.status, stars=data.stars,
                    code_serial=data.code_serial, code_year=data.code_year, photos=data.photos,
                    code=format_product_code(prov.code, data.commune_code, data.code_serial, data.code_year)))
                n_made_products += 1
                if len(batch) >= CHUNK:
                    done += _flush(s, batch, progress, done, total)
            done += _flush(s, batch, progress, done, total)
        db.refresh_office()
        with db.engine.begin() as con:
            from sqlalchemy import text

            con.execute(text("PRAGMA optimize"))
            # Everything into the main file, so that moving it into place moves the whole office.
            con.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    finally:
        db.close()
    return len(plans), n_made_products, office_name, role, len(office_communes)


def _flush(session, batch: list, progress, done: int, total: int) -> int:  # noqa: ANN001
    """Add and flush one chunk (the change-log rows are written by the flush hook)."""
    n = len(batch)
    if not n:
        return 0
    session.add_all(batch)
    session.flush()
    # Forget the flushed objects (and their change-log rows): keeps memory small.
    session.expunge_all()
    batch.clear()
    if progress:
        progress(done + n, total)
    return n
