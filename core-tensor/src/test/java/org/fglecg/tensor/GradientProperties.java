package org.fglecg.tensor;

import java.util.function.Function;
import java.util.function.UnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The gradient of every differentiable op against central finite differences, over random
 * shapes (broadcasting included) and, half of the time, non-contiguous (permuted) inputs.
 */
class GradientProperties {
    private static final int TRIES = 40;

    private static GradCheck checker(Rng rng) {
        return new GradCheck(rng).strided(rng.nextInt(2) == 0);
    }

    // ------------------------------------------------------------- binary, broadcasting

    private static void binary(long seed, String name, java.util.function.BinaryOperator<Tensor> op, boolean positiveB) {
        Rng rng = new Rng(seed);
        int[] a = Inputs.shape(rng, 0, 3, 4);
        int[] b = Inputs.partner(rng, a);
        Tensor va = Inputs.normal(rng, a);
        Tensor vb = positiveB ? Inputs.values(rng, b, 0.5f, 2f, true) : Inputs.normal(rng, b);
        boolean swap = rng.nextInt(2) == 0 && !positiveB;
        if (swap) checker(rng).check(name + " (swapped)", x -> op.apply(x[0], x[1]), vb, va);
        else checker(rng).check(name, x -> op.apply(x[0], x[1]), va, vb);
    }

    @Property(tries = TRIES)
    void add(@ForAll long seed) {
        binary(seed, "add", Tensor::add, false);
    }

    @Property(tries = TRIES)
    void sub(@ForAll long seed) {
        binary(seed, "sub", Tensor::sub, false);
    }

    @Property(tries = TRIES)
    void mul(@ForAll long seed) {
        binary(seed, "mul", Tensor::mul, false);
    }

    @Property(tries = TRIES)
    void div(@ForAll long seed) {
        binary(seed, "div", Tensor::div, true);
    }

    @Property(tries = TRIES)
    void scalarArithmetic(@ForAll long seed) {
        Rng rng = new Rng(seed);
        float s = 0.5f + rng.nextFloat();
        checker(rng).check("scalar ops", x -> x[0].add(s).mul(s).sub(s).div(s),
                Inputs.normal(rng, Inputs.shape(rng, 0, 3, 4)));
    }

    // ------------------------------------------------------------- unary

    private static void unary(long seed, String name, UnaryOperator<Tensor> op, float lo, float hi, boolean signed) {
        Rng rng = new Rng(seed);
        checker(rng).check(name, x -> op.apply(x[0]), Inputs.values(rng, Inputs.shape(rng, 0, 3, 4), lo, hi, signed));
    }

    @Property(tries = TRIES)
    void neg(@ForAll long seed) {
        unary(seed, "neg", Tensor::neg, 0f, 2f, true);
    }

    @Property(tries = TRIES)
    void exp(@ForAll long seed) {
        unary(seed, "exp", Tensor::exp, 0f, 2f, true);
    }

    @Property(tries = TRIES)
    void log(@ForAll long seed) {
        unary(seed, "log", Tensor::log, 0.5f, 3f, false);
    }

    @Property(tries = TRIES)
    void sqrt(@ForAll long seed) {
        unary(seed, "sqrt", Tensor::sqrt, 0.5f, 3f, false);
    }

    @Property(tries = TRIES)
    void pow(@ForAll long seed) {
        float[] ps = {2f, 3f, 0.5f, -1f, 1.5f, 0f};
        float p = ps[new Rng(seed).nextInt(ps.length)];
        boolean integer = p == Math.rint(p); // integer powers are defined for negative bases too
        unary(seed, "pow " + p, x -> x.pow(p), 0.5f, 2f, integer);
    }

    @Property(tries = TRIES)
    void tanh(@ForAll long seed) {
        unary(seed, "tanh", Tensor::tanh, 0f, 3f, true);
    }

    @Property(tries = TRIES)
    void sigmoid(@ForAll long seed) {
        unary(seed, "sigmoid", Tensor::sigmoid, 0f, 4f, true);
    }

    @Property(tries = TRIES)
    void relu(@ForAll long seed) {
        unary(seed, "relu", Tensor::relu, 0.05f, 2f, true);
    }

    @Property(tries = TRIES)
    void gelu(@ForAll long seed) {
        unary(seed, "gelu", Tensor::gelu, 0f, 4f, true);
    }

    @Property(tries = TRIES)
    void clamp(@ForAll long seed) {
        // kinks at +-1: keep values at least 0.05 away from them
        Rng rng = new Rng(seed);
        Tensor v = Inputs.values(rng, Inputs.shape(rng, 0, 3, 4), 0f, 0.9f, true);
        float[] d = v.data();
        for (int i = 0; i < d.length; i++) if (rng.nextInt(3) == 0) d[i] += Math.signum(d[i]) * 1.05f;
        checker(rng).check("clamp", x -> x[0].clamp(-1f, 1f), v);
    }

