"""What the kit writes into an output folder, and how: safely.

The rules every writer in the kit follows:

- **Atomic writes.** A file is written to a temporary file beside it and renamed
  over its final name (:func:`write_atomic`), so a reader (or a run killed half way)
  sees the old file or the new one, never half of one. A write that fails removes its
  temporary file: a full disk leaves no empty files behind.
- **Only what the kit wrote.** ``python -m kit run`` records, in ``OUT/kit-run.json``
  (:class:`RunRecord`), every file it has written into ``OUT``; it overwrites or
  deletes a file only when the record lists it.
- **One run per folder.** :class:`FolderLock` (``OUT/.kit-run.lock``, created with
  ``O_EXCL``, holding the process id) stops a second run from writing into the same
  folder; a lock left by a process that is gone is taken over.
- **Clear errors.** A full disk becomes a :class:`DiskFullError` whose one-line
  message names the folder.
"""
from __future__ import annotations

import errno
import json
import os
import socket
import tempfile
from pathlib import Path
from typing import Any, Callable

__all__ = ["DiskFullError", "FolderLock", "FolderLockedError", "RunRecord", "is_disk_full",
           "write_atomic", "write_json_atomic"]

#: The record of files written by ``python -m kit run`` in an output folder.
RECORD = "kit-run.json"
#: The lock file of a run in progress.
LOCK = ".kit-run.lock"
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


class DiskFullError(OSError):
    """The disk (or the quota) of the output folder is full."""


class FolderLockedError(RuntimeError):
    """Another run is writing into the same output folder."""


