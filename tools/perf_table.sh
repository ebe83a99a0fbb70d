#!/usr/bin/env bash
# The performance table of docs/PERFORMANCE.md in one run: every figure measured side by side
# with the PyTorch reference (../shared/anchors/pytorch/bench.py, with the GLIBC_TUNABLES its
# header recommends) and as a share of the FMA peak measured in the same run (JMH
# PeakFmaBenchmark). Prints the host, the JVM's vector width, and a Markdown table.
#
# Usage, from the repository root, on a machine with nothing else running:
#   mvn -q -B -DskipTests package && tools/perf_table.sh [--quick] [--java PATH] [-- JVM flags...]
# e.g. `tools/perf_table.sh -- -Dfglecg.vector.bits=256` for the AVX2 width on an AVX-512 host
# (or -XX:UseAVX=2 for AVX2's 16 registers too). --quick: short iterations, a smoke test only.
# --only training|inference|sgemm: that group of rows alone (the FMA peak is always measured);
# inference also times the tensor path (FglNet.inferenceCopy().predict) beside FrozenFglNet.
# Training share of peak counts a step as 3 x the forward FLOPs (backward ~ 2 x forward).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0; java_bin=java; jvm_flags=(); only=all
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --only) only="$2"; shift
      case "$only" in training|inference|sgemm) ;; *) echo "perf_table: --only training|inference|sgemm, got $only" >&2; exit 2 ;; esac ;;
    --java) java_bin="$2"; shift ;;
    --) shift; jvm_flags=("$@"); break ;;
    *) echo "perf_table: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
jar=bench/target/benchmarks.jar fgl=examples/target/fgl.jar ref=../shared/anchors/pytorch/bench.py
[ -f "$jar" ] && [ -f "$fgl" ] || { echo "perf_table: build first: mvn -q -B -DskipTests package" >&2; exit 2; }
tun=glibc.malloc.mmap_threshold=4294967296:glibc.malloc.trim_threshold=17179869184
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
have_torch=1; /usr/bin/python3 -c "import torch" 2>/dev/null || have_torch=0

if [ $quick = 1 ]; then w="-wi 1 -w 1 -i 1 -r 1"; tw="-wi 1 -w 2 -i 1 -r 2"; tsteps="--warmup 1 --chunks 1 --steps 2"
  teacher_steps="--warmup 1 --chunks 1 --steps 1"
else w="-wi 2 -w 5 -i 5 -r 5"; tw="-wi 1 -w 15 -i 3 -r 15"; tsteps=""; teacher_steps="--warmup 1 --chunks 3 --steps 3"; fi

