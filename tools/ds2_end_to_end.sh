#!/usr/bin/env bash
# The detection issue's end-to-end figures (docs/DETECTION.md, "End to end on DS2"): a student
# trained on DS1 (split inter) classifies the 22 DS2 records (MitBih.DS2)
#   1. on the reference R peaks (fgl predict --beats reference),
#   2. on the QRS detector's beats (fgl predict --beats detect),
#   3. streamed as a device at 250 Hz and at 128 Hz would (fgl stream --rate),
# and the beat-by-beat comparisons with the .atr files are summed over the records (gross), as
# bxb would, from minute 5 on. Writes OUT/{reference,detect,stream-250,stream-128}.{txt,json}
# and OUT/agreement.txt (labels of the 250 / 128 Hz streams against the 360 Hz stream).
#
#   tools/ds2_end_to_end.sh RUN DATA OUT     e.g. ../runs/paper-inter/baseline-s1 ../shared/data/mitdb out/ds2
# RECORDS="100 103" in the environment runs those records only (a quick check of the script).
set -euo pipefail
[ $# -eq 3 ] || { sed -n '2,12p' "$0" >&2; exit 2; }
run="$1"; data="$2"; out="$3"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$repo/examples/target/fgl.jar"
[ -f "$jar" ] || (cd "$repo" && mvn -q -B -DskipTests -pl examples -am package)
fgl() { java --add-modules jdk.incubator.vector -jar "$jar" "$@" 2>/dev/null; }
records="${RECORDS:-100 103 105 111 113 117 121 123 200 202 210 212 213 214 219 221 222 228 231 232 233 234}"
mkdir -p "$out"
: > "$out/agreement.txt"
for r in $records; do
  echo "ds2: record $r" >&2
  fgl predict --model "$run" --record "$data/$r" --beats reference --out "$out/$r.reference" --threads 2 > /dev/null
  fgl predict --model "$run" --record "$data/$r" --beats detect --out "$out/$r.detect" --threads 2 > /dev/null
  for hz in 250 128; do
    fgl stream --model "$run" --record "$data/$r" --rate "$hz" --out "$out/$r.stream-$hz" \
      | sed -n "s/^Against the same stream at 360 Hz (whole record): /$r $hz Hz: /p" >> "$out/agreement.txt"
  done
done
for kind in reference detect stream-250 stream-128; do
  args=()
  for r in $records; do args+=(--ref "$data/$r.atr" --test "$out/$r.$kind"); done
  fgl annotations compare "${args[@]}" --json "$out/$kind.json" > "$out/$kind.txt"
  echo "== $kind"; sed -n '/^Gross/,$p' "$out/$kind.txt"
done
echo "== labels against the 360 Hz stream"; cat "$out/agreement.txt"
