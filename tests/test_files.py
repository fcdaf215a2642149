"""kit.files: atomic writes, the folder lock and the record of written files."""
from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys

import pytest

from kit.files import (DiskFullError, FolderLock, FolderLockedError, RunRecord, is_disk_full, write_atomic,
                       write_json_atomic)


@pytest.mark.parametrize(("data", "expected"), [
    ("héllo", "héllo".encode("utf-8")),
    (b"\x00\x01", b"\x00\x01"),
    ("caf\udce9", "caf?".encode("utf-8")),  # a lone surrogate (a name that is not UTF-8) does not fail the write
    (lambda p: p.write_bytes(b"by a writer"), b"by a writer"),
])
def test_write_atomic_writes_and_leaves_no_temporary_file(tmp_path, data, expected):
    path = write_atomic(tmp_path / "f.txt", data)
    assert path.read_bytes() == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.txt"]


def test_write_atomic_keeps_the_old_file_whole_when_the_write_fails(tmp_path):
    (tmp_path / "f.txt").write_text("old", encoding="utf-8")

    def full(path):
        path.write_bytes(b"ha")
        raise OSError(errno.ENOSPC, "No space left on device")
    with pytest.raises(DiskFullError, match=f"no space left on the disk of {tmp_path} \\(writing f.txt\\)"):
        write_atomic(tmp_path / "f.txt", full)
    with pytest.raises(ZeroDivisionError):
        write_atomic(tmp_path / "f.txt", lambda p: 1 / 0)
    assert (tmp_path / "f.txt").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.txt"]


@pytest.mark.parametrize(("error", "full"), [
    (OSError(errno.ENOSPC, "No space left on device"), True),
    (OSError(errno.EDQUOT, "Disk quota exceeded"), True),
    (RuntimeError("OSError: [Errno 28] No space left on device"), True),
    (OSError(errno.EACCES, "Permission denied"), False),
    (ValueError("x"), False),
])
def test_is_disk_full(error, full):
    assert is_disk_full(error) is full


def test_the_lock_is_exclusive_and_released(tmp_path):
    with FolderLock(tmp_path) as lock:
        assert json.loads(lock.path.read_text())["pid"] == os.getpid()
        with pytest.raises(FolderLockedError, match=f"another run \\(process {os.getpid()}\\)"):
            FolderLock(tmp_path).acquire()
    assert not (tmp_path / ".kit-run.lock").exists()


def test_a_lock_whose_process_is_gone_is_taken_over(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (tmp_path / ".kit-run.lock").write_text(json.dumps({"pid": int(dead.stdout), "host": socket.gethostname()}))
    with FolderLock(tmp_path) as lock:
        assert json.loads(lock.path.read_text())["pid"] == os.getpid()


def test_a_lock_from_another_machine_is_respected(tmp_path):
    (tmp_path / ".kit-run.lock").write_text(json.dumps({"pid": 1, "host": "elsewhere"}))
    with pytest.raises(FolderLockedError, match="process 1 on elsewhere"):
        FolderLock(tmp_path).acquire()
    assert (tmp_path / ".kit-run.lock").exists()


def test_the_record_knows_what_the_kit_wrote(tmp_path):
    (tmp_path / "mine.txt").write_text("x")
    (tmp_path / "ours.csv").write_text("x")
    record = RunRecord(tmp_path)
    assert not record.existed and record.files == set()
    record.files.add("ours.csv")
    record.save()
    again = RunRecord(tmp_path)
    assert again.existed and again.files == {"ours.csv"}
    assert again.strangers(["mine.txt", "ours.csv", "new.csv"]) == ["mine.txt"]


@pytest.mark.parametrize("content", ['{"files": ["mine.txt"]}', "[1, 2]"])
def test_a_record_not_written_by_the_kit_is_refused(tmp_path, content):
    (tmp_path / "kit-run.json").write_text(content)
    with pytest.raises(ValueError, match="was not written by newsroom-kit"):
        RunRecord(tmp_path)


def test_write_json_atomic(tmp_path):
    write_json_atomic(tmp_path / "a.json", {"b": "é", "n": 1})
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == '{\n "b": "é",\n "n": 1\n}\n'


def test_a_stale_lock_is_taken_over_by_one_run_only(tmp_path):
    import json
    import multiprocessing as mp
    import socket

    from kit.files import FolderLock

    dead = mp.get_context("fork").Process(target=lambda: None)
    dead.start()
    dead.join()
    (tmp_path / ".kit-run.lock").write_text(json.dumps({"pid": dead.pid, "host": socket.gethostname()}),
                                            encoding="utf-8")
    first = FolderLock(tmp_path)
    first._take_over(dead.pid)  # a taker removes the dead run's lock ...
    first.acquire()
    second = FolderLock(tmp_path)
    second._take_over(dead.pid)  # ... and a second taker, too late, leaves the new lock alone
    assert json.loads((tmp_path / ".kit-run.lock").read_text(encoding="utf-8"))["pid"] == os.getpid()
    assert not (tmp_path / ".kit-run.lock.takeover").exists()
    first.release()
