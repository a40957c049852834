"""Every C string and every pk_doc is freed: the resident set stays flat
over 100,000 extractions."""
import gc
import os
import time
import unittest

import protokoll
from common import SHORT, cli

PAGE = os.sysconf("SC_PAGE_SIZE")
LIMIT = 5 * 1024 * 1024


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


class Memory(unittest.TestCase):
    def run_flat(self, what, n, step, warm=5000):
        for _ in range(warm):
            step()
        gc.collect()
        base = peak = rss()
        t0 = time.monotonic()
        for i in range(n):
            step()
            if i % 5000 == 0:
                peak = max(peak, rss())
        secs = time.monotonic() - t0
        gc.collect()
        end = rss()
        peak = max(peak, end)
        print(f"{n:,} {what} in {secs:.1f} s ({secs / n * 1e6:.0f} us each): RSS {base / 2**20:.1f} MB after "
              f"warm-up, {end / 2**20:.1f} MB after (growth {(end - base) / 1024:+.0f} KB, "
              f"peak {(peak - base) / 1024:+.0f} KB)")
        self.assertLess(peak - base, LIMIT)
        self.assertLess(end - base, LIMIT)

    def test_extract_100000_times_keeps_rss_flat(self):
        self.assertEqual(protokoll.extract(SHORT)["units"][1]["name"], "Hvilan")
        self.run_flat("extractions of a 249-byte paragraph", 100_000, lambda: protokoll.extract(SHORT, "x.txt"))

    def test_errors_and_csv_rows_keep_rss_flat(self):
        binary = b"Protokoll\n" + bytes(range(256))

        def step():
            try:
                protokoll.extract(binary, "bin")
            except protokoll.Error:
                pass
            protokoll.csv_rows("/nonexistent.txt")
            protokoll.csv_rows("corpus/004_9602855b77a9072b.txt")

        self.assertEqual(protokoll.csv_rows("corpus/004_9602855b77a9072b.txt"),
                         cli("-f", "csv", "corpus/004_9602855b77a9072b.txt").decode().split("\r\n", 1)[1])
        self.run_flat("failed extractions, error rows and CSV rows of a corpus file", 5_000, step, warm=500)


if __name__ == "__main__":
    unittest.main()
