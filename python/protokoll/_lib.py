"""libprotokoll through ctypes: finding and loading the library, the
declarations of the functions used, and the one extractor of the process.

The library is looked for, in order, at $PROTOKOLL_LIB (the .so file, or a
directory holding libprotokoll.so), where `make install` put it (recorded in
_libdir.py by the install), in build/ of the checkout this package sits in,
and last by the dynamic loader's own search (libprotokoll.so.0).

ctypes releases the GIL for the length of every call into the library, so
threads extract in parallel; they share one extractor, which the library
allows (it is immutable once made).
"""
import ctypes
import ctypes.util
import os
import threading

from . import _libdir

PK_OK = 0
PK_ENOMEM = -1
PK_EINVAL = -2
PK_ENOTTEXT = -3
PK_ETOOBIG = -4
PK_EIO = -5
PK_EINTERNAL = -6

# Largest input pk_extract() accepts, in bytes (PK_MAX_INPUT).
MAX_INPUT = 1 << 30


class PkError(ctypes.Structure):
    """struct pk_error of protokoll.h."""
    _fields_ = [("code", ctypes.c_int), ("offset", ctypes.c_size_t), ("message", ctypes.c_char * 160)]


def _candidates():
    env = os.environ.get("PROTOKOLL_LIB")
    if env:
        # named by the user: that one or none, never a silent fallback
        return [os.path.join(env, "libprotokoll.so") if os.path.isdir(env) else env]
    found = []
    if _libdir.LIBDIR:
        found.append(os.path.join(_libdir.LIBDIR, "libprotokoll.so.0"))
    checkout = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    found.append(os.path.join(checkout, "build", "libprotokoll.so"))
    found = [p for p in found if os.path.exists(p)]
    found.append(ctypes.util.find_library("protokoll") or "libprotokoll.so.0")
    return found


def _declare(lib):
    c = ctypes
    vp, sz, cp = c.c_void_p, c.c_size_t, c.c_char_p
    sigs = {
        "pk_version": (cp, []),
        "pk_strerror": (cp, [c.c_int]),
        "pk_extractor_new": (vp, []),
        "pk_extractor_free": (None, [vp]),
        "pk_extract_ex": (c.c_int, [vp, cp, sz, cp, c.POINTER(vp), c.POINTER(PkError)]),
        # strings the caller frees come back as void pointers, so that ctypes
        # does not copy them into bytes and lose the pointer to free
        "pk_doc_to_json": (vp, [vp]),
        "pk_doc_count": (sz, [vp]),
        "pk_doc_record_to_json": (vp, [vp, sz]),
        "pk_doc_record_to_csv": (vp, [vp, sz]),
        "pk_error_to_json": (vp, [cp, cp]),
        "pk_csv_header": (cp, []),
        "pk_doc_to_csv": (vp, [vp]),
        "pk_error_to_csv": (vp, [cp, cp]),
        "pk_doc_free": (None, [vp]),
    }
    for name, (res, args) in sigs.items():
        f = getattr(lib, name)
        f.restype = res
        f.argtypes = args


class Lib:
    """The loaded library, libc's free and this process's extractor."""

    def __init__(self):
        errors = []
        for path in _candidates():
            try:
                self.cdll = ctypes.CDLL(path)
                break
            except OSError as e:
                errors.append(str(e))
        else:
            raise OSError("protokoll: cannot load libprotokoll ("
                          + "; ".join(errors)
                          + "); build it with make, install it with make install, or set PROTOKOLL_LIB")
        self.path = self.cdll._name
        _declare(self.cdll)
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        self.free = libc.free
        self.free.restype = None
        self.free.argtypes = [ctypes.c_void_p]
        ex = self.cdll.pk_extractor_new()
        if not ex:
            raise MemoryError("protokoll: pk_extractor_new: out of memory")
        self.ex = ex

    def take(self, ptr):
        """The bytes of a C string the caller owns, which is then freed."""
        if not ptr:
            return None
        try:
            return ctypes.string_at(ptr)
        finally:
            self.free(ptr)

    def strerror(self, code):
        return self.cdll.pk_strerror(code).decode("utf-8", "replace")


_lock = threading.Lock()
_lib = None
# extractors made by this process: one, once anything was extracted
made = 0


def get():
    """The process's library and extractor, made on first use, once, under
    a lock: every thread after that shares them without taking it."""
    global _lib, made
    lib = _lib
    if lib is None:
        with _lock:
            if _lib is None:
                _lib = Lib()
                made += 1
            lib = _lib
    return lib
