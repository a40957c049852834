"""protokoll: structured records from Swedish municipal minutes.

A binding of libprotokoll through ctypes (no compiler needed):

    extract(text, source=None)  the record of one document, as a dict: the
                                JSON the command writes, every field and span
                                (of whole minutes, the first paragraph's)
    extract_all(text, source=None)  its records: one, or one per paragraph
                                of minutes that hold several
    records(paths)              the records of files and directories, in the
                                command's order, error records included
    read_minutes(paths)         a pandas DataFrame of the command's CSV rows
    protokoll.dask.read_minutes the same as a Dask DataFrame, partitioned
                                over the files

Spans are byte offsets into the input: for a str, into text.encode("utf-8").
One extractor serves every thread of the process; the library runs without
the GIL, so threads extract in parallel.
"""
import ctypes
import io
import json
import os
import stat
import sys

from . import _lib

__version__ = "0.1.0"
__all__ = ["Error", "extract", "extract_all", "records", "read_minutes", "library_version", "library_path"]


class Error(Exception):
    """An extraction that failed: `code` is the library's PK_E* code (negative),
    `message` its message, `offset` the byte of the input it concerns."""

    def __init__(self, code, message, offset=0):
        super().__init__(message)
        self.code = code
        self.message = message
        self.offset = offset

    def __repr__(self):
        return f"protokoll.Error(code={self.code}, message={self.message!r}, offset={self.offset})"


def library_version():
    """The loaded libprotokoll's version, "MAJOR.MINOR.PATCH"."""
    return _lib.get().cdll.pk_version().decode()


def library_path():
    """The file libprotokoll was loaded from (or the name the loader was given)."""
    return _lib.get().path


# ---- one document ----

def _text_bytes(text):
    if isinstance(text, bytes):
        return text
    if isinstance(text, str):
        # surrogateescape gives back the bytes of a str decoded with it
        return text.encode("utf-8", "surrogateescape")
    if isinstance(text, (bytearray, memoryview)):
        return bytes(text)
    raise TypeError(f"protokoll: text must be str or bytes, not {type(text).__name__}")


def _source_bytes(source):
    if source is None:
        return None
    b = os.fsencode(source)
    if b"\0" in b:
        raise ValueError("protokoll: source contains a NUL byte")
    return b


def _extract_doc(lib, data, src):
    """A pk_doc (a void pointer the caller frees with pk_doc_free), or Error."""
    doc = ctypes.c_void_p()
    err = _lib.PkError()
    rc = lib.cdll.pk_extract_ex(lib.ex, data, len(data), src, ctypes.byref(doc), ctypes.byref(err))
    if rc != 0:
        raise Error(err.code or rc, err.message.decode("utf-8", "replace") or lib.strerror(rc), err.offset)
    return doc


def _render(lib, doc, csv):
    """Every record of doc (one, or one per paragraph of whole minutes), as
    a list of bytes: each record's JSON line (csv False) or CSV rows (csv
    True); then doc freed."""
    fn = lib.cdll.pk_doc_record_to_csv if csv else lib.cdll.pk_doc_record_to_json
    out = []
    try:
        for i in range(lib.cdll.pk_doc_count(doc)):
            one = lib.take(fn(doc, i))
            if one is None:
                raise Error(_lib.PK_ENOMEM, lib.strerror(_lib.PK_ENOMEM))
            out.append(one)
    finally:
        lib.cdll.pk_doc_free(doc)
    return out


def extract_all(text, source=None):
    """The records of one document (str or bytes, in any encoding the
    library reads) as a list of dicts, exactly the JSON records `protokoll`
    writes for it: one, or one per paragraph of minutes that hold several
    (each with its "meeting"). `source` names it in the records. Raises
    protokoll.Error on failure (binary data, over 1 GiB)."""
    lib = _lib.get()
    doc = _extract_doc(lib, _text_bytes(text), _source_bytes(source))
    return [json.loads(r) for r in _render(lib, doc, False)]


def extract(text, source=None):
    """The record of one document as a dict: exactly the JSON record
    `protokoll` writes for it; of minutes that hold several paragraphs, the
    first paragraph's (extract_all() gives them all). `source` names it in
    the record. Raises protokoll.Error on failure (binary data, over 1 GiB)."""
    return extract_all(text, source)[0]


# ---- inputs in the command's order (cli/inputs.c) ----

