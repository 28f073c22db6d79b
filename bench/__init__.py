"""The benchmark behind `make bench`: see README "Performance" and bench/run.py."""
