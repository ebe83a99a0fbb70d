"""Deterministic "fixed weights" that the Java tests regenerate bit for bit, so parity
fixtures need not store the weights (only inputs, outputs and gradients).

For a state_dict tensor `name` with n elements, element i (0-based, row-major) is
    u_i = 2 * ((i + 1) * PHI + c  mod 1) - 1,   c = (sum of the name's char codes) * SQRT2 mod 1
computed in float64, then scaled by the rules of `value` and rounded to float32.
The Java twin is org.fglecg.nn.FixtureWeights (test sources); keep them in step.
"""
import math

import numpy as np

PHI = 0.6180339887498949
SQRT2 = 1.4142135623730951


def values(name, shape):
    n = int(np.prod(shape)) if len(shape) else 1
    c = (sum(ord(ch) for ch in name) * SQRT2) % 1.0
    u = 2.0 * ((np.arange(1, n + 1, dtype=np.float64) * PHI + c) % 1.0) - 1.0
    if name.endswith("running_var"):
        v = 1.0 + 0.25 * (u + 1.0)
    elif name.endswith("running_mean"):
        v = 0.1 * u
    elif name == "pos":
        v = 0.02 * u
    elif len(shape) >= 2:
        v = (1.0 / math.sqrt(int(np.prod(shape[1:])))) * u
    elif name.endswith(".weight"):          # 1-D weights are BatchNorm / LayerNorm scales
        v = 1.0 + 0.2 * u
    else:                                   # biases
        v = 0.1 * u
    return v.astype(np.float32).reshape(shape)


def load_into(model):
    import torch
    sd = model.state_dict()
    new = {}
    for name, t in sd.items():
        if name.endswith("num_batches_tracked"):
            new[name] = torch.zeros_like(t)
        else:
            new[name] = torch.from_numpy(values(name, tuple(t.shape)))
    model.load_state_dict(new)
