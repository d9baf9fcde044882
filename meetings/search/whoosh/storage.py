"""The index folders on disk (settings.SEARCH_INDEX_DIR):

CURRENT            name of the live index folder; replaced atomically by rebuild
index-<stamp>/     a whoosh index
REBUILDING         present while a rebuild runs; writers then log ids to PENDING
PENDING            ids written during a rebuild, replayed into the new index
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from whoosh import index as whoosh_index

from .schema import make_schema

POINTER = "CURRENT"
REBUILDING = "REBUILDING"
PENDING = "PENDING"


def root_dir() -> Path:
    return Path(settings.SEARCH_INDEX_DIR)


def live_dir(root: Path) -> Path | None:
    try:
        name = (root / POINTER).read_text().strip()
    except FileNotFoundError:
        return None
    path = root / name
    return path if name and path.is_dir() else None


def new_dir(root: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = root / f"index-{stamp}-{os.getpid()}-{threading.get_ident() % 10000}"
    n = 1
    while path.exists():
        path = path.with_name(f"{path.name}-{n}")
        n += 1
    path.mkdir(parents=True)
    return path


def point_to(root: Path, path: Path) -> None:
    temporary = root / f"{POINTER}.{os.getpid()}.tmp"
    temporary.write_text(path.name + "\n")
    os.replace(temporary, root / POINTER)  # atomic: readers see the old or the new name


def open_live_index():
    root = root_dir()
    path = live_dir(root)
    if path is None:
        root.mkdir(parents=True, exist_ok=True)
        path = new_dir(root)
        whoosh_index.create_in(str(path), make_schema())
        if live_dir(root) is None:
            point_to(root, path)
        else:  # another process got there first
            shutil.rmtree(path, ignore_errors=True)
            path = live_dir(root)
    return whoosh_index.open_dir(str(path)), path


def journal(ids: Iterable[int]) -> None:
    """While a rebuild runs, remember what changed so the new index gets it too."""
    root = root_dir()
    if (root / REBUILDING).exists():
        with open(root / PENDING, "a") as pending:
            pending.write("".join(f"{i}\n" for i in ids))


def take_pending(root: Path) -> set[int]:
    """End a rebuild: the ids written meanwhile, for the caller to write again."""
    pending = root / PENDING
    (root / REBUILDING).unlink(missing_ok=True)
    try:
        ids = {int(line) for line in pending.read_text().split() if line.isdigit()}
    except FileNotFoundError:
        return set()
    pending.unlink(missing_ok=True)
    return ids


def remove_old(root: Path, keep: set) -> None:
    # The previous index stays one generation, for processes still reading it.
    for path in root.glob("index-*"):
        if path.is_dir() and path not in keep:
            shutil.rmtree(path, ignore_errors=True)
