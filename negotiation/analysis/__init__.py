"""Analysis: agreement and gaps, version diffs, zones, forecasts, backtests, drift and
headline numbers, in pure pandas over the data layer."""
