package org.fglecg.nn;

import java.util.function.Function;
import org.fglecg.nn.optim.Optimizer;
import org.fglecg.tensor.Tensor;
import org.fglecg.tensor.TensorArena;

/**
 * One training step of a module: inside a scope of its {@link TensorArena}, drop the gradients,
 * forward, loss of the output, backward, optimizer step. The trainer takes its steps here, and so
 * do {@code TrainStepBenchmark} and {@code StepProfile}, so what they measure is the trainer's
 * step by construction, not a copy of it.
 */
public final class TrainingStep {
    private final Module module;
    private final Optimizer optimizer;
    private final TensorArena arena;

    /**
     * Steps {@code module} with {@code optimizer} (made over its parameters). {@code arena} lends
     * each step the last step's arrays; null allocates every array afresh, the reference the
     * arena's results are checked against.
     */
    public TrainingStep(Module module, Optimizer optimizer, TensorArena arena) {
        this.module = module;
        this.optimizer = optimizer;
        this.arena = arena;
    }

    /**
     * Takes one step on {@code input}; {@code loss} turns the module's output into the scalar
     * loss. Returns the loss value, read before the scope takes the step's arrays back.
     */
    public float run(Tensor input, Function<Tensor, Tensor> loss) {
        try (TensorArena.Scope s = arena == null ? null : arena.open()) {
            module.zeroGrad();
            Tensor l = loss.apply(module.forward(input));
            l.backward();
            optimizer.step();
            return l.item();
        }
    }
}
