package org.fglecg.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode engine: topologically sorts the graph below a root (iteratively: graphs of deep
 * networks overflow a recursive walk), then runs each node's backward in reverse order, summing
 * gradients per tensor. Each node is released right after its backward ran, so the activations
 * its backward captured can be collected during the pass; the rest are released at the end.
 */
final class Autograd {
    private Autograd() {}

    static void backward(Tensor root, Tensor gradOutput) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: tensor " + Shape.str(root.shape) + " does not require grad");
        }
        if (!java.util.Arrays.equals(root.shape, gradOutput.shape)) {
            throw new ShapeException("backward: gradient shape " + Shape.str(gradOutput.shape)
                    + " does not match output shape " + Shape.str(root.shape));
        }
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(root, gradOutput);
        try (NoGrad g = NoGrad.enter()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.set(i, null); // drop our reference: t's storage may be collected now
                Tensor grad = grads.remove(t);
                if (t.isLeaf()) {
                    if (grad != null) t.accumulateGrad(grad);
                    continue;
                }
                Node node = t.node;
                if (grad == null) {
                    node.release();
                    continue;
                }
                Tensor[] inputs = node.inputs();
                Tensor[] in = node.backward().apply(grad);
                node.release(); // frees what the backward captured (activations) as the pass goes
                if (in == null || in.length != inputs.length) {
                    throw new IllegalStateException(node.op + ": backward returned " + (in == null ? "null" : in.length + " gradients")
                            + " for " + inputs.length + " inputs");
                }
                for (int k = 0; k < inputs.length; k++) {
                    Tensor x = inputs[k];
                    if (in[k] == null || x == null || !x.requiresGrad()) continue;
                    if (!java.util.Arrays.equals(in[k].shape, x.shape)) {
                        throw new ShapeException(node.op + ": gradient for input " + k + " has shape " + Shape.str(in[k].shape)
                                + " but the input has shape " + Shape.str(x.shape));
                    }
                    Tensor prev = grads.get(x);
                    // out of place: a gradient may be shared (e.g. add passes gradOutput to both inputs)
                    grads.put(x, prev == null ? in[k] : prev.add(in[k]));
                }
            }
        } finally {
            for (Tensor t : order) { // what an exception left unvisited
                if (t != null && !t.isLeaf()) t.node.release();
            }
        }
    }

    /** Tensors requiring grad reachable from root, inputs before the tensors computed from them. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        // explicit stack of (tensor, next input index) frames for a post-order walk
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        seen.put(root, Boolean.TRUE);
        stack.push(new Object[] {root, 0});
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Tensor[] inputs = t.isLeaf() ? new Tensor[0] : t.node.inputs();
            while (next < inputs.length) {
                Tensor x = inputs[next++];
                if (x != null && x.requiresGrad() && seen.put(x, Boolean.TRUE) == null) {
                    frame[1] = next;
                    stack.push(new Object[] {x, 0});
                    break;
                }
            }
            if (stack.peek() != frame) continue;
            if (next >= inputs.length) {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
