"""Statistics of latency samples."""


def percentile(values, fraction: float) -> float:
    """The value below which `fraction` of the samples fall, interpolating between the two nearest samples.

    The same as `statistics.quantiles(..., method="inclusive")` and numpy's default; `fraction=0.5` is the median.
    """
    if not values:
        raise ValueError("no samples")
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction must be between 0 and 1; got {fraction}")
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def median(values) -> float:
    return percentile(values, 0.5)


def p95(values) -> float:
    return percentile(values, 0.95)
