"""goaltui's benchmarks: ``python -m benchmarks --help`` (see docs/benchmarks.md)."""
