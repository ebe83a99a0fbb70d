package org.fglecg.tensor;

/**
 * The backward half of an op: given the gradient of the loss with respect to the op's output,
 * returns one gradient per input (in input order), each of that input's shape, or null for an
 * input that gets none. Runs with grad mode off, so it may freely use Tensor ops.
 */
@FunctionalInterface
public interface BackwardFn {
    Tensor[] apply(Tensor gradOutput);
}
