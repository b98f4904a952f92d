#!/usr/bin/python3
"""The NumPy peer of normlab's simulation benchmark: the same fixed two-level adoption model in
the same world, simulated as a vectorised NumPy script.

Model: each risk-year every state in the system that is not party adopts with probability
1 / (1 + exp(-eta)), eta = sum of beta_j x_j over the lagged covariates and built-in terms exported
by normlab (frame.csv) plus the exposures share_global, share_border and share_subregion computed
from last year's simulated parties among the states in the system last year (a share with an empty
denominator is 0). All states decide from last year's world, then all adoptions apply at once
(a synchronous yearly update). Replay from the opening year: no state is party at the start.

Randomness: one PCG64 stream per replicate, spawned from one SeedSequence; the uniforms of a
replicate are drawn from its own stream. Replicates are simulated in blocks, vectorised across the
block with float32 arithmetic. Per year, a histogram of parties over the replicates is accumulated
(memory does not grow with the replicates), and curve.csv gets the mean and the 5/50/95 % quantiles
(type 7) of the parties per year.

Usage: /usr/bin/python3 numpy_peer.py WORLD_DIR REPLICATES [--seed S] [--block B] [--out FILE]
WORLD_DIR is written by org.normlab.bench.PeerWorld. Prints state-years simulated and the time.
"""
import argparse
import csv
import os
import sys
import time

import numpy as np


def load(world):
    with open(os.path.join(world, "model.csv"), newline="", encoding="utf-8") as f:
        coef = {row["term"]: float(row["coefficient"]) for row in csv.DictReader(f)}
    with open(os.path.join(world, "states.csv"), newline="", encoding="utf-8") as f:
        subregion = np.array([int(row["subregion"]) for row in csv.DictReader(f)], dtype=np.int64)
    n = subregion.size
    adjacency = np.zeros((n, n), dtype=np.float32)
    with open(os.path.join(world, "neighbours.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            adjacency[int(row["state"]), int(row["neighbour"])] = 1.0
    with open(os.path.join(world, "frame.csv"), newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = np.array([[float(x) for x in r] for r in reader], dtype=np.float64)
    years = int(rows[:, 0].max()) + 1
    first_year = int(rows[0, 1])
    shape = (years, n)
    in_last = rows[:, 3].reshape(shape).astype(bool)
    in_now = rows[:, 4].reshape(shape).astype(bool)
    base = np.zeros(shape, dtype=np.float32)
    for j, term in enumerate(header[5:]):
        base += np.float32(coef[term]) * rows[:, 5 + j].reshape(shape).astype(np.float32)
    exposures = {t: np.float32(coef.get(t, 0.0)) for t in ("share_global", "share_border", "share_subregion")}
    unknown = set(coef) - set(header[5:]) - set(exposures)
    if unknown:
        sys.exit("numpy_peer: terms the peer does not know: " + ", ".join(sorted(unknown)))
    return first_year, in_last, in_now, base, exposures, subregion, adjacency


def simulate(world, replicates, seed, block):
    first_year, in_last, in_now, base, b, subregion, adjacency = load(world)
    years, n = base.shape
    groups = int(subregion.max()) + 1
    member = np.zeros((n, groups), dtype=np.float32)
    member[np.arange(n), subregion] = 1.0
    hist = np.zeros((years, n + 1), dtype=np.int64)
    root = np.random.SeedSequence(seed)
    uniforms = np.empty((block, years, n), dtype=np.float32)
    one = np.float32(1.0)
    for start in range(0, replicates, block):
        size = min(block, replicates - start)
        for i, child in enumerate(root.spawn(size)):
            np.random.Generator(np.random.PCG64(child)).random((years, n), dtype=np.float32, out=uniforms[i])
        party = np.zeros((size, n), dtype=bool)
        for k in range(years):
            last = in_last[k]
            lastf = last.astype(np.float32)
            p_last = (party & last).astype(np.float32)
            in_count = lastf.sum()
            share_global = p_last.sum(axis=1) / max(in_count, one)
            border_den = adjacency @ lastf
            share_border = (p_last @ adjacency) / np.where(border_den > 0, border_den, one)
            sub_den = (lastf @ member)[subregion] - lastf
            sub_party = (p_last @ member)[:, subregion] - p_last
            share_sub = np.where(sub_den > 0, sub_party / np.where(sub_den > 0, sub_den, one), np.float32(0))
            eta = (base[k] + b["share_global"] * share_global[:, None] + b["share_border"] * share_border
                   + b["share_subregion"] * share_sub)
            prob = one / (one + np.exp(-eta))
            adopt = ~party & in_now[k] & (uniforms[:size, k, :] < prob)
            party |= adopt
            parties = (party & in_now[k]).sum(axis=1)
            hist[k] += np.bincount(parties, minlength=n + 1)
    state_years = int(in_now.sum()) * replicates
    return first_year, hist, state_years


def quantile7(counts, p):
    """Type 7 quantile of the values a histogram counts (value v counted counts[v] times)."""
    cum = np.cumsum(counts)
    total = int(cum[-1])
    h = (total - 1) * p
    lo = int(np.floor(h))
    at = lambda i: int(np.searchsorted(cum, i, side="right"))
    if lo >= total - 1:
        return float(at(total - 1))
    return at(lo) + (h - lo) * (at(lo + 1) - at(lo))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("world")
    ap.add_argument("replicates", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--block", type=int, default=1000)
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    t0 = time.perf_counter()
    first_year, hist, state_years = simulate(a.world, a.replicates, a.seed, min(a.block, a.replicates))
    elapsed = time.perf_counter() - t0
    if a.out:
        values = np.arange(hist.shape[1])
        with open(a.out, "w", encoding="utf-8", newline="\n") as f:
            f.write("year,parties_mean,parties_q05,parties_q50,parties_q95\n")
            for k in range(hist.shape[0]):
                mean = (hist[k] * values).sum() / hist[k].sum()
                f.write("%d,%.4f,%.4f,%.4f,%.4f\n" % (first_year + k, mean, quantile7(hist[k], 0.05),
                                                      quantile7(hist[k], 0.5), quantile7(hist[k], 0.95)))
    print("numpy_peer: %d replicates, %d state-years in %.3f s (%.1f M state-years/s in the script)"
          % (a.replicates, state_years, elapsed, state_years / elapsed / 1e6))


if __name__ == "__main__":
    main()
