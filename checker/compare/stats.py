"""Statistics for paired holdout results, standard library only (it also runs in Pyodide).

Every random step draws from ``random.Random(seed)`` through code in this module or through
``random()``, ``getrandbits()`` and unweighted ``choices()``, whose algorithms are the same from
Python 3.9 on, so a seed gives the same figures on CPython 3.11 and on Pyodide.
"""

from __future__ import annotations

import math
import random
from array import array
from collections.abc import Sequence
from itertools import compress
from statistics import NormalDist

Z_975 = NormalDist().inv_cdf(0.975)  # two-sided 95%
Z_80 = NormalDist().inv_cdf(0.80)  # 80% power

# Student's t, 97.5th percentile, for 1..30 degrees of freedom.
_T_975 = (
    12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836,
    2.446911851, 2.364624252, 2.306004135, 2.262157163, 2.228138852,
    2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546,
    2.119905299, 2.109815578, 2.100922040, 2.093024054, 2.085963447,
    2.079613845, 2.073873068, 2.068657610, 2.063898562, 2.059538553,
    2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
)  # fmt: skip
EXACT_SIGN_FLIP_LIMIT = 16  # up to 2**16 sign patterns are enumerated; beyond, Monte Carlo


def wilson_interval(successes: int, n: int, z: float = Z_975) -> tuple[float, float]:
    """Wilson score interval for a proportion; 8/10 gives (0.490, 0.943)."""
    if n <= 0:
        raise ValueError("n must be positive")
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def t_975(df: int) -> float:
    """97.5th percentile of Student's t: a table to 30 df, then the Cornish-Fisher expansion
    (Abramowitz and Stegun 26.7.5), which is within 1e-6 of the true value from 30 df on."""
    if df < 1:
        raise ValueError("degrees of freedom must be at least 1")
    if df <= len(_T_975):
        return _T_975[df - 1]
    z = Z_975
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4


def mean_sd(values: Sequence[float]) -> tuple[float, float]:
    """Mean and sample standard deviation (n - 1); the deviation is 0 for fewer than 2 values."""
    n = len(values)
    mean = math.fsum(values) / n
    if n < 2:
        return mean, 0.0
    return mean, math.sqrt(math.fsum((x - mean) ** 2 for x in values) / (n - 1))


def t_interval(values: Sequence[float]) -> tuple[float, float]:
    """95% t interval for a mean: mean +- t(0.975, n - 1) * sd / sqrt(n). Needs 2 or more values."""
    mean, sd = mean_sd(values)
    half = t_975(len(values) - 1) * sd / math.sqrt(len(values))
    return mean - half, mean + half


EXACT_MCNEMAR_LIMIT = 10_000  # up to this many discordant pairs, exact integers; beyond, logs


def mcnemar_exact(b: int, c: int) -> float:
    """Exact two-sided McNemar p-value from the discordant counts, in time linear in b + c.

    b: items only the baseline got right; c: items only the candidate got right.
    p = min(1, 2 * sum(comb(b + c, k) for k <= min(b, c)) / 2 ** (b + c)). Up to
    EXACT_MCNEMAR_LIMIT discordant pairs this is computed in exact integers; beyond, the tail is
    summed relative to its largest term (each term from the next by one ratio, stopping once
    the terms no longer change the sum) and scaled in log space, which keeps about 12
    significant digits without big integers.
    """
    if b < 0 or c < 0:
        raise ValueError("counts must not be negative")
    m = b + c
    low = min(b, c)
    if m == 0 or 2 * low >= m:
        return 1.0
    if m <= EXACT_MCNEMAR_LIMIT:
        tail = term = 1  # comb(m, 0), then comb(m, k) from comb(m, k - 1)
        for k in range(1, low + 1):
            term = term * (m - k + 1) // k
            tail += term
        return min(1.0, 2 * tail / (1 << m))
    relative = total = 1.0  # comb(m, k) / comb(m, low), for k = low, low - 1, ...
    for k in range(low, 0, -1):
        relative *= k / (m - k + 1)
        if relative < 1e-17 * total:
            break
        total += relative
    log_top = math.lgamma(m + 1) - math.lgamma(low + 1) - math.lgamma(m - low + 1)
    log_p = math.log(2.0) + log_top + math.log(total) - m * math.log(2.0)
    return min(1.0, math.exp(log_p))


