#!/bin/sh
# Presidio peer for benches/detect.rs: same generated corpus, same dev texts.
# usage: crates/kluis-pii/benches/presidio/run.sh [DEV_TEXT_DIR]   (from the repository root)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../../.." && pwd)
VENV=${PRESIDIO_VENV:-$ROOT/target/presidio-venv}
CORPUS=${CORPUS:-$ROOT/target/kluis-pii-bench-corpus.txt}
# Dev texts: `cargo xtask eval dev-text ../shared/corpus/dev/docs --out target/dev-texts`.
DEV_TEXTS=${1:-$ROOT/target/dev-texts}
LABELS=${DEV_LABELS:-$ROOT/../shared/corpus/dev/labels.jsonl}
SCORE=${SCORE:-$ROOT/../shared/corpus/score.py}
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q "presidio-analyzer==2.2.366"
# The corpus comes from the Rust bench's own generator (fixed seed), so both sides read identical bytes.
[ -f "$CORPUS" ] || cargo bench -p kluis-pii --bench detect -- --mb 50 --write-corpus "$CORPUS"
"$VENV/bin/python" "$HERE/presidio_bench.py" "$CORPUS" --mb "${PRESIDIO_MB:-2}" \
  --dev-texts "$DEV_TEXTS" --dev-labels "$LABELS" --score "$SCORE"
