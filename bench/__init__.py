"""Benchmarks of the site build: `make bench` (python -m bench); see docs/benchmarks.md."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
