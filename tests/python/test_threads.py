"""One extractor shared by every thread: 4 threads give what 1 gives."""
import os
import time
import unittest
from concurrent.futures import ThreadPoolExecutor

import protokoll
from common import corpus_files, python

ROUNDS = 5


class Threads(unittest.TestCase):
    def test_four_threads_give_what_one_gives(self):
        docs = []
        for p in corpus_files():
            with open(p, "rb") as f:
                docs.append((f.read(), p))
        work = docs * ROUNDS
        t0 = time.monotonic()
        one = [protokoll.extract(t, s) for t, s in work]
        t1 = time.monotonic()
        with ThreadPoolExecutor(4) as pool:
            four = list(pool.map(lambda d: protokoll.extract(*d), work))
        t2 = time.monotonic()
        self.assertEqual(len(four), len(one))
        for i, (a, b) in enumerate(zip(one, four)):
            self.assertEqual(a, b, work[i][1])
        # and records over the whole corpus, file reading included
        with ThreadPoolExecutor(4) as pool:
            recs = list(pool.map(lambda _: list(protokoll.records("corpus")), range(8)))
        self.assertTrue(all(r == recs[0] for r in recs))
        self.assertEqual(protokoll._lib.made, 1)
        print(f"{len(work)} extractions ({len(docs)} corpus documents x {ROUNDS}): 4 threads equal to 1 "
              f"({t1 - t0:.2f} s in 1 thread, {t2 - t1:.2f} s in 4 on {os.cpu_count()} cores)")

    def test_threads_starting_together_make_one_extractor(self):
        code = """
import threading, protokoll, protokoll._lib as L
b = threading.Barrier(8)
def go():
    b.wait()
    protokoll.extract("Nämnden godkänner")
ts = [threading.Thread(target=go) for _ in range(8)]
for t in ts: t.start()
for t in ts: t.join()
print(L.made)
"""
        for _ in range(3):
            rc, out, err = python(code)
            self.assertEqual(rc, 0, err)
            self.assertEqual(out.strip(), "1")

    def test_the_gil_is_released_during_extraction(self):
        # while one thread extracts a large text, another runs Python code
        # (made larger until it takes long enough to be measured)
        line = b"Socialn\xc3\xa4mnden godk\xc3\xa4nner att Enheten f\xc3\xb6r heml\xc3\xb6sa deltar. " * 1000 + b"\n"
        lines = 40
        while True:
            big = line * lines
            t0 = time.monotonic()
            protokoll.extract(big)
            alone = time.monotonic() - t0
            if alone > 0.1 or lines >= 40 * 64:
                break
            lines *= 2
        ticks = []
        done = []

        def ticker():
            while not done:
                ticks.append(time.monotonic())
                time.sleep(0.001)

        import threading
        th = threading.Thread(target=ticker)
        th.start()
        time.sleep(0.01)
        t0 = time.monotonic()
        protokoll.extract(big)
        t1 = time.monotonic()
        done.append(1)
        th.join()
        during = [t for t in ticks if t0 < t < t1]
        print(f"a {len(big) / 1e6:.1f} MB extraction took {alone:.2f} s; another thread ran {len(during)} "
              f"times meanwhile")
        self.assertGreater(alone, 0.05)
        self.assertGreater(len(during), 10)


if __name__ == "__main__":
    unittest.main()
