#!/usr/bin/env bash
# Kiln's sgemm against torch.mm on this machine, in one run: builds the JMH jar, runs the PyTorch
# peer and GemmBenchmark for the same shapes (alternating, --rounds times), and prints the table
# shape | Kiln GFLOP/s | torch GFLOP/s | ratio (medians over rounds, with their spread).
#
# Usage: bench/compare.sh [--rounds R] [--kernel vector|scalar] [--shapes "MxKxN ..."] [--quick]
#                         [--cpu-time] [--no-build] [--out DIR]
# --cpu-time: one thread each (Kiln -Dkiln.threads=1, torch OPENBLAS_NUM_THREADS=1) timed in CPU
# time, i.e. per-core efficiency; use it when other jobs load the machine (wall time then measures
# the share of the cores each side got).
# Environment: JAVA (java used for the benchmark; default: java on PATH), PYTHON (default
# /usr/bin/python3, Debian's, which sees python3-torch), OPENBLAS_NUM_THREADS (unset: OpenBLAS
# uses every core, torch's best configuration here; see bench/README.md).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
JAVA="${JAVA:-java}"
PYTHON="${PYTHON:-/usr/bin/python3}"
ROUNDS=1
KERNEL=vector
QUICK=0
CPU=0
BUILD=1
OUT=""
SHAPES="64x64x64 128x128x128 256x256x256 512x512x512 1024x1024x1024 2048x2048x2048 128x784x512 128x512x512 32x2x50 32x50x3 32x20x25"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --kernel) KERNEL="$2"; shift 2 ;;
    --shapes) SHAPES="$2"; shift 2 ;;
    --quick) QUICK=1; shift ;;
    --cpu-time) CPU=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$KERNEL" in
  vector) JVM_ARGS="--add-modules jdk.incubator.vector" ;;
  scalar) JVM_ARGS="-Dkiln.gemm.kernel=scalar" ;;
  *) echo "compare.sh: --kernel must be vector or scalar, got '$KERNEL'" >&2; exit 2 ;;
esac
if [[ "$QUICK" == 1 ]]; then
  JMH_TIMES=(-wi 2 -w 1 -i 3 -r 1); TORCH_REPS=3
else
  JMH_TIMES=(-wi 4 -w 1 -i 5 -r 1); TORCH_REPS=5
fi
OUT="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/kiln-compare.XXXXXX")}"
mkdir -p "$OUT"

if [[ "$BUILD" == 1 ]]; then
  echo "# building kiln-bench/target/benchmarks.jar" >&2
  (cd "$REPO" && ./mvnw -q -B package -pl kiln-core,kiln-bench -am -DskipTests)
fi
# A private copy, so that a rebuild while the benchmark runs cannot swap classes under it.
cp "$REPO/kiln-bench/target/benchmarks.jar" "$OUT/benchmarks.jar"
JAR="$OUT/benchmarks.jar"
SHAPE_PARAM="$(echo $SHAPES | tr ' ' ',')"

{
  echo "# date: $(date -u '+%Y-%m-%d %H:%M UTC')   host cores: $(nproc)   kernel: $KERNEL   rounds: $ROUNDS   cpu-time mode: $CPU"
  echo "# java: $("$JAVA" -version 2>&1 | head -1)"
  echo "# cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/meta.txt"

JMH_FILES=(); TORCH_FILES=()
for ((r = 1; r <= ROUNDS; r++)); do
  if [[ "$CPU" == 1 ]]; then
    echo "# round $r/$ROUNDS: torch.mm, one thread, CPU time" >&2
    (cd "$HERE/peers" && OPENBLAS_NUM_THREADS=1 "$PYTHON" gemm_torch_shapes.py --threads 1 \
        --reps "$TORCH_REPS" --clock process --json "$OUT/torch-$r.json" $SHAPES) >&2
    echo "# round $r/$ROUNDS: Kiln GemmCpuTime ($KERNEL kernel), one thread, CPU time" >&2
    # shellcheck disable=SC2086
    "$JAVA" $JVM_ARGS -Dkiln.threads=1 -cp "$JAR" dev.kiln.bench.GemmCpuTime --reps "$TORCH_REPS" \
        --json "$OUT/kiln-$r.json" $SHAPES > "$OUT/kiln-$r.log" 2>&1 || { cat "$OUT/kiln-$r.log" >&2; exit 1; }
  else
    echo "# round $r/$ROUNDS: torch.mm" >&2
    (cd "$HERE/peers" && "$PYTHON" gemm_torch_shapes.py --threads 1 --reps "$TORCH_REPS" \
        --json "$OUT/torch-$r.json" $SHAPES) >&2
    echo "# round $r/$ROUNDS: Kiln GemmBenchmark ($KERNEL kernel)" >&2
    "$JAVA" -jar "$JAR" GemmBenchmark -f 1 "${JMH_TIMES[@]}" -p "shape=$SHAPE_PARAM" \
        -jvmArgsAppend "$JVM_ARGS" -rf json -rff "$OUT/kiln-$r.json" > "$OUT/kiln-$r.log" 2>&1 \
        || { cat "$OUT/kiln-$r.log" >&2; exit 1; }
  fi
  TORCH_FILES+=("$OUT/torch-$r.json")
  JMH_FILES+=("$OUT/kiln-$r.json")
done

echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/meta.txt"
"$PYTHON" "$HERE/gemm_table.py" --jmh "${JMH_FILES[@]}" --torch "${TORCH_FILES[@]}" | tee "$OUT/table.txt"
echo "# raw results in $OUT" >&2
