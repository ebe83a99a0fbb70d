package org.fglecg.tensor;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TensorTest {
    private static Tensor t(float[] v, int... shape) {
        return Tensor.fromArray(v, shape);
    }

    @Test
    void factoriesAndInspection() {
        Tensor a = Tensor.arange(6).reshape(2, 3);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertEquals(3, a.size(-1));
        assertEquals(5f, a.get(1, 2));
        assertEquals(7f, Tensor.full(7f, 2, 2).get(1, 1));
        assertEquals(0f, Tensor.zeros(3).get(2));
        assertEquals(2.5f, Tensor.scalar(2.5f).item());
        assertThrows(ShapeException.class, () -> Tensor.fromArray(new float[5], 2, 3));
    }

    @Test
    void viewsShareStorage() {
        Tensor a = Tensor.arange(6).reshape(2, 3);
        Tensor t = a.transpose(0, 1);
        assertFalse(t.isContiguous());
        assertSame(a.data(), t.data());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, t.toArray());
        assertArrayEquals(new float[] {1, 2, 4, 5}, a.narrow(1, 1, 2).toArray());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, t.reshape(6).toArray());
        assertArrayEquals(new int[] {2, 1, 3}, a.unsqueeze(1).shape());
        assertArrayEquals(new int[] {2, 3}, a.unsqueeze(1).squeeze(1).shape());
        assertArrayEquals(new float[] {0, 1, 2, 0, 1, 2}, Tensor.arange(3).expand(2, 3).toArray());
        assertArrayEquals(new int[] {6}, a.flatten(0, 1).shape());
        assertThrows(ShapeException.class, () -> t.view(6));
    }

    @Test
    void broadcastArithmetic() {
        Tensor a = t(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = t(new float[] {10, 20, 30}, 3);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, a.add(b).toArray());
        Tensor c = t(new float[] {1, 2}, 2, 1);
        assertArrayEquals(new float[] {0, 1, 2, 2, 3, 4}, a.sub(c).toArray());
        assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, a.mul(2f).toArray());
        assertArrayEquals(new float[] {0.5f, 1, 1.5f, 2, 2.5f, 3}, a.div(2f).toArray());
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.zeros(4, 3).add(Tensor.zeros(5)));
        assertEquals("add: shapes [4, 3] and [5] are not broadcastable", e.getMessage());
    }

    @Test
    void pointwise() {
        Tensor x = t(new float[] {-1, 0, 2}, 3);
        assertArrayEquals(new float[] {0, 0, 2}, x.relu().toArray());
        assertArrayEquals(new float[] {1, 0, 2}, x.abs().toArray());
        assertArrayEquals(new float[] {-0.5f, 0, 0.5f}, x.clamp(-0.5f, 0.5f).toArray());
        assertArrayEquals(new float[] {1, 0, 4}, x.pow(2f).toArray());
        // gelu(1) = 0.8413447460685429 (PyTorch: 0.8413)
        assertEquals(0.8413447f, t(new float[] {1f}, 1).gelu().item(), 2e-7f);
        assertEquals(-0.15865526f, t(new float[] {-1f}, 1).gelu().item(), 2e-7f);
        assertEquals(1f, t(new float[] {100f}, 1).sigmoid().item());
        assertEquals(0f, t(new float[] {-200f}, 1).sigmoid().item());
    }

    @Test
    void reductions() {
        Tensor a = Tensor.arange(6).reshape(2, 3);
        assertEquals(15f, a.sum().item());
        assertArrayEquals(new float[] {3, 5, 7}, a.sum(0, false).toArray());
        assertArrayEquals(new int[] {2, 1}, a.sum(1, true).shape());
        assertArrayEquals(new float[] {1, 4}, a.mean(1, false).toArray());
        assertArrayEquals(new float[] {2, 5}, a.max(1, false).toArray());
        assertArrayEquals(new float[] {1, 1}, a.var(new int[] {1}, true, false).toArray());
        assertArrayEquals(new float[] {4.5f, 4.5f, 4.5f}, a.var(new int[] {0}, true, false).toArray());
        assertEquals(2.9166667f, a.var(new int[] {0, 1}, false, false).item(), 1e-6f);
    }

    @Test
    void softmaxIsStable() {
        Tensor x = t(new float[] {1000, 1001, 1002}, 1, 3);
        float[] s = x.softmax(1).toArray();
        assertEquals(1f, s[0] + s[1] + s[2], 1e-6f);
        assertEquals(0.66524096f, s[2], 1e-6f);
        float[] l = x.logSoftmax(-1).toArray();
        assertEquals(-0.40760596f, l[2], 1e-5f);
    }

    @Test
    void matmulShapes() {
        Tensor a = Tensor.arange(6).reshape(2, 3);
        Tensor b = Tensor.arange(12).reshape(3, 4);
        assertArrayEquals(new float[] {20, 23, 26, 29, 56, 68, 80, 92}, a.matmul(b).toArray());
        // transposed view goes to sgemm as a flag
        Tensor bt = Tensor.arange(12).reshape(3, 4).transpose(0, 1).contiguous().transpose(0, 1);
        assertArrayEquals(a.matmul(b).toArray(), a.matmul(bt).toArray());
        Tensor batch = Tensor.arange(12).reshape(2, 2, 3);
        assertArrayEquals(new int[] {2, 2, 4}, batch.matmul(b).shape());
        assertArrayEquals(new int[] {2, 2, 4}, a.matmul(Tensor.arange(24).reshape(2, 3, 4)).shape());
        assertArrayEquals(new int[] {2}, a.matmul(Tensor.ones(3)).shape());
        assertArrayEquals(new float[] {3, 12}, a.matmul(Tensor.ones(3)).toArray());
        ShapeException e = assertThrows(ShapeException.class, () -> a.matmul(a));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void joinsAndIndexing() {
        Tensor a = Tensor.arange(4).reshape(2, 2);
        assertArrayEquals(new float[] {0, 1, 0, 1, 2, 3, 2, 3}, Tensor.cat(1, a, a).toArray());
        assertArrayEquals(new int[] {2, 2, 2}, Tensor.stack(0, a, a).shape());
        assertArrayEquals(new float[] {9, 0, 1, 9, 9, 2, 3, 9}, a.pad(1, 1, 1, 9f).toArray());
        assertArrayEquals(new float[] {2, 3, 0, 1, 2, 3}, a.indexSelect(0, 1, 0, 1).toArray());
        assertArrayEquals(new float[] {1, 0, 0, 3, 2, 2}, a.gather(1, new int[] {1, 0, 0, 1, 0, 0}, 2, 3).toArray());
    }

    @Test
    void inPlace() {
        Tensor a = Tensor.zeros(2, 2);
        a.fill_(1f).mul_(3f).addScaled_(Tensor.ones(2), 0.5f);
        assertArrayEquals(new float[] {3.5f, 3.5f, 3.5f, 3.5f}, a.toArray());
        a.narrow(1, 0, 1).copy_(Tensor.zeros(2, 1));
        assertArrayEquals(new float[] {0, 3.5f, 0, 3.5f}, a.toArray());
        Tensor p = Tensor.zeros(2).requiresGrad(true);
        assertThrows(IllegalStateException.class, () -> p.fill_(1f));
        try (NoGrad g = NoGrad.enter()) {
            p.fill_(1f);
        }
        assertEquals(1f, p.get(0));
    }

    @Test
    void emptyAndScalarTensors() {
        Tensor e = Tensor.zeros(0, 3);
        assertArrayEquals(new int[] {3}, e.sum(0, false).shape());
        assertArrayEquals(new float[] {0, 0, 0}, e.sum(0, false).toArray());
        assertEquals(0, e.relu().numel());
        assertArrayEquals(new float[] {0, 0, 0, 0}, Tensor.zeros(2, 0).matmul(Tensor.zeros(0, 2)).toArray());
        Tensor s = Tensor.scalar(3f);
        assertEquals(0, s.dim());
        assertEquals(3f, s.sum().item());
        assertEquals(9f, s.mul(s).item());
        assertArrayEquals(new float[] {4, 4}, s.add(Tensor.ones(2)).toArray());
    }

    @Test
    void shapeErrorsNameTheOpAndShapes() {
        assertEquals("matmul: shapes [2, 3] and [2, 3] do not match (3 != 2)",
                assertThrows(ShapeException.class, () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(2, 3))).getMessage());
        assertEquals("reshape: cannot reshape [2, 3] to [4, -1]",
                assertThrows(ShapeException.class, () -> Tensor.zeros(2, 3).reshape(4, -1)).getMessage());
        assertEquals("cat: shapes [2, 3] and [2, 4] differ outside dim 0",
                assertThrows(ShapeException.class, () -> Tensor.cat(0, Tensor.zeros(2, 3), Tensor.zeros(2, 4))).getMessage());
        assertEquals("sum: dim 2 out of range for shape [2, 3]",
                assertThrows(ShapeException.class, () -> Tensor.zeros(2, 3).sum(2, false)).getMessage());
        assertEquals("expand: cannot expand shape [2, 3] to [4, 3]",
                assertThrows(ShapeException.class, () -> Tensor.zeros(2, 3).expand(4, 3)).getMessage());
    }

    @Test
    void rngIsSplitMix64() {
        // reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c)
        Rng r = new Rng(0);
        assertEquals(0xe220a8397b1dcdafL, r.nextLong());
        assertEquals(0x6e789e6aa1b965f4L, r.nextLong());
        assertEquals(0x06c45d188009454fL, r.nextLong());
        Rng a = new Rng(5), b = new Rng(5);
        for (int i = 0; i < 100; i++) assertEquals(a.nextGaussian(), b.nextGaussian());
        Rng c = new Rng(9);
        int[] counts = new int[3];
        for (int i = 0; i < 30000; i++) {
            int v = c.nextInt(3);
            counts[v]++;
            float f = c.nextFloat();
            assertTrue(f >= 0f && f < 1f);
        }
        for (int k : counts) assertEquals(10000, k, 400);
        int[] p = {0, 1, 2, 3, 4, 5};
        new Rng(1).shuffle(p);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, java.util.Arrays.stream(p).sorted().toArray());
        Rng parent = new Rng(4);
        Rng child = parent.split();
        assertNotEquals(parent.nextLong(), child.nextLong());
    }

    @Test
    void randnHasUnitMoments() {
        Tensor t = Tensor.randn(new Rng(11), 100_000);
        assertEquals(0.0, t.mean().item(), 0.02);
        assertEquals(1.0, t.var(new int[] {0}, true, false).item(), 0.02);
    }
}
