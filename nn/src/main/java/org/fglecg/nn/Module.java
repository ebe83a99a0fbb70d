package org.fglecg.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fglecg.tensor.Tensor;

/**
 * A network part shaped like PyTorch's {@code nn.Module}: named parameters (leaf tensors that
 * require grad), named buffers (state that is saved but not trained, e.g. BatchNorm running
 * statistics), named submodules, and a train/eval flag that reaches every submodule.
 *
 * <p>Dotted names and their order follow PyTorch's {@code state_dict}: a module's own
 * parameters, then its own buffers, then each submodule's entries in registration order. That
 * is what makes checkpoints interchangeable with the PyTorch reference.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Set<String> int64Buffers = new LinkedHashSet<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** The module's function of one input. */
    public abstract Tensor forward(Tensor x);

    /** Registers a trainable parameter (made a leaf that requires grad). */
    protected final Tensor registerParameter(String name, Tensor value) {
        checkName(name);
        value.requiresGrad(true);
        parameters.put(name, value);
        return value;
    }

    /** Registers a buffer; {@code int64} marks PyTorch int64 buffers such as num_batches_tracked. */
    protected final Tensor registerBuffer(String name, Tensor value, boolean int64) {
        checkName(name);
        buffers.put(name, value);
        if (int64) int64Buffers.add(name);
        return value;
    }

    /** Registers a submodule under {@code name}; returns it. */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        children.put(name, module);
        module.train(training);
        return module;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".")) throw new IllegalArgumentException("bad name '" + name + "'");
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": '" + name + "' registered twice");
        }
    }

    /** Sets training mode (dropout active, BatchNorm batch statistics) here and below. */
    public Module train(boolean on) {
        training = on;
        for (Module c : children.values()) c.train(on);
        return this;
    }

    public Module train() {
        return train(true);
    }

    public Module eval() {
        return train(false);
    }

    public boolean isTraining() {
        return training;
    }

    /** All parameters with dotted names, in state_dict order. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true, false);
        return out;
    }

    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Parameters and buffers with dotted names, in PyTorch's state_dict order. Live tensors, not copies. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true, true);
        return out;
    }

    /** Dotted names of the state_dict entries PyTorch stores as int64. */
    public Set<String> int64StateKeys() {
        Set<String> out = new LinkedHashSet<>();
        collectInt64("", out);
        return Collections.unmodifiableSet(out);
    }

    private void collect(String prefix, Map<String, Tensor> out, boolean params, boolean bufs) {
        if (params) parameters.forEach((k, v) -> out.put(prefix + k, v));
        if (bufs) buffers.forEach((k, v) -> out.put(prefix + k, v));
        children.forEach((k, c) -> c.collect(prefix + k + ".", out, params, bufs));
    }

    private void collectInt64(String prefix, Set<String> out) {
        int64Buffers.forEach(k -> out.add(prefix + k));
        children.forEach((k, c) -> c.collectInt64(prefix + k + ".", out));
    }

    /**
     * Copies values into this module's parameters and buffers (strict, like PyTorch's default):
     * every key must be present with the same shape and no extra key may appear.
     */
    public void loadStateDict(Map<String, Tensor> values) {
        Map<String, Tensor> own = stateDict();
        for (String k : values.keySet()) {
            if (!own.containsKey(k)) throw new IllegalArgumentException("unexpected key '" + k + "' in state dict");
        }
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = values.get(e.getKey());
            if (src == null) throw new IllegalArgumentException("missing key '" + e.getKey() + "' in state dict");
            Tensor dst = e.getValue();
            if (!Arrays.equals(src.shape(), dst.shape())) {
                throw new IllegalArgumentException("'" + e.getKey() + "': shape " + Arrays.toString(src.shape())
                        + " does not match the model's " + Arrays.toString(dst.shape()));
            }
            copyInto(dst, src);
        }
        onStateLoaded();
    }

    /** Called after {@link #loadStateDict} so a module can refresh state derived from its tensors. */
    protected void onStateLoaded() {
        for (Module c : children.values()) c.onStateLoaded();
    }

    private static void copyInto(Tensor dst, Tensor src) {
        float[] s = src.contiguous().toArray();
        System.arraycopy(s, 0, dst.data(), dst.offset(), s.length);
    }

    /** Drops every parameter's gradient (PyTorch's zero_grad(set_to_none=True)). */
    public void zeroGrad() {
        for (Tensor p : parameters()) p.zeroGrad();
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        long n = 0;
        for (Tensor p : parameters()) n += p.numel();
        return n;
    }

    /**
     * The (Conv1d, BatchNorm1d) pairs among this module's direct submodules in which the
     * normalisation takes the convolution's output as it is, for {@link BatchNorm1d#foldAll}.
     * None by default; modules that have such pairs say so.
     */
    java.util.List<BatchNorm1d.ConvPair> convBatchNormPairs() {
        return java.util.List.of();
    }

    /** Direct submodules by name. */
    public Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }
}