def binomial(rng: random.Random, n: int, p: float) -> int:
    """One draw from Binomial(n, p).

    Follows CPython 3.12's ``random.binomialvariate`` (Devroye's geometric method for n * p < 10,
    else Hormann's BTRS), kept here so a seed gives the same draws on 3.11 and on later versions.
    """
    if n <= 0 or p <= 0.0:
        return 0
    if p >= 1.0:
        return n
    if p > 0.5:
        return n - binomial(rng, n, 1.0 - p)
    random_ = rng.random
    if n * p < 10.0:
        x = y = 0
        c = math.log(1.0 - p)
        if not c:
            return x
        while True:
            y += math.floor(math.log(1.0 - random_()) / c) + 1  # 1 - u keeps log away from 0
            if y > n:
                return x
            x += 1
    spq = math.sqrt(n * p * (1.0 - p))
    b = 1.15 + 2.53 * spq
    a = -0.0873 + 0.0248 * b + 0.01 * p
    c = n * p + 0.5
    vr = 0.92 - 4.2 / b
    alpha = (2.83 + 5.1 / b) * spq
    lpq = math.log(p / (1.0 - p))
    m = math.floor((n + 1) * p)
    h = math.lgamma(m + 1) + math.lgamma(n - m + 1)
    while True:
        u = random_() - 0.5
        us = 0.5 - abs(u)
        k = math.floor((2.0 * a / us + b) * u + c)
        if k < 0 or k > n:
            continue
        v = random_()
        if us >= 0.07 and v <= vr:
            return k
        v *= alpha / (a / (us * us) + b)
        if math.log(v) <= h - math.lgamma(k + 1) - math.lgamma(n - k + 1) + (k - m) * lpq:
            return k


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Linear interpolation between order statistics (the usual "type 7" definition)."""
    position = (len(sorted_values) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    fraction = position - low
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * fraction


def _tally(values: Sequence[float]) -> tuple[list[float], list[int]]:
    """Distinct values with their counts, in order of first appearance (so negating every value
    keeps the order, and swapping the two models mirrors the bootstrap draw for draw)."""
    counts: dict[float, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return list(counts), list(counts.values())


def bootstrap_means(differences: Sequence[float], replicates: int, seed: int) -> list[float]:
    """Means of ``replicates`` resamples (with replacement, same size) of the paired differences.

    Resampling item indices and applying them to both models gives, for the mean difference, the
    same thing as resampling the per-item differences. When few distinct differences exist (always
    for pass/fail: -1, 0, +1), a resample is fully described by how many times each distinct value
    was drawn, which is a multinomial draw; that is sampled directly with binomials, so a replicate
    costs a few random numbers instead of n. Otherwise each replicate draws n items.
    """
    n = len(differences)
    rng = random.Random(seed)
    values, counts = _tally(differences)
    means: list[float] = []
    if len(values) * 16 <= n or len(values) <= 3:
        last = len(values) - 1
        for _ in range(replicates):
            remaining, mass, total = n, n, 0.0
            for index, value in enumerate(values):
                drawn = (
                    remaining if index == last else binomial(rng, remaining, counts[index] / mass)
                )
                total += drawn * value
                remaining -= drawn
                mass -= counts[index]
            means.append(total / n)
    else:
        # Unweighted choices() has drawn floor(random() * n) per item since Python 3.9.
        for _ in range(replicates):
            means.append(sum(rng.choices(differences, k=n)) / n)
    return means


def bootstrap_interval(
    differences: Sequence[float], replicates: int, seed: int, confidence: float = 0.95
) -> tuple[float, float]:
    """Percentile interval of the paired bootstrap of the mean difference."""
    means = sorted(bootstrap_means(differences, replicates, seed))
    tail = (1 - confidence) / 2
    return percentile(means, tail), percentile(means, 1 - tail)


def sign_flip_test(differences: Sequence[float], replicates: int, seed: int) -> tuple[float, bool]:
    """Two-sided paired sign-flip permutation test of mean difference 0: (p-value, exact?).

    Under no difference each item's difference is as likely to be negative as positive, so the
    observed |sum| is compared with the |sum| after flipping signs at random. Zero differences
    are dropped. Up to 16 non-zero differences every sign pattern is enumerated (exact p);
    beyond, ``replicates`` random patterns give p = (1 + hits) / (1 + replicates). With few
    distinct sizes, the number of flipped signs among the items of each size is drawn directly
    (a binomial with p = 1/2), which has the same distribution as flipping them one by one.
    """
    sizes = array("d", (abs(d) for d in differences if d))
    m = len(sizes)
    if m == 0:
        return 1.0, True
    observed = abs(math.fsum(differences))
    total = math.fsum(sizes)
    threshold = observed - 1e-9 * total  # ties count as at least as extreme
    if m <= EXACT_SIGN_FLIP_LIMIT:
        signs = [1] * m
        running = total
        hits = int(abs(running) >= threshold)
        for pattern in range(1, 2**m):  # Gray code: one sign changes per step
            bit = (pattern & -pattern).bit_length() - 1
            signs[bit] = -signs[bit]
            running += 2 * signs[bit] * sizes[bit]
            hits += abs(running) >= threshold
        return hits / 2**m, True
    rng = random.Random(seed)
    hits = 0
    magnitudes, counts = _tally(sizes)
    if len(magnitudes) * 16 <= m:  # few distinct sizes: count the flips of each with a binomial
        groups = list(zip(magnitudes, counts, strict=True))
        for _ in range(replicates):
            flipped = sum(size * binomial(rng, count, 0.5) for size, count in groups)
            hits += abs(total - 2 * flipped) >= threshold
        return (1 + hits) / (1 + replicates), False
    to_flags = bytes.maketrans(b"01", b"\x00\x01")
    for _ in range(replicates):
        flags = format(rng.getrandbits(m), f"0{m}b").encode().translate(to_flags)
        flipped = sum(compress(sizes, flags))
        hits += abs(total - 2 * flipped) >= threshold
    return (1 + hits) / (1 + replicates), False


BINOMIAL_COST = 8  # a binomial draw costs about as much as drawing 8 items one by one


def resampling_cost(differences: Sequence[float]) -> int:
    """Work per replicate of the bootstrap plus the sign-flip test, in item draws: the number of
    distinct values times BINOMIAL_COST where they are few, else the number of items."""
    n = len(differences)
    values = _tally(differences)[0]
    boot = BINOMIAL_COST * len(values) if len(values) * 16 <= n or len(values) <= 3 else n
    sizes = [abs(value) for value in values if value]
    m = n - _count_zero(differences)
    magnitudes = len(set(sizes))
    if m <= EXACT_SIGN_FLIP_LIMIT:
        flip = 0  # enumerated once, not per replicate
    else:
        flip = BINOMIAL_COST * magnitudes if magnitudes * 16 <= m else m
    return boot + flip


def _count_zero(values: Sequence[float]) -> int:
    return sum(1 for value in values if not value)


def minimum_detectable_effect(sd: float, n: int) -> float:
    """Smallest true mean difference found 80% of the time by a two-sided test at alpha 0.05.

    Normal approximation: MDE = (z(0.975) + z(0.80)) * sd / sqrt(n) = 2.80 * sd / sqrt(n),
    where sd is the standard deviation of the per-item differences. For pass/fail, sd is taken
    as sqrt((b + c) / n), the spread of differences when the two models are equally good.
    """
    return (Z_975 + Z_80) * sd / math.sqrt(n)
