#!/usr/bin/env python3
"""Where a worker's Java time goes: a flight recording's execution samples by area. A sample belongs to
the area of the first frame, from the top of its stack, that any area claims (a HashMap lookup
inside Micrometer is Micrometer's), so the shares add up to 100 %.

    scripts/jfr-shares.py [--after SECONDS] /tmp/worker-A1.jfr [/tmp/worker-B1.jfr ...]

--after leaves out the samples of the recording's first SECONDS (the JVM's start, the warm-up):
the table is then the steady state.

Record with scripts/benchmark.sh --worker-java-options
'-XX:StartFlightRecording=filename=/tmp/{worker}.jfr,settings=profile' (docs/BENCHMARKS.md).
Needs the JDK's `jfr` tool on the PATH or under $JAVA_HOME/bin.
"""
import os
import shutil
import subprocess
import sys

# Area -> frame prefixes; for one frame the first area listed that claims it wins, so the specific
# ones (the SDK's metrics and codec) come before the general ones (the rest of the SDK).
AREAS = [
    ("gRPC, Netty, protobuf", ("io.grpc.", "io.netty.", "com.google.protobuf.")),
    ("Temporal SDK metrics (tally, Micrometer)",
     ("com.uber.m3.", "io.micrometer.", "io.temporal.common.reporter.", "org.paysaga.worker.metrics.")),
    ("payload codec", ("io.temporal.common.converter.CodecDataConverter", "org.paysaga.codec.", "javax.crypto.",
                       "com.sun.crypto.")),
    ("JSON (Jackson)", ("com.fasterxml.jackson.",)),
    ("Redis (Lettuce)", ("io.lettuce.",)),
    ("logging", ("ch.qos.logback.", "org.slf4j.")),
    ("Spring", ("org.springframework.",)),
    ("saga layer (org.paysaga)", ("org.paysaga.",)),
    ("Temporal SDK, the rest", ("io.temporal.",)),
]
OTHER = "JDK and the rest"


def jfr_tool():
    found = shutil.which("jfr")
    if found:
        return found
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "jfr")):
        return os.path.join(home, "bin", "jfr")
    sys.exit("jfr-shares: the JDK's jfr tool is not on the PATH (set JAVA_HOME)")


def seconds_of(start_time):
    """startTime = 15:31:02.125 (2026-12-03) -> seconds since midnight (a benchmark run does not cross it)."""
    clock = start_time.split("=", 1)[1].strip().split(" ")[0]
    h, m, sec = clock.split(":")
    return int(h) * 3600 + int(m) * 60 + float(sec)


def stacks(recording, after=0.0):
    out = subprocess.run([jfr_tool(), "print", "--events", "jdk.ExecutionSample", "--stack-depth", "256",
                          recording], check=True, capture_output=True, text=True).stdout
    frames, inside, first, at = [], False, None, 0.0
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("startTime = "):
            at = seconds_of(line)
            first = at if first is None else first
        elif line.startswith("stackTrace = ["):
            frames, inside = [], True
        elif inside and line == "]":
            inside = False
            if at - first >= after:
                yield frames
        elif inside and line and line != "...":
            frames.append(line)


def area_of(frames):
    for frame in frames:  # top first
        for name, prefixes in AREAS:
            if frame.startswith(prefixes):
                return name
    return OTHER


def shares(recording, after):
    counts = {name: 0 for name, _ in AREAS}
    counts[OTHER] = 0
    total = 0
    for frames in stacks(recording, after):
        total += 1
        counts[area_of(frames)] += 1
    return total, counts


def main(args):
    after = 0.0
    if args[:1] == ["--after"] and len(args) > 1:
        after, args = float(args[1]), args[2:]
    if not args:
        sys.exit(__doc__)
    results = [(os.path.basename(r), *shares(r, after)) for r in args]
    print("| area | " + " | ".join(name for name, _, _ in results) + " |")
    print("|---|" + "---|" * len(results))
    print("| execution samples | " + " | ".join(str(total) for _, total, _ in results) + " |")
    for area in [name for name, _ in AREAS] + [OTHER]:
        cells = [f"{100.0 * counts[area] / total:.1f} %" if total else "-" for _, total, counts in results]
        print(f"| {area} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
