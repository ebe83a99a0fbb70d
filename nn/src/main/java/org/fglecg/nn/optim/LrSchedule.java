package org.fglecg.nn.optim;

/** Learning rate as a function of the epoch (0-based), like PyTorch's StepLR / CosineAnnealingLR. */
@FunctionalInterface
public interface LrSchedule {
    double lr(int epoch);

    static LrSchedule constant(double lr) {
        return epoch -> lr;
    }

    /** StepLR: lr * gamma^(epoch / stepSize). */
    static LrSchedule step(double lr, int stepSize, double gamma) {
        return epoch -> lr * Math.pow(gamma, epoch / stepSize);
    }

    /** CosineAnnealingLR: etaMin + (lr - etaMin) (1 + cos(pi epoch / tMax)) / 2, held at etaMin after tMax. */
    static LrSchedule cosine(double lr, int tMax, double etaMin) {
        return epoch -> etaMin + (lr - etaMin) * (1 + Math.cos(Math.PI * Math.min(epoch, tMax) / tMax)) / 2;
    }
}
