#!/usr/bin/env bash
# Runs the PyTorch reference benchmark (shared/anchors/pytorch/bench.py, with the GLIBC_TUNABLES
# its header recommends) and our JMH benchmarks alternately, so both see the same machine load.
# Usage, from the repository root, after `mvn -q -B -pl bench -am -DskipTests package`:
#   tools/bench_side_by_side.sh [train|infer|all] > bench.log
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
jar=bench/target/benchmarks.jar
ref=../shared/anchors/pytorch/bench.py
tun=glibc.malloc.mmap_threshold=4294967296:glibc.malloc.trim_threshold=17179869184
torch() { GLIBC_TUNABLES=$tun /usr/bin/python3 "$ref" "$@" 2>/dev/null | grep '^RESULT' || true; }
jmh() { java -Djmh.ignoreLock=true --add-modules jdk.incubator.vector -jar "$jar" "$@" -f 1 2>/dev/null | sed -n "/^Benchmark /,\$p" || true; }

if [ "$what" = train ] || [ "$what" = all ]; then
  for t in 1 2; do
    echo "== student train, $t thread(s)"
    torch train --model student --threads "$t"
    jmh TrainStepBenchmark -p role=student -p threads="$t" -wi 2 -w 5 -i 5 -r 5
  done
  for t in 1 2; do
    echo "== teacher train, $t thread(s)"
    torch train --model teacher --threads "$t" --warmup 1 --chunks 3 --steps 3
    jmh TrainStepBenchmark -p role=teacher -p threads="$t" -wi 1 -w 15 -i 3 -r 15
  done
fi
if [ "$what" = infer ] || [ "$what" = all ]; then
  echo "== student batch-1 latency, 1 thread"
  torch latency --model student --threads 1
  jmh InferenceBenchmark.latencyBatch1 -p threads=1
  for t in 1 2; do
    echo "== student batch-256 inference, $t thread(s)"
    torch infer --model student --threads "$t" --batch 256
    jmh InferenceBenchmark.throughputBatch256 -p threads="$t"
  done
fi
