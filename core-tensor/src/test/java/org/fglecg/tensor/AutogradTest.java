package org.fglecg.tensor;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class AutogradTest {
    @Test
    void simpleChain() {
        Tensor x = Tensor.fromArray(new float[] {1, 2, 3}, 3).requiresGrad(true);
        x.mul(x).sum().backward(); // d/dx sum x^2 = 2x
        assertArrayEquals(new float[] {2, 4, 6}, x.grad().toArray());
    }

    @Test
    void gradientsAccumulateAcrossBackwards() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        x.mul(3f).sum().backward();
        x.mul(3f).sum().backward();
        assertArrayEquals(new float[] {6, 6}, x.grad().toArray());
        x.zeroGrad();
        assertNull(x.grad());
    }

    @Test
    void reuseInTwoBranchesSums() {
        Tensor x = Tensor.fromArray(new float[] {2}, 1).requiresGrad(true);
        Tensor y = x.exp();
        y.add(y.mul(y)).sum().backward(); // d/dx (e^x + e^2x) = e^x + 2 e^2x
        double e = Math.exp(2);
        assertEquals(e + 2 * e * e, x.grad().item(), 1e-3);
    }

    @Test
    void sharedGradientIsNotAliased() {
        Tensor a = Tensor.ones(2).requiresGrad(true);
        Tensor b = Tensor.ones(2).requiresGrad(true);
        a.add(b).sum().backward();
        a.add(b).sum().backward();
        assertArrayEquals(new float[] {2, 2}, a.grad().toArray());
        assertArrayEquals(new float[] {2, 2}, b.grad().toArray());
        assertNotSame(a.grad(), b.grad());
    }

    @Test
    void noGradRecordsNothing() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        try (NoGrad g = NoGrad.enter()) {
            assertFalse(NoGrad.isGradEnabled());
            try (NoGrad inner = NoGrad.enter()) {
                assertFalse(NoGrad.isGradEnabled());
            }
            assertFalse(NoGrad.isGradEnabled());
            Tensor y = x.mul(2f);
            assertFalse(y.requiresGrad());
            assertTrue(y.isLeaf());
        }
        assertTrue(NoGrad.isGradEnabled());
        assertTrue(x.mul(2f).requiresGrad());
    }

    @Test
    void detachCutsHistory() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor y = x.mul(2f);
        Tensor d = y.detach();
        assertFalse(d.requiresGrad());
        assertSame(y.data(), d.data());
        x.mul(d).sum().backward(); // d treated as a constant 2
        assertArrayEquals(new float[] {2, 2}, x.grad().toArray());
    }

    @Test
    void graphIsReleasedAfterBackward() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor loss = x.exp().sum();
        loss.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().startsWith("graph already released"), e.getMessage());
    }

    @Test
    void deepGraphDoesNotOverflowTheStack() {
        Tensor x = Tensor.ones(1).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) y = y.add(1f);
        y.sum().backward();
        assertEquals(1f, x.grad().item());
    }

    @Test
    void customFunction() {
        Tensor x = Tensor.fromArray(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor w = Tensor.fromArray(new float[] {3, 4}, 2); // no grad: gets none
        float[] out = {x.get(0) * w.get(0), x.get(1) * w.get(1)};
        Tensor y = Tensor.fromFunction("scale", Tensor.fromArray(out, 2), g -> new Tensor[] {g.mul(w), g.mul(x)}, x, w);
        assertTrue(y.requiresGrad());
        y.sum().backward();
        assertArrayEquals(new float[] {3, 4}, x.grad().toArray());
        assertNull(w.grad());
    }

    @Test
    void customFunctionWrongGradientShapeNamesTheOp() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor y = Tensor.fromFunction("broken", Tensor.ones(2), g -> new Tensor[] {Tensor.ones(3)}, x);
        ShapeException e = assertThrows(ShapeException.class, () -> y.sum().backward());
        assertTrue(e.getMessage().startsWith("broken:"), e.getMessage());
    }

    @Test
    void backwardWithGivenGradientAndBroadcastViewGradient() {
        Tensor x = Tensor.ones(2, 3).requiresGrad(true);
        Tensor y = x.mul(2f);
        y.backward(Tensor.fromArray(new float[] {1, 2, 3}, 3).expand(2, 3));
        assertArrayEquals(new float[] {2, 4, 6, 2, 4, 6}, x.grad().toArray());
    }

    @Test
    void requiresGradOnlyOnLeaves() {
        Tensor y = Tensor.ones(2).requiresGrad(true).mul(2f);
        assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
        assertThrows(ShapeException.class, y::backward);
        assertThrows(IllegalStateException.class, () -> Tensor.ones(1).backward());
    }

    @Test
    void releaseDropsEveryNodesInputs() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor h = x.exp();
        Tensor loss = h.mul(h).sum();
        assertFalse(h.node.released());
        loss.backward();
        assertTrue(h.node.released());
        assertTrue(loss.node.released());
        // x is a leaf: it keeps its gradient and stays usable in a new graph
        x.mul(2f).sum().backward();
        assertEquals(2 * Math.exp(2) + 2, x.grad().get(0), 1e-4);
    }

    @Test
    void releasedIntermediateCannotBeBackpropagatedAgainFromANewGraph() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor h = x.exp();
        h.sum().backward();
        Tensor again = h.mul(2f).sum();
        IllegalStateException e = assertThrows(IllegalStateException.class, again::backward);
        assertTrue(e.getMessage().contains("'exp'"), e.getMessage());
    }

    @Test
    void noGradIsPerThread() throws Exception {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        try (NoGrad g = NoGrad.enter()) {
            boolean[] other = new boolean[2];
            Thread t = new Thread(() -> {
                other[0] = NoGrad.isGradEnabled();
                other[1] = x.mul(2f).requiresGrad();
            });
            t.start();
            t.join();
            assertTrue(other[0]);
            assertTrue(other[1]);
            assertFalse(x.mul(2f).requiresGrad());
        }
    }

    @Test
    void closingAScopeTwiceDoesNotReenableAnOuterScope() {
        try (NoGrad outer = NoGrad.enter()) {
            NoGrad inner = NoGrad.enter();
            inner.close();
            inner.close();
            assertFalse(NoGrad.isGradEnabled());
        }
        assertTrue(NoGrad.isGradEnabled());
    }

    @Test
    void sameInputTwiceInACustomFunction() {
        Tensor x = Tensor.fromArray(new float[] {3}, 1).requiresGrad(true);
        Tensor y = Tensor.fromFunction("xy", Tensor.fromArray(new float[] {9}, 1), g -> new Tensor[] {g.mul(x), g.mul(x)}, x, x);
        y.sum().backward(); // d/dx x*x through both slots = 2x
        assertEquals(6f, x.grad().item());
    }

    @Test
    void onlyInputsThatRequireGradAreVisitedAndGetGradients() {
        Tensor a = Tensor.ones(2).requiresGrad(true);
        Tensor b = Tensor.full(5f, 2);
        a.mul(b).sum().backward();
        assertArrayEquals(new float[] {5, 5}, a.grad().toArray());
        assertNull(b.grad());
        assertFalse(b.requiresGrad());
    }

    @Test
    void viewsOfALeafSendGradientsToTheLeaf() {
        Tensor w = Tensor.arange(6).reshape(2, 3).detach().requiresGrad(true);
        Tensor wt = w.transpose(0, 1);
        assertFalse(wt.isLeaf());
        wt.narrow(0, 1, 2).sum().backward();
        assertArrayEquals(new float[] {0, 1, 1, 0, 1, 1}, w.grad().toArray());
    }

    @Test
    void leafGradientIsAnOwnedCopy() {
        Tensor x = Tensor.ones(3).requiresGrad(true);
        Tensor g = Tensor.fromArray(new float[] {1, 2, 3}, 3);
        x.mul(1f).backward(g);
        x.mul(1f).backward(g);
        assertArrayEquals(new float[] {1, 2, 3}, g.toArray()); // the caller's gradient is untouched
        assertArrayEquals(new float[] {2, 4, 6}, x.grad().toArray());
    }

    @Test
    void lossesOverASharedTrunkAreAddedThenBackpropagatedOnce() {
        Tensor x = Tensor.fromArray(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor trunk = x.mul(3f);
        Tensor l1 = trunk.sum(), l2 = trunk.mul(trunk).sum();
        l1.add(l2).backward(); // d/dx (3x + 9x^2) = 3 + 18x
        assertArrayEquals(new float[] {21, 39}, x.grad().toArray());
        assertNull(trunk.grad());

        Tensor t2 = x.mul(3f);
        t2.sum().backward();
        assertThrows(IllegalStateException.class, () -> t2.mul(2f).sum().backward());
    }

    @Test
    void nodesAreReleasedDuringThePassNotOnlyAfterIt() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor[] consumer = new Tensor[1];
        boolean[] consumerReleased = new boolean[1];
        Tensor h = Tensor.fromFunction("first", Tensor.ones(2), g -> {
            consumerReleased[0] = consumer[0].node.released(); // its activations are already collectable
            return new Tensor[] {g};
        }, x);
        consumer[0] = h.mul(2f);
        consumer[0].sum().backward();
        assertTrue(consumerReleased[0]);
        assertArrayEquals(new float[] {2, 2}, x.grad().toArray());
    }

    @Test
    void activationsBecomeCollectableDuringBackward() {
        Tensor x = Tensor.ones(1000).requiresGrad(true);
        java.util.List<java.lang.ref.WeakReference<float[]>> storage = new java.util.ArrayList<>();
        boolean[] collected = new boolean[1];
        Tensor h = Tensor.fromFunction("first", Tensor.ones(1000), g -> {
            for (int i = 0; i < 20 && storage.get(0).get() != null; i++) System.gc();
            collected[0] = storage.get(0).get() == null;
            return new Tensor[] {g};
        }, x);
        Tensor loss = lossOver(h, storage);
        loss.backward();
        assertTrue(collected[0], "the intermediate [1000] activation was still reachable while backpropagating");
    }

    /** h * 2 then sum, keeping only a weak reference to the intermediate's storage. */
    private static Tensor lossOver(Tensor h, java.util.List<java.lang.ref.WeakReference<float[]>> storage) {
        Tensor big = h.mul(2f);
        storage.add(new java.lang.ref.WeakReference<>(big.data()));
        return big.sum();
    }

    @Test
    void customFunctionRejectsAResultWithHistoryAndChecksGradientCount() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.fromFunction("fused", x.mul(2f), g -> new Tensor[] {g}, x));
        assertTrue(e.getMessage().startsWith("fused:"), e.getMessage());
        Tensor y = Tensor.fromFunction("two", Tensor.ones(2), g -> new Tensor[] {g, g}, x);
        IllegalStateException c = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertEquals("two: backward returned 2 gradients for 1 inputs", c.getMessage());
        try (NoGrad g = NoGrad.enter()) {
            Tensor r = Tensor.ones(2);
            assertSame(r, Tensor.fromFunction("off", r, gr -> new Tensor[] {gr}, x));
            assertTrue(r.isLeaf());
        }
    }
}
