"""protokoll.dask.read_minutes on a real cluster of two worker processes
gives the frame protokoll.read_minutes gives."""
import logging
import os
import shutil
import tempfile
import time
import unittest

import protokoll
from common import CORPUS, awkward_tree

try:
    import pandas as pd
    import dask.dataframe  # noqa: F401
    from dask.distributed import Client, LocalCluster
    import protokoll.dask as pdask
    missing = None
except ImportError as e:
    missing = f"{e.name} is not installed for this python3"


@unittest.skipIf(missing, missing)
class Dask(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        t0 = time.monotonic()
        cls.cluster = LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                   silence_logs=logging.ERROR)
        cls.client = Client(cls.cluster)
        cls.started = time.monotonic() - t0
        cls.tmp = tempfile.mkdtemp(prefix="protokoll-py-")
        cls.tree = awkward_tree(cls.tmp)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.cluster.close()
        shutil.rmtree(cls.tmp)

    def equal(self, got, want):
        pd.testing.assert_frame_equal(got.reset_index(drop=True), want)

    def test_corpus_on_two_worker_processes_equals_read_minutes(self):
        t0 = time.monotonic()
        ddf = pdask.read_minutes(CORPUS, files_per_partition=8)
        self.assertEqual(ddf.npartitions, 13)  # 99 files
        # the lazy frame's columns and dtypes before anything runs
        want = protokoll.read_minutes(CORPUS)
        self.assertEqual(dict(ddf.dtypes), dict(want.dtypes))
        got = ddf.compute()
        self.equal(got, want)
        # worker processes of their own, each with one extractor at most,
        # made by the first partition it ran
        made = self.client.run(lambda: (os.getpid(), protokoll._lib.made))
        self.assertEqual(len(made), 2)
        self.assertNotIn(os.getpid(), [pid for pid, _ in made.values()])
        self.assertTrue(all(n <= 1 for _, n in made.values()), made)
        self.assertGreaterEqual(sum(n for _, n in made.values()), 1)
        print(f"{len(got)} rows from {ddf.npartitions} partitions on 2 worker processes equal read_minutes "
              f"(cluster up in {self.started:.1f} s, computed in {time.monotonic() - t0:.1f} s); "
              f"extractors made per worker: {sorted(n for _, n in made.values())}")

    def test_glob_and_lists_equal_read_minutes(self):
        self.equal(pdask.read_minutes(CORPUS + "/*.txt", files_per_partition=30).compute(),
                   protokoll.read_minutes(sorted(p for p in protokoll.inputs(CORPUS))))
        args = [self.tree, "/nonexistent.txt", CORPUS + "/004_9602855b77a9072b.txt"]
        got = pdask.read_minutes(args, files_per_partition=3).compute()
        self.equal(got, protokoll.read_minutes(args))
        self.assertEqual(int(got["error"].notna().sum()), 3)
        self.equal(pdask.read_minutes(self.tree + "/**/*.txt", files_per_partition=4).compute(),
                   protokoll.read_minutes(self.tree))
        with self.assertRaises(FileNotFoundError):
            pdask.read_minutes(self.tmp + "/*.nothing")

    def test_no_files_is_an_empty_frame(self):
        got = pdask.read_minutes([]).compute()
        self.equal(got, protokoll.read_minutes([]))

    def test_frame_is_usable_lazily(self):
        ddf = pdask.read_minutes(CORPUS, files_per_partition=20)
        got = ddf.groupby("award_year").unit.count().compute().sort_index()
        want = protokoll.read_minutes(CORPUS).groupby("award_year").unit.count()
        pd.testing.assert_series_equal(got, want)
        out = os.path.join(self.tmp, "csv")
        ddf.to_csv(os.path.join(out, "part-*.csv"), index=False)
        back = pd.concat([pd.read_csv(os.path.join(out, f)) for f in sorted(os.listdir(out))])
        self.assertEqual(len(back), len(protokoll.read_minutes(CORPUS)))


if __name__ == "__main__":
    unittest.main()
