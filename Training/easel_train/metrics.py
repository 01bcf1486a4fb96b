"""Agreement metrics with the definitions of Easel's `easel eval` (Sources/Grading/Metrics.swift): each returns
None where the metric is undefined (fewer than two pairs, or no variation where the formula divides by it)."""

import math


def pearson(x, y):
    n = len(x)
    if n < 2:
        return None
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    if sxx <= 0 or syy <= 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def ranks(x):
    """Ranks from 1, ties sharing the average of the ranks they span."""
    order = sorted(range(len(x)), key=lambda i: x[i])
    out = [0.0] * len(x)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and x[order[j + 1]] == x[order[i]]:
            j += 1
        for t in range(i, j + 1):
            out[order[t]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(x, y):
    return pearson(ranks(x), ranks(y))


def mae(predicted, actual):
    if not predicted:
        return None
    return sum(abs(a - b) for a, b in zip(predicted, actual)) / len(predicted)


def rmse(predicted, actual):
    if not predicted:
        return None
    return math.sqrt(sum((a - b) ** 2 for a, b in zip(predicted, actual)) / len(predicted))


def icc21(x, y):
    """ICC(2,1) of Shrout & Fleiss (1979): two-way random effects, absolute agreement, single rater."""
    n, k = len(x), 2
    if n < 2:
        return None
    rows = list(zip(x, y))
    grand = (sum(x) + sum(y)) / (n * k)
    ss_rows = sum(k * ((a + b) / 2 - grand) ** 2 for a, b in rows)
    ss_total = sum((v - grand) ** 2 for r in rows for v in r)
    ss_cols = sum(n * (sum(r[c] for r in rows) / n - grand) ** 2 for c in range(k))
    ss_error = ss_total - ss_rows - ss_cols
    bms = ss_rows / (n - 1)
    jms = ss_cols / (k - 1)
    ems = ss_error / ((n - 1) * (k - 1))
    denominator = bms + (k - 1) * ems + k * (jms - ems) / n
    if denominator == 0:
        return None
    return (bms - ems) / denominator


def summary(predicted, actual):
    """The five metrics of one list of pairs, as `easel eval` reports them."""
    return {"pearson": pearson(predicted, actual), "spearman": spearman(predicted, actual),
            "mae": mae(predicted, actual), "rmse": rmse(predicted, actual), "icc": icc21(predicted, actual)}
