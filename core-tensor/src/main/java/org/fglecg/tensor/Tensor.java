package org.fglecg.tensor;

import java.util.Arrays;

/**
 * A float32 n-dimensional array with reverse-mode autograd, in the style of {@code torch.Tensor}.
 *
 * <p>Storage is {@code float[] data} read through {@code offset} and per-dim {@code strides}
 * (in elements), so views (reshape, permute, narrow, expand, ...) share storage with their base.
 * Every op returns a new tensor; when grad mode is on ({@link NoGrad}) and an input requires
 * grad, the result records how it was made and {@link #backward()} can reach the inputs.
 *
 * <p>This class is the facade: the ops live in focused package-private classes ({@link Views},
 * {@link BinaryOps}, {@link UnaryOp}, {@link Reductions}, {@link MatMul}, {@link Softmax},
 * {@link Joins}); the engine in {@link Autograd}. The contract is {@code docs/TENSOR-API.md}.
 */
public final class Tensor {
    final float[] data;
    final int offset;
    final int[] shape;
    final int[] strides;

    private boolean requiresGrad;
    private Tensor grad;
    Node node; // null for leaves

    Tensor(float[] data, int offset, int[] shape, int[] strides) {
        this.data = data;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
    }

    /** A fresh contiguous tensor over {@code data}. */
    static Tensor of(float[] data, int[] shape) {
        return new Tensor(data, 0, shape, Shape.contiguousStrides(shape));
    }

    // ---------------------------------------------------------------- factories

    /**
     * A new tensor of zeros. Inside an open {@link TensorArena} scope its storage is lent by the
     * arena (and taken back when the scope closes), as are the results of all ops.
     */
    public static Tensor zeros(int... shape) {
        Shape.checkValid("zeros", shape);
        return of(TensorArena.zeroed(Shape.numel(shape)), shape.clone());
    }

    /**
     * {@code torch.empty}: a new tensor whose values are unspecified, for a result the caller
     * writes in full. Zeros outside a {@link TensorArena} scope; inside one, an array lent as it
     * was left ({@link TensorArena#uninitialized}), which saves zeroing it.
     */
    public static Tensor empty(int... shape) {
        Shape.checkValid("empty", shape);
        return of(TensorArena.uninitialized(Shape.numel(shape)), shape.clone());
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    public static Tensor full(float v, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, v);
        return t;
    }

    public static Tensor scalar(float v) {
        return of(new float[] {v}, new int[0]);
    }