    @Property(tries = TRIES)
    void abs(@ForAll long seed) {
        unary(seed, "abs", Tensor::abs, 0.05f, 2f, true);
    }

    // ------------------------------------------------------------- reductions

    private static int[] someDims(Rng rng, int rank) {
        int[] tmp = new int[rank];
        int k = 0;
        for (int i = 0; i < rank; i++) if (rng.nextInt(2) == 0) tmp[k++] = rng.nextInt(2) == 0 ? i : i - rank;
        if (k == 0 && rank > 0) tmp[k++] = rng.nextInt(rank);
        return java.util.Arrays.copyOf(tmp, k);
    }

    @Property(tries = TRIES)
    void sum(@ForAll long seed) {
        Rng rng = new Rng(seed);
        int[] s = Inputs.shape(rng, 0, 4, 4);
        int[] dims = someDims(rng, s.length);
        boolean keep = rng.nextInt(2) == 0;
        boolean all = rng.nextInt(4) == 0;
        checker(rng).check("sum", x -> all ? x[0].sum() : x[0].sum(dims, keep), Inputs.normal(rng, s));
    }

    @Property(tries = TRIES)
    void mean(@ForAll long seed) {
        Rng rng = new Rng(seed);
        int[] s = Inputs.shape(rng, 1, 4, 4);
        int[] dims = someDims(rng, s.length);
        boolean keep = rng.nextInt(2) == 0;
        checker(rng).check("mean", x -> x[0].mean(dims, keep), Inputs.normal(rng, s));
    }

    @Property(tries = TRIES)
    void max(@ForAll long seed) {
        Rng rng = new Rng(seed);
        int[] s = Inputs.shape(rng, 1, 3, 4);
        int dim = rng.nextInt(s.length);
        boolean keep = rng.nextInt(2) == 0;
        // distinct values 0.1 apart (shuffled) so the arg-max is stable under the +-h nudge
        int n = Shape.numel(s);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        rng.shuffle(perm);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = perm[i] * 0.1f - n * 0.05f;
        checker(rng).step(1e-2).check("max", x -> x[0].max(dim, keep), Tensor.fromArray(v, s));
    }

    @Property(tries = TRIES)
    void var(@ForAll long seed) {
        Rng rng = new Rng(seed);
        int[] s = Inputs.shape(rng, 1, 3, 4);
        int[] dims = someDims(rng, s.length);
        int count = 1;
        for (int d : dims) count *= s[(d + s.length) % s.length];
        boolean unbiased = count > 1 && rng.nextInt(2) == 0;
        boolean keep = rng.nextInt(2) == 0;
        checker(rng).check("var", x -> x[0].var(dims, unbiased, keep), Inputs.normal(rng, s));
    }

    // ------------------------------------------------------------- matmul

    @Property(tries = TRIES)
    void matmul(@ForAll long seed) {
        Rng rng = new Rng(seed);
        int m = 1 + rng.nextInt(4), k = 1 + rng.nextInt(4), n = 1 + rng.nextInt(4), b = 1 + rng.nextInt(3);
        int kind = rng.nextInt(7);
        int[] sa, sb;
        switch (kind) {
            case 0: sa = new int[] {m, k}; sb = new int[] {k, n}; break;                // 2-D
            case 1: sa = new int[] {b, m, k}; sb = new int[] {b, k, n}; break;          // batched
            case 2: sa = new int[] {m, k}; sb = new int[] {b, k, n}; break;             // broadcast left
            case 3: sa = new int[] {b, m, k}; sb = new int[] {k, n}; break;             // linear layer
            case 4: sa = new int[] {2, 1, m, k}; sb = new int[] {b, k, n}; break;       // batch broadcast
            case 5: sa = new int[] {k}; sb = new int[] {b, k, n}; break;                // vector left
            default: sa = new int[] {b, m, k}; sb = new int[] {k}; break;               // vector right
        }
        // transposed views: stored as the transpose and flipped back before matmul
        boolean ta = rng.nextInt(2) == 0 && sa.length >= 2, tb = rng.nextInt(2) == 0 && sb.length >= 2;
        Tensor va = Inputs.normal(rng, ta ? swapLast(sa) : sa), vb = Inputs.normal(rng, tb ? swapLast(sb) : sb);
        Function<Tensor[], Tensor> f = x -> (ta ? x[0].transpose(-1, -2) : x[0]).matmul(tb ? x[1].transpose(-1, -2) : x[1]);
        new GradCheck(rng).check("matmul kind " + kind + (ta ? " A^T" : "") + (tb ? " B^T" : ""), f, va, vb);
    }

    private static int[] swapLast(int[] s) {
        int[] t = s.clone();
        int r = t.length;
        t[r - 1] = s[r - 2];
        t[r - 2] = s[r - 1];
        return t;
    }

    // ------------------------------------------------------------- softmax

