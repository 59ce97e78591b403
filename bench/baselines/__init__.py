"""Bare baselines the benchmarks compare kg with, in the same run."""
