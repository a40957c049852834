#!/usr/bin/env python3
"""Time a command: best wall time of N runs, peak RSS from GNU time.

    timeit.py [-n RUNS] [--timeout S] [--budget S] [--stdout FILE] -- CMD ...

Each run is `/usr/bin/time -v CMD` with standard input from /dev/null and
standard output to FILE (default /dev/null); the wall time is taken around
it with a monotonic clock. Prints one line:

    best_s=F cpu_s=F rss_kb=N status=N runs=N timeout=0|1 other=F

best_s is the fastest run, cpu_s its user + system CPU time, rss_kb the largest "Maximum resident set size"
of all runs, status the exit status of the last run. A run still going after
--timeout seconds is killed; then timeout=1 and best_s is the time it was
given (a lower bound). Runs stop early once --budget seconds are spent, so a
slow command runs once. other is how many cores other processes kept busy
during the best run (from /proc/stat, less the command's own CPU time): above
about 0.2 the figure is disturbed by another load.
"""
import argparse
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time


def busy_seconds():
    """CPU seconds spent busy by all cores so far (None without /proc/stat)."""
    try:
        with open("/proc/stat") as fh:
            f = [int(x) for x in fh.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    user, nice, system, idle, iowait, irq, softirq, steal = f
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", "--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--budget", type=float, default=120.0)
    ap.add_argument("--stdout", default=os.devnull)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        sys.exit("usage: timeit.py [-n RUNS] [--timeout S] -- CMD ...")
    best, rss, status, runs, timed_out, spent, other, cpu = None, 0, 0, 0, 0, 0.0, 0.0, 0.0
    fd, tpath = tempfile.mkstemp(prefix="timeit.")
    os.close(fd)
    try:
        while runs < a.runs:
            with open(os.devnull, "rb") as sin, open(a.stdout, "wb") as sout:
                b0, c0 = busy_seconds(), children_cpu()
                t0 = time.perf_counter()
                p = subprocess.Popen(["/usr/bin/time", "-v", "-o", tpath] + cmd,
                                     stdin=sin, stdout=sout, start_new_session=True)
                # a blocking wait (Popen.wait with a timeout polls, and its
                # growing sleeps would round short runs up to tens of ms);
                # a timer kills the run at the time limit
                killed = []

                def kill(pid=p.pid):
                    killed.append(1)
                    try:
                        os.killpg(pid, signal.SIGKILL)
                    except OSError:
                        pass

                timer = threading.Timer(a.timeout, kill)
                timer.start()
                _, st, _ru = os.wait4(p.pid, 0)
                dt = time.perf_counter() - t0
                timer.cancel()
                p.returncode = status = os.waitstatus_to_exitcode(st)
                if killed:
                    dt, status, timed_out = a.timeout, -9, 1
            b1, c1 = busy_seconds(), children_cpu()
            runs += 1
            spent += dt
            with open(tpath, errors="replace") as fh:
                m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", fh.read())
            if m:
                rss = max(rss, int(m.group(1)))
            if best is None or dt < best:
                best = dt
                cpu = c1 - c0
                if b0 is not None and b1 is not None and dt > 0:
                    other = max(0.0, (b1 - b0 - (c1 - c0)) / dt)
            if timed_out or spent >= a.budget:
                break
    finally:
        os.remove(tpath)
    print("best_s=%.4f cpu_s=%.4f rss_kb=%d status=%d runs=%d timeout=%d other=%.2f"
          % (best, cpu, rss, status, runs, timed_out, other))


if __name__ == "__main__":
    main()