    @Property(tries = TRIES)
    void softmax(@ForAll long seed) {
        Rng rng = new Rng(seed);
        int[] s = Inputs.shape(rng, 1, 3, 5);
        int dim = rng.nextInt(s.length) - (rng.nextInt(2) == 0 ? s.length : 0);
        checker(rng).check("softmax", x -> x[0].softmax(dim), Inputs.normal(rng, s));
    }

    @Property(tries = TRIES)
    void logSoftmax(@ForAll long seed) {
        Rng rng = new Rng(seed);
        int[] s = Inputs.shape(rng, 1, 3, 5);
        int dim = rng.nextInt(s.length);
        checker(rng).check("logSoftmax", x -> x[0].logSoftmax(dim), Inputs.normal(rng, s));
    }

    // ------------------------------------------------------------- joins and indexing

    @Property(tries = TRIES)
    void cat(@ForAll long seed) {
        Rng rng = new Rng(seed);
        int[] s = Inputs.shape(rng, 1, 3, 3);
        int dim = rng.nextInt(s.length);
        int count = 1 + rng.nextInt(3);
        Tensor[] vs = new Tensor[count];
        for (int i = 0; i < count; i++) {
            int[] si = s.clone();
            si[dim] = 1 + rng.nextInt(3);
            vs[i] = Inputs.normal(rng, si);
        }
        checker(rng).check("cat", x -> Tensor.cat(dim, x), vs);
    }

    @Property(tries = TRIES)
    void stack(@ForAll long seed) {
        Rng rng = new Rng(seed);
        int[] s = Inputs.shape(rng, 0, 3, 3);
        int dim = rng.nextInt(s.length + 1);
        Tensor[] vs = {Inputs.normal(rng, s), Inputs.normal(rng, s)};
        checker(rng).check("stack", x -> Tensor.stack(dim, x), vs);
    }

    @Property(tries = TRIES)
    void pad(@ForAll long seed) {
        Rng rng = new Rng(seed);
        int[] s = Inputs.shape(rng, 1, 3, 4);
        int dim = rng.nextInt(s.length), left = rng.nextInt(3), right = rng.nextInt(3);
        checker(rng).check("pad", x -> x[0].pad(dim, left, right, 0.5f), Inputs.normal(rng, s));
    }

    @Property(tries = TRIES)
    void indexSelect(@ForAll long seed) {
        Rng rng = new Rng(seed);
        int[] s = Inputs.shape(rng, 1, 3, 4);
        int dim = rng.nextInt(s.length);
        int[] idx = new int[1 + rng.nextInt(5)];
        for (int i = 0; i < idx.length; i++) idx[i] = rng.nextInt(s[dim]); // repeats accumulate
        checker(rng).check("indexSelect", x -> x[0].indexSelect(dim, idx), Inputs.normal(rng, s));
    }

    @Property(tries = TRIES)
    void gather(@ForAll long seed) {
        Rng rng = new Rng(seed);
        int[] s = Inputs.shape(rng, 1, 3, 4);
        int dim = rng.nextInt(s.length);
        int[] is = s.clone();
        for (int i = 0; i < is.length; i++) is[i] = i == dim ? 1 + rng.nextInt(5) : 1 + rng.nextInt(s[i]);
        int[] idx = new int[Shape.numel(is)];
        for (int i = 0; i < idx.length; i++) idx[i] = rng.nextInt(s[dim]);
        checker(rng).check("gather", x -> x[0].gather(dim, idx, is), Inputs.normal(rng, s));
    }

    // ------------------------------------------------------------- views

    @Property(tries = TRIES)
    void viewChain(@ForAll long seed) {
        Rng rng = new Rng(seed);
        int[] s = Inputs.shape(rng, 2, 3, 4);
        int r = s.length;
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) perm[i] = i;
        int[] p = perm.clone();
        for (int i = r - 1; i > 0; i--) { // Fisher-Yates on the dims
            int j = rng.nextInt(i + 1);
            int t = p[i]; p[i] = p[j]; p[j] = t;
        }
        int nd = rng.nextInt(r);
        int start = rng.nextInt(s[p[nd]]);
        int len = 1 + rng.nextInt(s[p[nd]] - start);
        Function<Tensor[], Tensor> f = x -> {
            Tensor y = x[0].permute(p).narrow(nd, start, len);
            Tensor z = y.reshape(-1).unsqueeze(0).expand(2, -1); // reshape copies a non-contiguous view
            return z.transpose(0, 1).flatten(0, 1).unsqueeze(1).squeeze(1).mul(z.reshape(-1));
        };
        checker(rng).check("permute/narrow/reshape/expand", f, Inputs.normal(rng, s));
    }

    @Property(tries = TRIES)
    void expandBroadcast(@ForAll long seed) {
        Rng rng = new Rng(seed);
        int[] s = Inputs.shape(rng, 1, 3, 4);
        int[] small = Inputs.partner(rng, s);
        checker(rng).check("expand", x -> x[0].expand(s).contiguous().mul(2f), Inputs.normal(rng, small));
    }
}
