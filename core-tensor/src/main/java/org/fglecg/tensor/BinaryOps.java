package org.fglecg.tensor;

import java.util.Arrays;
import org.fglecg.tensor.kernel.Kernels;

/**
 * Binary element-wise arithmetic (add, sub, mul, div) with NumPy broadcasting; the unary
 * functions are {@link UnaryOp}. The loops are specialised by operand layout because
 * the contiguous same-shape case and the "row times one value" case (tensor-scalar, per-channel
 * bias over a row) dominate training time and vectorise only as plain unit-stride loops.
 * Gradients of broadcast inputs are summed back to the input's shape.
 */
final class BinaryOps {
    private static final Kernels K = Kernels.get();

    private BinaryOps() {}

    enum Op {
        ADD("add"), SUB("sub"), MUL("mul"), DIV("div");

        final String label;

        Op(String label) {
            this.label = label;
        }

        float apply(float x, float y) {
            switch (this) {
                case ADD: return x + y;
                case SUB: return x - y;
                case MUL: return x * y;
                default: return x / y;
            }
        }
    }

    static Tensor binary(Op op, Tensor a, Tensor b) {
        int[] shape = Shape.broadcast(op.label, a.shape, b.shape);
        float[] out = TensorArena.uninitialized(Shape.numel(shape));
        if (Arrays.equals(a.shape, b.shape) && a.isContiguous() && b.isContiguous()) {
            Chunks.forEach(out.length, (from, to) -> row(op, a.data, a.offset + from, 1, b.data, b.offset + from, 1, out, from, to - from));
        } else {
            Strided.forEachSlice(shape, Shape.broadcastStrides(a.shape, a.strides, shape), a.offset,
                    Shape.broadcastStrides(b.shape, b.strides, shape), b.offset, Shape.contiguousStrides(shape), 0,
                    (p, oa, ob, oo) -> {
                        int n = p.inner, sa = p.sa, sb = p.sb;
                        p.forEachRow(oa, ob, oo, (ia, ib, io) -> row(op, a.data, ia, sa, b.data, ib, sb, out, io, n));
                    });
        }
        Tensor result = Tensor.of(out, shape);
        return Tensor.fromFunction(op.label, result, g -> binaryGrad(op, a, b, g), a, b);
    }

    private static Tensor[] binaryGrad(Op op, Tensor a, Tensor b, Tensor g) {
        Tensor ga = null, gb = null;
        boolean needA = a.requiresGrad(), needB = b.requiresGrad();
        switch (op) {
            case ADD:
                if (needA) ga = g;
                if (needB) gb = g;
                break;
            case SUB:
                if (needA) ga = g;
                if (needB) gb = g.neg();
                break;
            case MUL:
                if (needA) ga = g.mul(b);
                if (needB) gb = g.mul(a);
                break;
            case DIV:
                if (needA) ga = g.div(b);
                if (needB) gb = g.mul(a).div(b.mul(b)).neg();
                break;
        }
        return new Tensor[] {
            ga == null ? null : Reductions.sumTo(ga, a.shape),
            gb == null ? null : Reductions.sumTo(gb, b.shape)
        };
    }

    /** Tensor-scalar arithmetic (x op s). */
    static Tensor scalar(Op op, Tensor x, float s) {
        float[] out = TensorArena.uninitialized(x.numel());
        float[] sv = {s};
        if (x.isContiguous()) {
            Chunks.forEach(out.length, (from, to) -> row(op, x.data, x.offset + from, 1, sv, 0, 0, out, from, to - from));
        } else {
            Strided p = Strided.of(x.shape, x.strides, new int[x.shape.length], Shape.contiguousStrides(x.shape));
            int n = p.inner, sa = p.sa;
            p.forEachRow(x.offset, 0, 0, (ia, ib, io) -> row(op, x.data, ia, sa, sv, 0, 0, out, io, n));
        }
        Tensor result = Tensor.of(out, x.shape.clone());
        return Tensor.fromFunction(op.label, result, g -> {
            switch (op) {
                case MUL: return new Tensor[] {g.mul(s)};
                case DIV: return new Tensor[] {g.div(s)};
                default: return new Tensor[] {g};
            }
        }, x);
    }

    /**
     * o[io + i] = a[ia + i*sa] op b[ib + i*sb] for i in [0, n). One small method per layout, so
     * each stays cheap for the JIT to compile and re-compile as new cases show up.
     */
    static void row(Op op, float[] a, int ia, int sa, float[] b, int ib, int sb, float[] o, int io, int n) {
        if (sa == 1 && sb == 1) rowContiguous(op, a, ia, b, ib, o, io, n);
        else if (sa == 1 && sb == 0) rowByValue(op, a, ia, b[ib], o, io, n);
        else if (sa == 0 && sb == 1) rowValueBy(op, a[ia], b, ib, o, io, n);
        else rowStrided(op, a, ia, sa, b, ib, sb, o, io, n);
    }

    private static void rowContiguous(Op op, float[] a, int ia, float[] b, int ib, float[] o, int io, int n) {
        if (op == Op.ADD) K.add(a, ia, b, ib, o, io, n);
        else if (op == Op.MUL) K.mul(a, ia, b, ib, o, io, n);
        else if (op == Op.SUB) for (int i = 0; i < n; i++) o[io + i] = a[ia + i] - b[ib + i];
        else for (int i = 0; i < n; i++) o[io + i] = a[ia + i] / b[ib + i];
    }

    private static void rowByValue(Op op, float[] a, int ia, float y, float[] o, int io, int n) {
        if (op == Op.MUL) K.scale(y, a, ia, o, io, n);
        else if (op == Op.ADD) for (int i = 0; i < n; i++) o[io + i] = a[ia + i] + y;
        else if (op == Op.SUB) for (int i = 0; i < n; i++) o[io + i] = a[ia + i] - y;
        else for (int i = 0; i < n; i++) o[io + i] = a[ia + i] / y;
    }

    private static void rowValueBy(Op op, float x, float[] b, int ib, float[] o, int io, int n) {
        if (op == Op.MUL) K.scale(x, b, ib, o, io, n);
        else if (op == Op.ADD) for (int i = 0; i < n; i++) o[io + i] = x + b[ib + i];
        else if (op == Op.SUB) for (int i = 0; i < n; i++) o[io + i] = x - b[ib + i];
        else for (int i = 0; i < n; i++) o[io + i] = x / b[ib + i];
    }

    private static void rowStrided(Op op, float[] a, int ia, int sa, float[] b, int ib, int sb, float[] o, int io, int n) {
        for (int i = 0; i < n; i++) o[io + i] = op.apply(a[ia + i * sa], b[ib + i * sb]);
    }

    /** t += s * other, other broadcast to t's shape; t may be any strided view. */
    static void addScaledInPlace(Tensor t, Tensor other, float s) {
        int[] target = Shape.broadcast("addScaled_", t.shape, other.shape);
        if (!Arrays.equals(target, t.shape)) {
            throw new ShapeException("addScaled_: shape " + Shape.str(other.shape) + " does not broadcast to " + Shape.str(t.shape));
        }
        float[] d = t.data, o = other.data;
        Strided p = Strided.of(t.shape, t.strides, Shape.broadcastStrides(other.shape, other.strides, t.shape));
        int n = p.inner, st = p.sa, so = p.sb;
        p.forEachRow(t.offset, other.offset, 0, (it, io, unused) -> {
            if (st == 1 && so == 1) {
                for (int i = 0; i < n; i++) d[it + i] += s * o[io + i];
            } else {
                for (int i = 0; i < n; i++) d[it + i * st] += s * o[io + i * so];
            }
        });
    }
}
