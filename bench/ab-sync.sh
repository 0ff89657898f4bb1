#!/bin/bash
# bench/ab-sync.sh <patch> <rounds>: A/B of a change on `npm run bench:sync`, in alternated rounds on
# the same machine. The working tree must have the patch applied ("new"); each "base" run reverts it
# (git apply -R) and puts it back. Prints, per run, the first sync, its floors and the ratio (wall
# and CPU) and the load average. On a shared machine, give this shell's autogroup priority first:
# `echo -19 > /proc/$$/autogroup` (root).
set -e
patch=$1
rounds=${2:-3}
cd "$(dirname "$0")/.."
for i in $(seq 1 "$rounds"); do
  for v in base new; do
    [ "$v" = base ] && git apply -R "$patch"
    out=$(npm run bench:sync 2>&1)
    [ "$v" = base ] && git apply "$patch"
    first=$(echo "$out" | grep -E "^first sync  " | awk '{print $3}')
    floor=$(echo "$out" | grep -E "storage floor of" | sed 's/.*transactions: \([0-9]*\) ms.*/\1/')
    ex=$(echo "$out" | grep -E "floor\):" | sed 's/.*floor): \([0-9]*\) ms before the first.*/\1/')
    ratio=$(echo "$out" | grep -E "storage floor of" | sed 's/.*exceljs floor = \([0-9.]*\).*/\1/')
    cpu=$(echo "$out" | grep -E "the same in CPU" | sed 's/.*exceljs = \([0-9.]*\).*/\1/')
    echo "$v first=$first storage=$floor exceljs=$ex ratio=$ratio cpuratio=$cpu load=$(cut -d' ' -f1 /proc/loadavg)"
  done
done
