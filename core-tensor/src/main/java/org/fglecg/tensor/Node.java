package org.fglecg.tensor;

/**
 * The history of a non-leaf tensor: the op that made it, its backward function and inputs.
 * Released (both dropped) once a backward pass has gone through it, so the graph's memory is
 * freed and a second pass fails loudly instead of silently.
 */
final class Node {
    final String op;
    private BackwardFn backward;
    private Tensor[] inputs;

    Node(String op, BackwardFn backward, Tensor[] inputs) {
        this.op = op;
        this.backward = backward;
        this.inputs = inputs;
    }

    boolean released() {
        return backward == null;
    }

    Tensor[] inputs() {
        checkLive();
        return inputs;
    }

    BackwardFn backward() {
        checkLive();
        return backward;
    }

    void release() {
        backward = null;
        inputs = null;
    }

    private void checkLive() {
        if (backward == null) {
            throw new IllegalStateException("graph already released: backward already ran through op '" + op
                    + "'; recompute the forward pass to backpropagate again");
        }
    }
}
