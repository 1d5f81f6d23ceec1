"""Runs one command and reports its wall time, CPU time (user and system) and peak resident memory
(of that process tree's largest member, from wait4's rusage), as JSON on stdout.

usage: measure.py [--stdout FILE] -- COMMAND ARGS...
"""
import json
import os
import subprocess
import sys
import time


def main() -> None:
    args = sys.argv[1:]
    stdout_path = os.devnull
    if args and args[0] == "--stdout":
        stdout_path = args[1]
        args = args[2:]
    if args and args[0] == "--":
        args = args[1:]
    with open(stdout_path, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        err = proc.stderr.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    print(json.dumps({
        "seconds": elapsed, "max_rss_kb": usage.ru_maxrss, "user_seconds": usage.ru_utime,
        "system_seconds": usage.ru_stime, "exit": code, "stderr": err[-2000:],
    }))
    if code != 0:
        sys.exit(f"command failed with exit {code}: {' '.join(args)}\n{err}")


if __name__ == "__main__":
    main()
