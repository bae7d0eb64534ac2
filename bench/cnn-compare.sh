#!/usr/bin/env bash
# The sources' CNN on Fashion-MNIST, Kiln against PyTorch in one run: builds the benchmark jar, then
# alternates the PyTorch peer (peers/cnn_torch.py) and Kiln's CnnBenchmark, same network, batch 100,
# same protocol (1 epoch of the first 48,000 training images timed without validation; inference of the
# 10,000 test images at batch 1000), and prints training and inference samples/s of both.
#
# Usage: bench/cnn-compare.sh [--rounds R] [--epochs E] [--repeats N] [--torch-threads "2 1"] [--no-build] [--out DIR]
# Environment: JAVA (default: java on PATH), PYTHON (default /usr/bin/python3, Debian's, with
# python3-torch). The peer runs with OPENBLAS_NUM_THREADS=1 once per --torch-threads value (default 2 and
# 1) and each round compares Kiln with the peer's better configuration, separately for training and for
# inference: on a quiet machine 2 threads win; on a shared one torch's OpenMP threads spin-wait and
# 1 thread trains up to 10x faster than 2.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
JAVA="${JAVA:-java}"
PYTHON="${PYTHON:-/usr/bin/python3}"
ROUNDS=1; EPOCHS=1; REPEATS=3; BUILD=1; OUT=""; TORCH_THREADS="2 1"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --epochs) EPOCHS="$2"; shift 2 ;;
    --repeats) REPEATS="$2"; shift 2 ;;
    --torch-threads) TORCH_THREADS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "cnn-compare.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
OUT="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/kiln-cnn.XXXXXX")}"
mkdir -p "$OUT"
if [[ "$BUILD" == 1 ]]; then
  echo "# building kiln-bench/target/benchmarks.jar" >&2
  (cd "$REPO" && ./mvnw -q -B package -pl kiln-core,kiln-bench -am -DskipTests)
fi
cp "$REPO/kiln-bench/target/benchmarks.jar" "$OUT/benchmarks.jar"
{
  echo "# date: $(date -u '+%Y-%m-%d %H:%M UTC')   host cores: $(nproc)   rounds: $ROUNDS   epochs: $EPOCHS   repeats: $REPEATS"
  echo "# java: $("$JAVA" -version 2>&1 | head -1)"
  echo "# cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/meta.txt"
for ((r = 1; r <= ROUNDS; r++)); do
  for t in $TORCH_THREADS; do
    echo "# round $r/$ROUNDS: PyTorch (OPENBLAS_NUM_THREADS=1, --threads $t)" >&2
    OPENBLAS_NUM_THREADS=1 "$PYTHON" "$HERE/peers/cnn_torch.py" --threads "$t" --epochs "$EPOCHS" --repeats "$REPEATS" \
        --json "$OUT/torch-$r-t$t.json" | tee "$OUT/torch-$r-t$t.log" >&2
  done
  echo "# round $r/$ROUNDS: Kiln CnnBenchmark" >&2
  "$JAVA" -XX:+UseSerialGC --add-modules jdk.incubator.vector -cp "$OUT/benchmarks.jar" dev.kiln.bench.CnnBenchmark \
      --epochs "$EPOCHS" --repeats "$REPEATS" --json "$OUT/kiln-$r.json" 2>&1 | grep -v '^WARNING: Using incubator' | tee "$OUT/kiln-$r.log" >&2
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/meta.txt"
"$PYTHON" - "$OUT" "$ROUNDS" "$TORCH_THREADS" <<'PY' | tee "$OUT/table.txt"
import json, sys
out, rounds, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3].split()
print("| round | Kiln train samples/s | PyTorch train samples/s | ratio | Kiln inference samples/s | PyTorch inference samples/s | ratio "
      "| CPU µs/sample train Kiln / PyTorch | CPU µs/sample inference Kiln / PyTorch |")
print("|---|---|---|---|---|---|---|---|---|")
for r in range(1, rounds + 1):
    k = json.load(open(f"{out}/kiln-{r}.json"))["summary"]
    peers = {n: json.load(open(f"{out}/torch-{r}-t{n}.json"))["summary"] for n in threads}
    tt = max(peers, key=lambda n: peers[n]["train_samples_per_s"])
    ti = max(peers, key=lambda n: peers[n]["infer_samples_per_s"])
    # the peer's better configuration for each measure (its thread count in brackets)
    t = {"train_samples_per_s": peers[tt]["train_samples_per_s"], "infer_samples_per_s": peers[ti]["infer_samples_per_s"],
         "train_cpu_us_per_sample": peers[tt].get("train_cpu_us_per_sample", float("nan")),
         "infer_cpu_us_per_sample": peers[ti].get("infer_cpu_us_per_sample", float("nan"))}
    print(f"| {r} | {k['train_samples_per_s']:,.0f} | {t['train_samples_per_s']:,.0f} [{tt}] | {k['train_samples_per_s'] / t['train_samples_per_s']:.2f} "
          f"| {k['infer_samples_per_s']:,.0f} | {t['infer_samples_per_s']:,.0f} [{ti}] | {k['infer_samples_per_s'] / t['infer_samples_per_s']:.2f} "
          f"| {k.get('train_cpu_us_per_sample', float('nan')):.0f} / {t.get('train_cpu_us_per_sample', float('nan')):.0f} "
          f"| {k.get('infer_cpu_us_per_sample', float('nan')):.0f} / {t.get('infer_cpu_us_per_sample', float('nan')):.0f} |")
PY
echo "# raw results in $OUT" >&2
