#!/usr/bin/env bash
# The core-tensor and nn tests, and the JMH inference benchmark, on an emulated aarch64 JVM with
# 128-bit NEON vectors (a Cortex-A72 as qemu-user emulates it): the check that the Vector API
# kernels are right on the ARM boards the student is embedded in. Emulated timings are not
# figures; correctness is what this run shows.
#
# Set-up once (Debian, as root):
#   dpkg --add-architecture arm64 && apt-get update
#   apt-get install qemu-user qemu-user-binfmt openjdk-17-jdk-headless:arm64
# Where binfmt_misc is not registered by the system (no systemd), this script registers
# qemu-aarch64 itself, so that tests which fork a JVM can run the aarch64 java too.
#
# Usage, from the repository root: tools/aarch64_tests.sh [--no-bench]
set -euo pipefail
cd "$(dirname "$0")/.."
arm_java=/usr/lib/jvm/java-17-openjdk-arm64/bin/java
[ -x "$arm_java" ] || { echo "aarch64_tests: no $arm_java; see the set-up in this script's header" >&2; exit 2; }
command -v qemu-aarch64 >/dev/null || { echo "aarch64_tests: qemu-aarch64 missing (apt-get install qemu-user)" >&2; exit 2; }
export QEMU_CPU=cortex-a72          # NEON only: no SVE, 128-bit vectors
if ! "$arm_java" -version >/dev/null 2>&1; then
  reg=/proc/sys/fs/binfmt_misc/register
  [ -w "$reg" ] || { echo "aarch64_tests: aarch64 binaries do not run and $reg is not writable" >&2; exit 2; }
  echo ':qemu-aarch64:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/bin/qemu-aarch64:F' > "$reg"
fi
"$arm_java" -version 2>&1 | tail -1
"$arm_java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -E ' (UseSVE|MaxVectorSize) '

# Maven runs on the host JVM; surefire forks the aarch64 one. The forced 256-bit executions are
# skipped: NEON's widest vector is 128 bits, which the default execution already uses.
rm -rf core-tensor/target/surefire-reports nn/target/surefire-reports   # count this run's reports only
mvn -o -B -q verify -pl core-tensor,nn -am -Djvm="$arm_java" -Dfglecg.skipWidth256=true \
    -Dsurefire.timeout=7200
grep -h "Tests run" core-tensor/target/surefire-reports/*.txt nn/target/surefire-reports/*.txt \
  | awk '{n+=$3; f+=$5; e+=$7; s+=$9} END {printf "aarch64 (emulated NEON): %d tests, %d failures, %d errors, %d skipped\n", n, f, e, s}'

if [ "${1:-}" != "--no-bench" ]; then
  mvn -o -B -q -pl bench -am -DskipTests package
  "$arm_java" -Djmh.ignoreLock=true --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar \
      InferenceBenchmark -p threads=1 -wi 1 -w 2 -i 1 -r 2 -f 1 -jvm "$arm_java" 2>&1 | sed -n '/^Benchmark/,$p'
fi