def is_disk_full(error: BaseException) -> bool:
    """Whether ``error`` is (or was caused by) a full disk or an exceeded quota."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, OSError) and error.errno in _FULL:
            return True
        if "[Errno 28]" in str(error) or "No space left on device" in str(error):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def disk_full(folder: str | Path, path: str | Path | None = None) -> DiskFullError:
    """The one-line error for a full disk while writing into ``folder``."""
    what = f" (writing {Path(path).name})" if path is not None else ""
    return DiskFullError(errno.ENOSPC, f"no space left on the disk of {folder}{what}: free some space "
                                       "and run again; the previous exports are kept")


def write_atomic(path: str | Path, data: str | bytes | Callable[[Path], Any], *,
                 encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` atomically: a temporary file beside it, then a rename.

    Parameters
    ----------
    path : path
        The file to write (its folder must exist).
    data : str, bytes or callable
        The content, or a function that writes the content to the temporary path it
        is given (e.g. ``lambda p: frame.to_csv(p)``).
    encoding : str, default "utf-8"
        For ``str`` data. Characters that cannot be encoded (a lone surrogate from a
        file name that is not valid UTF-8) are written as U+FFFD rather than failing.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    DiskFullError
        When the disk is full; no temporary file is left behind.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:60]}.", suffix=".tmp", dir=path.parent)
    tmp_path = Path(tmp)
    try:
        if callable(data):
            os.close(fd)
            fd = -1
            data(tmp_path)
        else:
            raw = data if isinstance(data, bytes) else data.encode(encoding, "replace")
            with os.fdopen(fd, "wb") as f:
                fd = -1
                f.write(raw)
                f.flush()
                os.fsync(f.fileno())
        os.chmod(tmp_path, 0o666 & ~_umask())
        os.replace(tmp_path, path)
    except BaseException as e:
        if fd >= 0:
            os.close(fd)
        tmp_path.unlink(missing_ok=True)
        if isinstance(e, OSError) and is_disk_full(e) and not isinstance(e, DiskFullError):
            raise disk_full(path.parent, path) from e
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_json_atomic(path: str | Path, obj: Any) -> Path:
    """Write ``obj`` as indented JSON (UTF-8), atomically."""
    return write_atomic(path, json.dumps(obj, indent=1, ensure_ascii=False, default=str) + "\n")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


class FolderLock:
    """An exclusive lock on an output folder: ``<folder>/.kit-run.lock`` holding the pid.

    Use as a context manager. A lock whose process is gone (a run killed with
    ``kill -9``) on this machine is stale and is taken over.

    Raises
    ------
    FolderLockedError
        When a live process holds the lock.
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOCK
        self.held = False

    def _holder(self) -> dict[str, Any]:
        try:
            holder = json.loads(self.path.read_text(encoding="utf-8"))
            return holder if isinstance(holder, dict) else {}
        except (OSError, ValueError):
            return {}

    def _take_over(self, dead: int) -> None:
        """Remove a stale lock of the dead process ``dead``, one taker at a time.

        Two runs that both found the lock stale must not both remove it: the second
        would remove the lock the first had just made. So a taker first creates
        ``<lock>.takeover`` (exclusively), reads the lock again, and removes it only
        when the dead process still holds it."""
        import time

        takeover = self.path.with_name(self.path.name + ".takeover")
        try:
            fd = os.open(takeover, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            try:  # another taker; one killed while taking over leaves its file for a moment only
                if time.time() - takeover.stat().st_mtime > 10:
                    takeover.unlink(missing_ok=True)
            except OSError:
                pass
            time.sleep(0.05)
            return
        try:
            os.close(fd)
            if self._holder().get("pid") == dead:
                self.path.unlink(missing_ok=True)
        finally:
            takeover.unlink(missing_ok=True)

    def acquire(self) -> None:
        me = {"pid": os.getpid(), "host": socket.gethostname()}
        for _ in range(40):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = self._holder()
                pid, host = holder.get("pid"), holder.get("host")
                if isinstance(pid, int) and host == me["host"] and not _alive(pid):
                    self._take_over(pid)  # stale: its run was killed
                    continue
                if not holder:  # being written this instant, or unreadable: wait for its content
                    import time

                    time.sleep(0.2)
                    if not self._holder() and self.path.exists():
                        raise FolderLockedError(f"{self.folder} is locked by {self.path.name}, which is not "
                                                "readable; remove it if no run is writing there") from None
                    continue
                who = f"process {pid}" + (f" on {host}" if host != me["host"] else "")
                raise FolderLockedError(f"another run ({who}) is writing into {self.folder}; wait for it to "
                                        f"finish or choose another --out (lock file {self.path.name})") from None
            except OSError as e:
                if is_disk_full(e):
                    raise disk_full(self.folder, self.path) from e
                raise
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    json.dump(me, f)
            except OSError as e:
                self.path.unlink(missing_ok=True)
                if is_disk_full(e):
                    raise disk_full(self.folder, self.path) from e
                raise
            self.held = True
            return
        raise FolderLockedError(f"could not lock {self.folder} ({self.path.name} keeps reappearing)")

    def release(self) -> None:
        if self.held and self._holder().get("pid") == os.getpid():
            self.path.unlink(missing_ok=True)
        self.held = False

    def __enter__(self) -> "FolderLock":
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


class RunRecord:
    """``OUT/kit-run.json``: every file ``python -m kit run`` wrote into ``OUT``, and how each notebook went.

    Paths are relative to the folder, with ``/``. The record is rewritten atomically
    after every change, *before* the change it announces when files are added (so a
    run killed while moving files in still knows they are the kit's).

    An output folder written by an earlier version of the kit, which kept no record,
    is adopted conservatively: the files listed in each ``<nb>/manifest.json`` (and
    the manifest itself), an ``index.html`` the kit made, and executed notebooks that
    papermill wrote count as the kit's; anything else is left alone.
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / RECORD
        data = self._read()
        self.existed = data is not None
        data = data or self._adopt()
        self.files: set[str] = {f for f in data.get("files", []) if isinstance(f, str)}
        self.notebooks: dict[str, dict] = {k: v for k, v in data.get("notebooks", {}).items()
                                           if isinstance(v, dict)}
        self.staging: list[str] = [s for s in data.get("staging", []) if isinstance(s, str)]
        self.state: str = str(data.get("state", "finished"))
        self.extra: dict[str, Any] = {}

    def _read(self) -> dict | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            raise ValueError(f"{self.path} is not readable JSON: the kit cannot tell which files in "
                             f"{self.folder} it wrote; repair or remove that file, or choose another --out") from None
        if not isinstance(data, dict) or data.get("written_by") != "newsroom-kit":
            raise ValueError(f"{self.path} was not written by newsroom-kit; choose another --out")
        return data

    def _adopt(self) -> dict:
        """The files an earlier kit (without a record) wrote, as far as can be told."""
        from kit.export import MANIFEST, read_manifest

        files: set[str] = set()
        if not self.folder.is_dir():
            return {"files": []}
        for manifest in self.folder.glob(f"*/{MANIFEST}"):
            folder = manifest.parent
            if folder.is_symlink():
                continue
            entries = read_manifest(folder)["exports"]
            if not entries:
                continue
            files.add(f"{folder.name}/{MANIFEST}")
            for item in entries:
                if isinstance(item, dict):
                    for name in [*item.get("files", []), item.get("table")]:
                        if isinstance(name, str) and "/" not in name and "\\" not in name and name not in ("", ".", ".."):
                            files.add(f"{folder.name}/{name}")
        index = self.folder / "index.html"
        try:
            if index.is_file() and "Made by <code>python -m kit run</code>" in index.read_text(encoding="utf-8"):
                files.add("index.html")
        except (OSError, UnicodeDecodeError):
            pass
        for nb in (self.folder / "notebooks").glob("*.ipynb"):
            # Only a notebook that ``kit run`` executed: papermill's parameters send its
            # EXPORTS into this folder. A notebook you ran with papermill yourself (your
            # own EXPORTS), and an .html page of yours beside it, are left alone.
            if nb.is_symlink() or not self._run_here(nb):
                continue
            files.add(f"notebooks/{nb.name}")
            page = nb.with_suffix(".html")
            try:
                if page.is_file() and not page.is_symlink() and "jp-Notebook" in page.read_text(encoding="utf-8")[:200000]:
                    files.add(f"notebooks/{page.name}")  # the page nbconvert made of it
            except (OSError, UnicodeDecodeError):
                pass
        return {"files": sorted(files)}

    def _run_here(self, notebook: Path) -> bool:
        """Was ``notebook`` executed by ``kit run`` into this folder (its papermill
        ``EXPORTS`` parameter inside the folder)?"""
        try:
            meta = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
            exports = meta.get("papermill", {}).get("parameters", {}).get("EXPORTS")
        except (OSError, UnicodeDecodeError, ValueError, AttributeError):
            return False
        if not isinstance(exports, str):
            return False
        try:
            return Path(exports).resolve().is_relative_to(self.folder.resolve())
        except (OSError, RuntimeError, ValueError):
            return False

    def through_link(self, rel: str) -> bool:
        """Does ``rel`` lead through a symbolic link to a folder inside the output folder?
        The kit never writes or deletes there: the link may lead anywhere."""
        p = self.folder
        for part in Path(rel).parts[:-1]:
            p = p / part
            if p.is_symlink():
                return True
        return False

    def owns(self, rel: str) -> bool:
        """Whether the kit wrote ``rel`` (or it does not exist, so nothing would be lost);
        never a path through a linked folder (see :meth:`through_link`)."""
        if self.through_link(rel):
            return False
        return rel in self.files or not (self.folder / rel).exists()

    def strangers(self, rels: list[str]) -> list[str]:
        """Those of ``rels`` that exist and that the kit did not write."""
        return [r for r in rels if not self.owns(r)]

    def save(self) -> None:
        write_json_atomic(self.path, {
            "written_by": "newsroom-kit",
            "about": "the files `python -m kit run` wrote into this folder: the only ones it will "
                     "ever overwrite or delete here",
            "state": self.state, **self.extra,
            "staging": self.staging,
            "notebooks": self.notebooks,
            "files": sorted(self.files),
        })