def _arg_list(paths):
    if isinstance(paths, (str, bytes, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def _name_key(name):
    return os.fsencode(name)


def _is_dir(path):
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _listing(d):
    """The sorted entries of directory d that are directories or *.txt files,
    as (path, is_dir): names in byte order, dot files left out. OSError when
    d does not open."""
    sep = b"/" if isinstance(d, bytes) else "/"
    dot, txt = (b".", b".txt") if isinstance(d, bytes) else (".", ".txt")
    out = []
    with os.scandir(d) as it:
        for e in it:
            if e.name.startswith(dot):
                continue
            try:
                isdir = e.is_dir()  # follows a symbolic link, as stat does
            except OSError:
                isdir = False
            if isdir or (len(_name_key(e.name)) > 4 and e.name.endswith(txt)):
                out.append((_name_key(e.name), d + sep + e.name, isdir))
    out.sort(key=lambda x: x[0])
    return [(p, isdir) for _, p, isdir in out]


def _walk_dir(d):
    try:
        entries = _listing(d)
    except OSError:
        yield d  # a directory that does not open: reading it says why
        return
    for p, isdir in entries:
        if isdir:
            yield from _walk_dir(p)
        else:
            yield p


def inputs(paths):
    """The inputs the command reads for these arguments, one at a time, in
    its order: a file as given, "-" for standard input, a directory as every
    *.txt under it, recursively, each directory's entries sorted by name
    (dot files left out). An empty list gives nothing."""
    for a in _arg_list(paths):
        if a in ("-", b"-") or not _is_dir(a):
            yield a
        else:
            yield from _walk_dir(a)


def _read(path):
    """(bytes, None), or (None, the message the command gives)."""
    if path in ("-", b"-"):
        return sys.stdin.buffer.read(), None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        return None, os.strerror(e.errno)
    except ValueError:  # an embedded NUL: no such file
        return None, os.strerror(2)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            return None, "is a directory"
        if stat.S_ISREG(st.st_mode) and st.st_size > _lib.MAX_INPUT:
            return None, _lib.get().strerror(_lib.PK_ETOOBIG)
        chunks, n = [], 0
        while True:
            b = os.read(fd, max(st.st_size + 1 - n, 1 << 16) if stat.S_ISREG(st.st_mode) else 1 << 16)
            if not b:
                break
            chunks.append(b)
            n += len(b)
            if n >= 2 * _lib.MAX_INPUT:
                return None, _lib.get().strerror(_lib.PK_ETOOBIG)
        return b"".join(chunks), None
    except OSError as e:
        return None, os.strerror(e.errno)
    finally:
        os.close(fd)


def _one(path, csv):
    """The command's output for one input, as a list of bytes: its records'
    JSON lines (csv False) or CSV rows (csv True), one item per record, or
    its error record."""
    lib = _lib.get()
    source = b"-" if path in ("-", b"-") else os.fsencode(path)
    err_fn = lib.cdll.pk_error_to_csv if csv else lib.cdll.pk_error_to_json
    text, err = _read(path)
    if err is None:
        try:
            doc = _extract_doc(lib, text, source)
            return _render(lib, doc, csv)
        except Error as e:
            err = e.message
    out = lib.take(err_fn(source, err.encode("utf-8", "replace")))
    if out is None:
        raise MemoryError("protokoll: out of memory")
    return [out]


def records(paths):
    """The records of files and directories, as dicts, in the order and with
    the content of `protokoll PATHS` (JSON lines): a directory gives every
    *.txt under it, in sorted order; minutes that hold several paragraphs
    give a record per paragraph, in order; an input that cannot be read or
    extracted gives an error record {"source": ..., "error": ...}."""
    for p in inputs(paths):
        for r in _one(p, False):
            yield json.loads(r)


# ---- the CSV as a DataFrame ----

def csv_header():
    """The CSV header row the command writes (its columns), CRLF-terminated."""
    return _lib.get().cdll.pk_csv_header().decode("utf-8")


def csv_rows(path):
    """The command's CSV rows (no header) for one input read as a file. Bytes
    that are not UTF-8 (a file name's) read as U+FFFD, as in the JSON."""
    return b"".join(_one(path, True)).decode("utf-8", "replace")


DATE_COLUMNS = ("document_date", "meeting_date")


def frame(csv_texts):
    """A DataFrame of the CSV rows in csv_texts (strings without the header),
    with the dtypes of read_minutes()."""
    import pandas as pd

    buf = io.StringIO(csv_header() + "".join(csv_texts))
    # every cell a string, an empty one missing: "NA" or "None" stay names
    df = pd.read_csv(buf, dtype=str, keep_default_na=False, na_values=[""])
    if "award_year" in df:
        df["award_year"] = pd.to_numeric(df["award_year"]).astype("Int64")
    for c in DATE_COLUMNS:
        if c in df:
            df[c] = pd.to_datetime(df[c], format="%Y-%m-%d", errors="coerce")
    # a RangeIndex however many rows (read_csv gives no input an object index)
    return df.reset_index(drop=True)


def read_minutes(paths):
    """A pandas DataFrame of the rows `protokoll -f csv PATHS` writes, one
    per record and unit (a record per document, or per paragraph of whole
    minutes; an error row per input that failed), with the
    command's columns: award_year nullable Int64, document_date and
    meeting_date datetime64, the rest strings (object), an empty cell
    missing (NaN)."""
    return frame(csv_rows(p) for p in inputs(paths))


def __getattr__(name):
    # protokoll.dask without importing dask until it is asked for
    if name == "dask":
        import importlib
        return importlib.import_module(".dask", __name__)
    raise AttributeError(f"module 'protokoll' has no attribute {name!r}")
