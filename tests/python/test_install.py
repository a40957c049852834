"""make install puts the package where Debian's python3 finds it, and the
installed package finds the installed library."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from common import ROOT, SHORT, python

PYVER = "%d.%d" % sys.version_info[:2]


def make_install(**vars):
    p = subprocess.run(["make", "-s", "install"] + [f"{k}={v}" for k, v in vars.items()], cwd=ROOT,
                       capture_output=True, text=True)
    if p.returncode:
        raise AssertionError(f"make install {vars} failed: {p.stderr[-500:]}")


class Install(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="protokoll-py-")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_installed_package_finds_installed_library(self):
        prefix = os.path.join(self.tmp, "prefix")
        make_install(PREFIX=prefix)
        pydir = os.path.join(prefix, "lib", f"python{PYVER}", "dist-packages")
        env = {k: v for k, v in os.environ.items() if k not in ("PROTOKOLL_LIB", "PYTHONPATH")}
        env["PYTHONPATH"] = pydir
        rc, out, err = python(f"import protokoll; r = protokoll.extract({SHORT!r});"
                              "print(protokoll.__file__); print(protokoll.library_path()); print(r['units'][1]['name'])",
                              env=env, cwd="/")
        self.assertEqual(rc, 0, err)
        self.assertEqual(out.split("\n")[:3], [os.path.join(pydir, "protokoll", "__init__.py"),
                                                os.path.join(prefix, "lib", "libprotokoll.so.0"), "Hvilan"])

    def test_destdir_install_is_on_debians_path(self):
        dest = os.path.join(self.tmp, "dest")
        for prefix in ("/usr/local", "/usr"):
            make_install(DESTDIR=dest, PREFIX=prefix)
            pydir = f"{prefix}/lib/python{PYVER}/dist-packages"
            # Debian's python3 looks there for these prefixes
            if sys.executable == "/usr/bin/python3":
                self.assertIn(pydir, sys.path)
            with open(f"{dest}{pydir}/protokoll/_libdir.py") as f:
                self.assertIn(f'LIBDIR = "{prefix}/lib"', f.read())
            for m in ("__init__.py", "_lib.py", "dask.py"):
                self.assertTrue(os.path.exists(f"{dest}{pydir}/protokoll/{m}"), m)
        subprocess.run(["make", "-s", "uninstall", f"DESTDIR={dest}", "PREFIX=/usr"], cwd=ROOT, check=True)
        self.assertFalse(os.path.exists(f"{dest}/usr/lib/python{PYVER}/dist-packages/protokoll"))


if __name__ == "__main__":
    unittest.main()
