#!/usr/bin/python3
"""Shows that checkpoints move both ways between PyTorch and fgl-ecg (issue 3, item 6).

1. PyTorch builds the reference model (shared/anchors/pytorch/fgl_model.py), trains it 3 Adam
   steps (so BatchNorm buffers and num_batches_tracked move), saves its state_dict as
   safetensors and its eval logits on a probe batch.
2. Java (CheckpointProbe, nn test classes) loads that file into FglNet, checks its eval
   logits against PyTorch's, trains one step itself and saves its own checkpoint + logits.
3. PyTorch loads the Java checkpoint with load_state_dict(strict=True) and checks its eval
   logits against Java's.

Run from the repository root:  /usr/bin/python3 tools/checkpoint_roundtrip.py [student|teacher]
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "..", "shared", "anchors", "pytorch"))
import fgl_model  # noqa: E402
import safetensors_np  # noqa: E402


def state_dict_arrays(model):
    return {k: v.detach().numpy() for k, v in model.state_dict().items()}


def main():
    role = sys.argv[1] if len(sys.argv) > 1 else "student"
    torch.manual_seed(0)
    model = fgl_model.student() if role == "student" else fgl_model.teacher()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randn(8, 1, model.length)
    y = torch.arange(8) % 4
    model.train()
    for _ in range(3):
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()
    model.eval()
    with torch.enable_grad():           # the reference math (no fused fast path)
        torch_logits = model(x).detach()

    d = tempfile.mkdtemp(prefix="fgl-ckpt-")
    ckpt, probe = os.path.join(d, "torch.safetensors"), os.path.join(d, "probe.safetensors")
    jckpt, jprobe = os.path.join(d, "java.safetensors"), os.path.join(d, "java_probe.safetensors")
    safetensors_np.write(ckpt, state_dict_arrays(model))
    safetensors_np.write(probe, {"input": x.numpy(), "torch_logits": torch_logits.numpy()})

    subprocess.run(["mvn", "-q", "-B", "-pl", "nn", "-am", "test-compile"], cwd=ROOT, check=True)
    cp = ":".join(os.path.join(ROOT, p) for p in
                  ("nn/target/classes", "nn/target/test-classes", "core-tensor/target/classes"))
    r = subprocess.run(["java", "--add-modules", "jdk.incubator.vector", "-cp", cp,
                        "org.fglecg.nn.io.CheckpointProbe", role, ckpt, probe, jckpt, jprobe],
                       stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise SystemExit("FAIL: Java could not reproduce the PyTorch checkpoint's logits\n" + r.stderr[-2000:])

    sd, meta = safetensors_np.read(jckpt)
    fresh = fgl_model.student() if role == "student" else fgl_model.teacher()
    fresh.load_state_dict({k: torch.from_numpy(v) for k, v in sd.items()}, strict=True)
    fresh.eval()
    with torch.enable_grad():
        z = fresh(x).detach().numpy()
    jz = safetensors_np.read(jprobe)[0]["java_logits"]
    rel = np.abs(z - jz).max() / np.abs(jz).max()
    print("torch: Java checkpoint (%s, %d tensors, num_batches_tracked %s) loaded strictly; "
          "eval logits relative diff %.3g" % (meta.get("written_by"), len(sd),
                                             sd["proj.1.num_batches_tracked"].dtype, rel))
    if rel > 1e-4:
        raise SystemExit("FAIL")
    print("PASS: %s checkpoints round-trip PyTorch -> Java -> PyTorch (files in %s)" % (role, d))


if __name__ == "__main__":
    main()