jmh() {  # jmh NAME ARGS...: JMH result JSON in $out/NAME.json
  local name=$1; shift
  "$java_bin" -Djmh.ignoreLock=true --add-modules jdk.incubator.vector -jar "$jar" "$@" -f 1 \
    -jvmArgsAppend "--add-modules=jdk.incubator.vector ${jvm_flags[*]:-}" -rf json -rff "$out/$name.json" \
    > "$out/$name.log" 2>&1 || { echo "perf_table: JMH $name failed, see below" >&2; tail -20 "$out/$name.log" >&2; exit 1; }
}
torch() {  # torch NAME ARGS...: the RESULT line's JSON in $out/NAME.torch
  local name=$1; shift
  if [ $have_torch = 1 ]; then
    GLIBC_TUNABLES=$tun /usr/bin/python3 "$ref" "$@" 2>/dev/null | sed -n 's/^RESULT //p' > "$out/$name.torch" || true
  fi
}
torch_gemm() {  # torch_gemm NAME M K N: OpenBLAS SGEMM through torch.mm, GFLOP/s, one thread
  local name=$1 m=$2 k=$3 n=$4
  [ $have_torch = 1 ] || return 0
  GLIBC_TUNABLES=$tun OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 - "$m" "$k" "$n" $quick \
      > "$out/$name.torch" 2>/dev/null <<'PY' || true
import json, sys, time, torch
m, k, n, quick = map(int, sys.argv[1:5])
torch.set_num_threads(1)
a, b = torch.randn(m, k), torch.randn(k, n)
for _ in range(3): torch.mm(a, b)
best = []
for _ in range(3 if quick else 15):
    t0 = time.perf_counter(); reps = 0
    while time.perf_counter() - t0 < (0.1 if quick else 0.5): torch.mm(a, b); reps += 1
    best.append(2 * m * k * n * reps / (time.perf_counter() - t0) / 1e9)
best.sort(); print(json.dumps({"median": best[len(best) // 2]}))
PY
}

echo "== host"
date -u '+%Y-%m-%d %H:%M UTC'
lscpu | sed -n 's/^Model name: *//p' | head -1
echo "vCPUs: $(nproc); flags: $(grep -o -w -E 'avx2|fma|avx512f' /proc/cpuinfo | sort -u | tr '\n' ' ')"
"$java_bin" -version 2>&1 | head -1
cat > "$out/Width.java" <<'JAVA'
public class Width { public static void main(String[] a) { org.fglecg.tensor.kernel.Kernels.get(); } }
JAVA
"$java_bin" --add-modules jdk.incubator.vector ${jvm_flags[@]+"${jvm_flags[@]}"} -cp "$fgl" "$out/Width.java" 2>&1 \
  | grep -o 'fgl-ecg kernels: .*' | head -1 || true
echo "JVM flags: ${jvm_flags[*]:-none}; PyTorch: $([ $have_torch = 1 ] && /usr/bin/python3 -c 'import torch; print(torch.__version__)' || echo absent)"
if [ $have_torch = 1 ]; then
  # Debian's torch calls whatever libblas.so.3 the alternatives system points at: the netlib
  # reference BLAS (a few GFLOP/s) unless libopenblas0-pthread is installed. Say which one.
  blas=$(readlink -f /etc/alternatives/libblas.so.3-x86_64-linux-gnu 2>/dev/null || echo unknown)
  core=$(OPENBLAS_VERBOSE=2 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 -c 'import torch; torch.mm(torch.ones(2,2), torch.ones(2,2))' 2>&1 | sed -n 's/^Core: //p' | head -1)
  echo "PyTorch BLAS: $blas${core:+ (OpenBLAS core $core)}"
  case "$blas" in */openblas*) ;; *) echo "perf_table: warning: PyTorch runs on the reference BLAS; install libopenblas0-pthread for a fair comparison" >&2 ;; esac
fi
echo

"$java_bin" --add-modules jdk.incubator.vector -jar "$fgl" model summary --role student --json 2>/dev/null > "$out/student.flops"
"$java_bin" --add-modules jdk.incubator.vector -jar "$fgl" model summary --role teacher --json 2>/dev/null > "$out/teacher.flops"

echo "measuring (each figure: PyTorch, then fgl-ecg)..." >&2
wants() { [ "$only" = all ] || [ "$only" = "$1" ]; }
jmh peak PeakFmaBenchmark $w
if wants training; then
  for t in 1 2; do
    torch student-train-$t train --model student --threads $t $tsteps
    jmh student-train-$t TrainStepBenchmark -p role=student -p threads=$t $w
    torch teacher-train-$t train --model teacher --threads $t $teacher_steps
    jmh teacher-train-$t TrainStepBenchmark -p role=teacher -p threads=$t $tw
  done
fi
if wants inference; then
  torch latency latency --model student --threads 1 $([ $quick = 1 ] && echo --calls 50)
  jmh latency InferenceBenchmark.latencyBatch1 -p threads=1 $w
  for t in 1 2; do
    torch infer-$t infer --model student --threads $t --batch 256 $tsteps
    jmh infer-$t InferenceBenchmark.throughputBatch256 -p threads=$t $w
  done
  if [ "$only" = inference ]; then
    jmh latency-tensor InferenceBenchmark.latencyBatch1 -p threads=1 -p path=tensor $w
    jmh infer-1-tensor InferenceBenchmark.throughputBatch256 -p threads=1 -p path=tensor $w
  fi
fi
if wants sgemm; then
  for s in 128x384x11648 128x96x11648 512x512x512; do
    torch_gemm gemm-$s ${s//x/ }
    jmh gemm-$s GemmBenchmark -p impl=vector -p threads=1 -p shape=$s $w
  done
fi

/usr/bin/python3 - "$out" <<'PY'
import json, os, sys
d = sys.argv[1]
def load(name, ext):
    p = os.path.join(d, name + ext)
    if not os.path.exists(p) or os.path.getsize(p) == 0: return None
    return json.loads(open(p).read().strip().splitlines()[-1]) if ext == ".torch" else json.load(open(p))
def jmh(name, label=None):
    runs = load(name, ".json")
    for r in runs or []:
        if label is None or label in r["benchmark"]:
            if "secondaryMetrics" in r and "flop" in r["secondaryMetrics"]:
                return r["secondaryMetrics"]["flop"]["score"]
            return r["primaryMetric"]["score"]
flops = {m: load(m, ".flops")["forward_flops_per_beat"] for m in ("student", "teacher")}
peak = {1: jmh("peak", "oneThread"), 2: jmh("peak", "twoThreads")}
print(f"FMA peak (JMH PeakFmaBenchmark, this run): {peak[1]:.1f} GFLOP/s on one thread, {peak[2]:.1f} on two "
      f"({peak[2] / peak[1]:.2f}x)\n")
rows = []
def row(label, ours, theirs, unit, flops_per_unit, threads, higher_better=True):
    if ours is None: return                                   # not measured (--only)
    share = ours * flops_per_unit / 1e9 / peak[threads] if higher_better else flops_per_unit / (ours / 1e3) / 1e9 / peak[threads]
    if theirs is None: ratio = "n/a"
    else: ratio = f"{ours / theirs:.2f}x" if higher_better else f"{theirs / ours:.2f}x"
    rows.append(f"| {label} | {ours:,.1f} {unit} | " + (f"{theirs:,.1f} {unit}" if theirs else "n/a") + f" | {ratio} | {100 * share:.0f} % |")
def torch_value(name, key):
    t = load(name, ".torch")
    return None if t is None else t[key]
for m in ("student", "teacher"):
    for t in (1, 2):
        row(f"{m} train, batch 128, {t} thread(s)", jmh(f"{m}-train-{t}"), torch_value(f"{m}-train-{t}", "median"),
            "samples/s", 3 * flops[m], t)
def ms(us): return None if us is None else us / 1e3
row("student batch-1 latency, 1 thread", ms(jmh("latency")), torch_value("latency", "median_ms"), "ms", flops["student"], 1,
    higher_better=False)
for t in (1, 2):
    row(f"student batch-256 inference, {t} thread(s)", jmh(f"infer-{t}"), torch_value(f"infer-{t}", "median"), "beats/s",
        flops["student"], t)
row("the same batch-1 latency on the tensor path", ms(jmh("latency-tensor")), torch_value("latency", "median_ms"), "ms",
    flops["student"], 1, higher_better=False)
row("the same batch-256, 1 thread, on the tensor path", jmh("infer-1-tensor"), torch_value("infer-1", "median"), "beats/s",
    flops["student"], 1)
for s in ("128x384x11648", "128x96x11648", "512x512x512"):
    m, k, n = s.split("x")
    g = jmh(f"gemm-{s}")
    row(f"SGEMM (m {m}, k {k}, n {n}), 1 thread", g, torch_value(f"gemm-{s}", "median"), "GFLOP/s", 1e9, 1)
print("| figure | fgl-ecg (JMH) | PyTorch (same run) | fgl-ecg vs PyTorch | fgl-ecg share of FMA peak |")
print("|---|---:|---:|---:|---:|")
print("\n".join(rows))
print("\nRatios above 1 mean fgl-ecg is faster (for latency: PyTorch time over ours). "
      "PyTorch SGEMM is torch.mm on one thread (Debian's OpenBLAS).")
PY
