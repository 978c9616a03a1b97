"""Benchmarks: synthetic datasets of any size and a runner measuring speed, memory and load."""