    /** 0, 1, ..., n-1 as a 1-D tensor. */
    public static Tensor arange(int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) d[i] = i;
        return of(d, new int[] {n});
    }

    /** Wraps {@code data} (no copy) as a contiguous tensor of the given shape. */
    public static Tensor fromArray(float[] data, int... shape) {
        Shape.checkValid("fromArray", shape);
        if (data.length != Shape.numel(shape)) {
            throw new ShapeException("fromArray: " + data.length + " values do not fill shape " + Shape.str(shape));
        }
        return of(data, shape.clone());
    }

    /** Uniform [0, 1) samples from {@code rng}, in row-major order. */
    public static Tensor rand(Rng rng, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) t.data[i] = rng.nextFloat();
        return t;
    }

    /** Standard normal samples from {@code rng} (Box-Muller, one per two uniforms), row-major. */
    public static Tensor randn(Rng rng, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) t.data[i] = (float) rng.nextGaussian();
        return t;
    }

    // ---------------------------------------------------------------- inspection

    public int[] shape() {
        return shape.clone();
    }

    public int dim() {
        return shape.length;
    }

    /** Size of dim d; negative d counts from the end. */
    public int size(int d) {
        return shape[Shape.dim("size", d, shape)];
    }

    public int numel() {
        return Shape.numel(shape);
    }

    public float item() {
        if (numel() != 1) throw new ShapeException("item: tensor of shape " + Shape.str(shape) + " has " + numel() + " elements, not 1");
        return data[offset];
    }

    public float get(int... idx) {
        if (idx.length != shape.length) {
            throw new ShapeException("get: " + idx.length + " indices for shape " + Shape.str(shape));
        }
        int o = offset;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("get: index " + Arrays.toString(idx) + " out of bounds for shape " + Shape.str(shape));
            }
            o += idx[i] * strides[i];
        }
        return data[o];
    }

    /** A contiguous row-major copy of the values. */
    public float[] toArray() {
        float[] out = new float[numel()];
        Strided.copy(data, offset, strides, out, 0, Shape.contiguousStrides(shape), shape);
        return out;
    }

    public boolean isContiguous() {
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != s) return false;
            s *= shape[i];
        }
        return true;
    }

    /** The raw storage (shared with every view of it); read it through offset() and strides(). */
    public float[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    public int[] strides() {
        return strides.clone();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Shape.str(shape)).append(' ');
        int n = numel();
        float[] v = Arrays.copyOf(toArray(), Math.min(n, 8));
        sb.append('[');
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? ", " : "").append(v[i]);
        sb.append(n > 8 ? ", ...]" : "]");
        if (node != null) sb.append(" grad_fn=").append(node.op);
        else if (requiresGrad) sb.append(" requires_grad");
        return sb.toString();
    }

    // ---------------------------------------------------------------- views

    /** Same values in a new shape (-1 inferred once); a view when contiguous, else a copy. */
    public Tensor reshape(int... newShape) {
        return Views.reshape(this, newShape);
    }

    /** Like reshape but never copies: throws when not contiguous. */
    public Tensor view(int... newShape) {
        if (!isContiguous()) throw new ShapeException("view: tensor of shape " + Shape.str(shape) + " is not contiguous; use reshape");
        return Views.reshape(this, newShape);
    }

    public Tensor permute(int... order) {
        return Views.permute(this, order);
    }

    public Tensor transpose(int d0, int d1) {
        return Views.transpose(this, d0, d1);
    }

    public Tensor narrow(int dim, int start, int length) {
        return Views.narrow(this, dim, start, length);
    }

    /** Broadcasts size-1 dims (and new leading dims) to {@code newShape}; -1 keeps a size. */
    public Tensor expand(int... newShape) {
        return Views.expand(this, newShape);
    }

    public Tensor unsqueeze(int d) {
        return Views.unsqueeze(this, d);
    }

    /** Removes dim d when its size is 1 (else returns this, as PyTorch). */
    public Tensor squeeze(int d) {
        return Views.squeeze(this, d);
    }

    public Tensor flatten(int startDim, int endDim) {
        return Views.flatten(this, startDim, endDim);
    }

    /** This when contiguous, else a contiguous copy (differentiable). */
    public Tensor contiguous() {
        return isContiguous() ? this : Views.copy(this);
    }

    // ---------------------------------------------------------------- element-wise

    public Tensor add(Tensor o) {
        return BinaryOps.binary(BinaryOps.Op.ADD, this, o);
    }

    public Tensor sub(Tensor o) {
        return BinaryOps.binary(BinaryOps.Op.SUB, this, o);
    }

    public Tensor mul(Tensor o) {
        return BinaryOps.binary(BinaryOps.Op.MUL, this, o);
    }

    public Tensor div(Tensor o) {
        return BinaryOps.binary(BinaryOps.Op.DIV, this, o);
    }

    public Tensor add(float s) {
        return BinaryOps.scalar(BinaryOps.Op.ADD, this, s);
    }

    public Tensor sub(float s) {
        return BinaryOps.scalar(BinaryOps.Op.SUB, this, s);
    }

    public Tensor mul(float s) {
        return BinaryOps.scalar(BinaryOps.Op.MUL, this, s);
    }

    public Tensor div(float s) {
        return BinaryOps.scalar(BinaryOps.Op.DIV, this, s);
    }

    public Tensor neg() {
        return UnaryOp.NEG.apply(this);
    }

    public Tensor exp() {
        return UnaryOp.EXP.apply(this);
    }

    public Tensor log() {
        return UnaryOp.LOG.apply(this);
    }

    public Tensor sqrt() {
        return UnaryOp.SQRT.apply(this);
    }

    public Tensor pow(float p) {
        return UnaryOp.pow(p).apply(this);
    }

    public Tensor tanh() {
        return UnaryOp.TANH.apply(this);
    }

    public Tensor sigmoid() {
        return UnaryOp.SIGMOID.apply(this);
    }

    public Tensor relu() {
        return UnaryOp.RELU.apply(this);
    }

    /** GELU in the exact erf form, x * Phi(x) (PyTorch's default approximate='none'). */
    public Tensor gelu() {
        return UnaryOp.GELU.apply(this);
    }

    /** Clamps to [min, max]; the gradient passes where min <= x <= max. */
    public Tensor clamp(float min, float max) {
        return UnaryOp.clamp(min, max).apply(this);
    }

    /** |x|; gradient sign(x), 0 at 0. */
    public Tensor abs() {
        return UnaryOp.ABS.apply(this);
    }

    // ---------------------------------------------------------------- reductions

    public Tensor sum() {
        return Reductions.sum(this, allDims(), false);
    }

    public Tensor sum(int dim, boolean keepdim) {
        return Reductions.sum(this, new int[] {dim}, keepdim);
    }

    public Tensor sum(int[] dims, boolean keepdim) {
        return Reductions.sum(this, dims, keepdim);
    }

    public Tensor mean() {
        return Reductions.mean(this, allDims(), false);
    }

    public Tensor mean(int dim, boolean keepdim) {
        return Reductions.mean(this, new int[] {dim}, keepdim);
    }

    public Tensor mean(int[] dims, boolean keepdim) {
        return Reductions.mean(this, dims, keepdim);
    }

    /** Maximum values along dim; the gradient goes to the first arg-max. */
    public Tensor max(int dim, boolean keepdim) {
        return Reductions.max(this, dim, keepdim);
    }

    /** Variance over dims, with Bessel's correction when unbiased. */
    public Tensor var(int[] dims, boolean unbiased, boolean keepdim) {
        return Reductions.var(this, dims, unbiased, keepdim);
    }

    private int[] allDims() {
        int[] d = new int[shape.length];
        for (int i = 0; i < d.length; i++) d[i] = i;
        return d;
    }

    // ---------------------------------------------------------------- linear algebra, softmax

    /** torch.matmul: 1-D, 2-D and batched with broadcast batch dims; transposed views are not copied. */
    public Tensor matmul(Tensor o) {
        return MatMul.matmul(this, o);
    }

    public Tensor softmax(int dim) {
        return Softmax.softmax(this, dim, false);
    }

    public Tensor logSoftmax(int dim) {
        return Softmax.softmax(this, dim, true);
    }

    // ---------------------------------------------------------------- joining and indexing

    public static Tensor cat(int dim, Tensor... ts) {
        return Joins.cat(dim, ts);
    }

    public static Tensor stack(int dim, Tensor... ts) {
        return Joins.stack(dim, ts);
    }

    /** Pads dim with {@code left} and {@code right} entries of {@code value}. */
    public Tensor pad(int dim, int left, int right, float value) {
        return Joins.pad(this, dim, left, right, value);
    }

    /** The slices at {@code indices} along dim, in that order (repeats allowed). */
    public Tensor indexSelect(int dim, int... indices) {
        return Joins.indexSelect(this, dim, indices);
    }

    /** torch.gather with an integer index tensor given as values + shape. */
    public Tensor gather(int dim, int[] index, int... indexShape) {
        return Joins.gather(this, dim, index, indexShape);
    }

    // ---------------------------------------------------------------- in place, no autograd

    private void checkInPlace(String op) {
        if (requiresGrad() && NoGrad.isGradEnabled()) {
            throw new IllegalStateException(op + ": in-place change of a tensor " + Shape.str(shape)
                    + " that requires grad; do it inside NoGrad.enter()");
        }
    }

    public Tensor fill_(float v) {
        checkInPlace("fill_");
        Strided.fill(data, offset, strides, shape, v);
        return this;
    }

    /** Copies src's values in (src broadcast to this shape). */
    public Tensor copy_(Tensor src) {
        checkInPlace("copy_");
        int[] target = Shape.broadcast("copy_", shape, src.shape);
        if (!Arrays.equals(target, shape)) {
            throw new ShapeException("copy_: source shape " + Shape.str(src.shape) + " does not broadcast to " + Shape.str(shape));
        }
        Strided.copy(src.data, src.offset, Shape.broadcastStrides(src.shape, src.strides, shape), data, offset, strides, shape);
        return this;
    }

    /** this += s * other (other broadcast to this shape). */
    public Tensor addScaled_(Tensor other, float s) {
        checkInPlace("addScaled_");
        BinaryOps.addScaledInPlace(this, other, s);
        return this;
    }

    public Tensor mul_(float s) {
        checkInPlace("mul_");
        Strided p = Strided.of(shape, strides);
        int n = p.inner, st = p.sa;
        p.forEachRow(offset, 0, 0, (a, b, c) -> {
            for (int i = 0; i < n; i++) data[a + i * st] *= s;
        });
        return this;
    }

    // ---------------------------------------------------------------- autograd

    /** Marks a leaf as needing a gradient; returns this. */
    public Tensor requiresGrad(boolean on) {
        if (!isLeaf()) {
            throw new IllegalStateException("requiresGrad: only leaves can be marked; this tensor " + Shape.str(shape)
                    + " was made by '" + node.op + "' (use detach())");
        }
        requiresGrad = on;
        return this;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The accumulated gradient of a leaf, or null before any backward reached it. */
    public Tensor grad() {
        return grad;
    }

    public void zeroGrad() {
        grad = null;
    }

    public boolean isLeaf() {
        return node == null;
    }

    /** Backpropagates from this scalar (gradient 1). */
    public void backward() {
        if (numel() != 1) {
            throw new ShapeException("backward: output of shape " + Shape.str(shape) + " is not a scalar; pass a gradient");
        }
        backward(full(1f, shape));
    }

    /** Backpropagates {@code gradOutput} (this tensor's shape) through the graph, then releases it. */
    public void backward(Tensor gradOutput) {
        Autograd.backward(this, gradOutput);
    }

    /** Same storage, no history, no grad. */
    public Tensor detach() {
        return new Tensor(data, offset, shape, strides);
    }

    /**
     * Attaches history to a freshly computed {@code result}: the way custom and fused ops
     * (Conv1d via im2col + GEMM, BatchNorm, attention) join autograd.
     *
     * <p>Compute the forward values yourself into a new tensor with no history, then call this
     * with a backward that maps the output gradient to one gradient per input (same order as
     * {@code inputs}; each of its input's shape; null when an input gets none; any layout). The
     * backward runs with grad mode off; it may check {@code inputs[i].requiresGrad()} to skip
     * work. Returns {@code result}, with history when grad mode is on and some input requires
     * grad, else unchanged. The backward must not modify the gradient it receives (it may be
     * shared).
     */
    public static Tensor fromFunction(String opName, Tensor result, BackwardFn backward, Tensor... inputs) {
        if (!result.isLeaf() || result.requiresGrad) {
            throw new IllegalArgumentException(opName + ": result must be a fresh tensor without history");
        }
        if (!NoGrad.isGradEnabled()) return result;
        boolean any = false;
        for (Tensor x : inputs) any |= x != null && x.requiresGrad;
        if (!any) return result;
        result.node = new Node(opName, backward, inputs.clone());
        result.requiresGrad = true;
        return result;
    }

    /** Leaf gradient accumulation: the leaf owns a contiguous buffer, summed into across calls. */
    void accumulateGrad(Tensor g) {
        if (grad == null) {
            grad = of(g.toArray(), shape.clone());
        } else {
            BinaryOps.addScaledInPlace(grad, g, 1f);
        }
    }
}
