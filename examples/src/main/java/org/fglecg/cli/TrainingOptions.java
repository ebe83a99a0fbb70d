package org.fglecg.cli;

import java.nio.file.Path;
import java.util.List;
import org.fglecg.ecg.data.SplitKind;
import org.fglecg.ecg.data.WindowSpec;
import org.fglecg.ecg.train.Role;
import org.fglecg.ecg.train.TrainConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options every training command shares (picocli mixin); the defaults are FGL-SPEC section 5's,
 * taken from {@link TrainConfig}'s constants.
 */
final class TrainingOptions {
    @Mixin DataDirOption dataDir;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs",
            description = "Where run directories go (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs = TrainConfig.DEFAULT_EPOCHS;

    @Option(names = "--batch", paramLabel = "N", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch = TrainConfig.DEFAULT_BATCH_SIZE;

    @Option(names = "--lr", paramLabel = "LR", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr = TrainConfig.DEFAULT_LR;

    @Option(names = "--seed", paramLabel = "N",
            description = "Training seed: initialisation, shuffling and dropout (default: ${DEFAULT-VALUE}).")
    long seed = TrainConfig.DEFAULT_SEED;

    @Option(names = "--split-seed", paramLabel = "N",
            description = "Data seed: the intra-patient split and beat subsets, fixed across training seeds "
                    + "(default: ${DEFAULT-VALUE}).")
    long splitSeed = TrainConfig.DEFAULT_SEED;

    @Option(names = "--patience", paramLabel = "N",
            description = "Stop early after N epochs without a better validation macro-F1 (default: ${DEFAULT-VALUE}, never).")
    int patience = TrainConfig.DEFAULT_PATIENCE;

    @Mixin ThreadsOption threads;

    @Option(names = "--max-train-beats", paramLabel = "N",
            description = "Train on a stratified subset of N training beats (default: all).")
    int maxTrainBeats = TrainConfig.ALL_BEATS;

    @Option(names = "--max-eval-beats", paramLabel = "N",
            description = "Validate on a stratified subset of N beats (default: all; the test split is always whole).")
    int maxEvalBeats = TrainConfig.ALL_BEATS;

    @Option(names = "--records", paramLabel = "LIST",
            description = "Only these records, comma-separated (default: the 44 of the paper).")
    String records;

    @Option(names = "--resume", description = "Continue an interrupted run (same configuration) from its newest intact "
            + "checkpoint (the run directory is checked and repaired first, see `fgl runs verify`); "
            + "with a larger --epochs, extend a finished run.")
    boolean resume;

    Path data() {
        return dataDir.dir;
    }

    List<String> recordList() {
        return MitdbDownloader.splitRecords(records);
    }

    /** Applies these options to a role/window/split's paper defaults; the thread count is the pool's (--threads). */
    TrainConfig config(Role role, WindowSpec window, SplitKind split) {
        TrainConfig base = TrainConfig.defaults(role, window, split);
        return base.withEpochs(epochs).withSeed(seed).withSplitSeed(splitSeed).withPatience(patience)
                .withTraining(batch, lr, base.threads())
                .withSubset(maxTrainBeats, maxEvalBeats, recordList());
    }
}
