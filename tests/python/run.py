#!/usr/bin/python3
"""Runs the Python binding's tests (tests/python/test_*.py, unittest) and
prints one line per test for tests/python.sh to record:

    pass|fail|skip <TAB> python: MODULE.TEST <TAB> why (skip) or - <TAB> seconds

then the lines a test printed for the reader, each under its result with
two spaces before it. Run from the repository root:
    /usr/bin/python3 tests/python/run.py build/protokoll [MODULE ...]
"""
import io
import os
import sys
import time
import traceback
import unittest

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
sys.path.insert(0, os.path.join(root, "python"))
sys.path.insert(0, here)
# worker processes (Dask's, the subprocesses of the tests) find the package too
os.environ["PYTHONPATH"] = os.pathsep.join(
    [os.path.join(root, "python")] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
if len(sys.argv) > 1:
    os.environ["PROTOKOLL_BIN"] = os.path.abspath(sys.argv[1])


class Result(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.lines = []

    def _name(self, test):
        # "test_extract.Extract.test_x" -> "python: test_extract.test_x"
        parts = test.id().split(".")
        return f"python: {parts[0]}.{parts[-1]}"

    def startTest(self, test):
        super().startTest(test)
        self._out = io.StringIO()
        self._old = sys.stdout
        sys.stdout = self._out
        self._t0 = time.monotonic()

    def stopTest(self, test):
        sys.stdout = self._old
        super().stopTest(test)

    def _emit(self, test, verdict, why=""):
        sys.stdout = self._old
        secs = time.monotonic() - self._t0
        print(f"{verdict}\t{self._name(test)}\t{why or '-'}\t{secs:.1f}", flush=True)
        for line in self._out.getvalue().splitlines():
            print(f"  {line}", flush=True)
        sys.stdout = self._out

    def addSuccess(self, test):
        super().addSuccess(test)
        self._emit(test, "pass")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        print("".join(traceback.format_exception(*err))[-3000:])
        self._emit(test, "fail")

    def addError(self, test, err):
        super().addError(test, err)
        print("".join(traceback.format_exception(*err))[-3000:])
        self._emit(test, "fail")

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._emit(test, "skip", reason)


def main():
    loader = unittest.TestLoader()
    names = sys.argv[2:] or sorted(f[:-3] for f in os.listdir(here) if f.startswith("test_") and f.endswith(".py"))
    suite = unittest.TestSuite()
    for n in names:
        suite.addTests(loader.loadTestsFromName(n))
    result = Result()
    suite.run(result)
    # an error outside any test (a module that does not import, a class
    # set-up) has no test of its own to fail: it fails the run
    return 0 if not result.errors or all(hasattr(t, "_testMethodName") for t, _ in result.errors) else 1


if __name__ == "__main__":
    sys.exit(main())
