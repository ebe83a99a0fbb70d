#!/usr/bin/env bash
# A/B teacher training speed of two fgl jars, alternated so both see the same machine:
#   tools/ab_teacher.sh OLD.jar NEW.jar [PAIRS] [DATA]
# Prints one line per run (epoch summary with samples/s); equal losses mean equal bits.
set -euo pipefail
old=$1 new=$2 pairs=${3:-3} data=${4:-$(cd "$(dirname "$0")/../.." && pwd)/shared/data/mitdb}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in $(seq "$pairs"); do
  for which in old new; do
    jar=$old; [ "$which" = new ] && jar=$new
    java --add-modules jdk.incubator.vector -jar "$jar" train --role teacher --records 100,208,119,203 \
      --epochs 1 --max-train-beats 3072 --max-eval-beats 64 --threads 2 --data "$data" \
      --runs "$tmp/$which-$i" 2>/dev/null | grep "^epoch 1/1  train" | sed "s/^/$which: /"
  done
done
