"""The command's CSV rows as a Dask DataFrame, partitioned over the files.

    import protokoll.dask
    df = protokoll.dask.read_minutes("/shared/minutes", files_per_partition=64)

The paths are walked where this is called (directories recursively, sorted,
*.txt, as the command does), so the files must be reachable there and, under
the same paths, on every worker: a shared filesystem on a cluster. Each
partition extracts its files on whatever worker runs it, with that process's
one extractor (made on the first partition it runs). The computed frame has
the rows and dtypes of protokoll.read_minutes() on the same paths, in the
same order; its index restarts at 0 in each partition.
"""
import glob
import os

import dask.dataframe as dd
from dask.base import tokenize

import protokoll

__all__ = ["read_minutes"]

_MAGIC = ("*", "?", "[")


def _component_key(path):
    # a path's components in byte order: the order the walk gives them in
    return os.fsencode(path).split(b"/")


def files(paths_or_glob):
    """The input files of a path, a glob pattern (** for any depth) or a list
    of them, in the command's order; glob matches are sorted as the walk
    sorts them. A pattern that matches nothing raises FileNotFoundError."""
    args = (
        [paths_or_glob]
        if isinstance(paths_or_glob, (str, bytes, os.PathLike))
        else list(paths_or_glob)
    )
    out = []
    for a in args:
        a = os.fspath(a)
        s = os.fsdecode(a)
        if not os.path.lexists(a) and any(m in s for m in _MAGIC):
            matches = sorted(glob.glob(s, recursive=True), key=_component_key)
            if not matches:
                raise FileNotFoundError(f"protokoll: no file matches {s!r}")
            out.extend(protokoll.inputs(matches))
        else:
            out.extend(protokoll.inputs([a]))
    return out


def _partition(paths):
    """One partition: the CSV rows of these files, extracted here."""
    return protokoll.frame(protokoll.csv_rows(p) for p in paths)


def _state(path):
    try:
        st = os.stat(path)
        return (st.st_size, st.st_mtime_ns)
    except (OSError, ValueError):
        return None


def read_minutes(paths_or_glob, files_per_partition=32):
    """A dask.dataframe.DataFrame of the rows `protokoll -f csv` writes for
    these files, directories or glob patterns: one partition per
    files_per_partition input files, computed on the current dask client
    (dask.distributed) or scheduler."""
    if int(files_per_partition) < 1:
        raise ValueError("protokoll: files_per_partition must be at least 1")
    n = int(files_per_partition)
    fs = files(paths_or_glob)
    chunks = [fs[i:i + n] for i in range(0, len(fs), n)] or [[]]
    meta = protokoll.frame([])
    # the files' sizes and times in the names of the tasks: a file that
    # changed is read again, never taken from an earlier result
    token = tokenize(chunks, [_state(p) for p in fs], protokoll.csv_header())
    return dd.from_map(_partition, chunks, meta=meta, label="protokoll-read-minutes", token=token,
                       enforce_metadata=False)
