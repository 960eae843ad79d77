#!/bin/bash
# Searches per second of two commits on the same databases, interleaved (bench/throughput.py):
#   bench/compare_throughput.sh BASE [ROUNDS] [DATABASE_URL | opensearch]   (as bench/compare_latency.sh)
COMPARE=throughput exec "$(dirname "$0")/compare_latency.sh" "$@"
