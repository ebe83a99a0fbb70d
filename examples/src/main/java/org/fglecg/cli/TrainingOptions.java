package org.fglecg.cli;

import java.nio.file.Path;
import java.util.List;
import org.fglecg.ecg.train.TrainConfig;
import picocli.CommandLine.Option;

/** Options every training command shares (picocli mixin); defaults are FGL-SPEC section 5's. */
final class TrainingOptions {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data/mitdb",
            description = "MIT-BIH database directory (default: ${DEFAULT-VALUE}; `fgl data download` fetches it).")
    Path data;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs",
            description = "Where run directories go (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "60", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + TrainConfig.DEFAULT_SEED,
            description = "Training seed: initialisation, shuffling and dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--split-seed", paramLabel = "N", defaultValue = "" + TrainConfig.DEFAULT_SEED,
            description = "Data seed: the intra-patient split and beat subsets, fixed across training seeds "
                    + "(default: ${DEFAULT-VALUE}).")
    long splitSeed;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "0",
            description = "Stop early after N epochs without a better validation macro-F1 (default: 0, never).")
    int patience;

    @Option(names = "--threads", paramLabel = "N",
            description = "Compute threads (default: available processors). Same seed and threads = same numbers.")
    Integer threads;

    @Option(names = "--max-train-beats", paramLabel = "N", defaultValue = "0",
            description = "Train on a stratified subset of N training beats (default: all).")
    int maxTrainBeats;

    @Option(names = "--max-eval-beats", paramLabel = "N", defaultValue = "0",
            description = "Validate on a stratified subset of N beats (default: all; the test split is always whole).")
    int maxEvalBeats;

    @Option(names = "--records", paramLabel = "LIST",
            description = "Only these records, comma-separated (default: the 44 of the paper).")
    String records;

    @Option(names = "--resume", description = "Continue an interrupted run (same configuration) from its newest intact "
            + "checkpoint (the run directory is checked and repaired first, see `fgl runs verify`); "
            + "with a larger --epochs, extend a finished run.")
    boolean resume;

    List<String> recordList() {
        return MitdbDownloader.splitRecords(records);
    }

    /** Applies these options to a role/window/split's paper defaults. */
    TrainConfig config(String role, String window, String split) {
        TrainConfig base = TrainConfig.defaults(role, window, split);
        return base.withEpochs(epochs).withSeed(seed).withSplitSeed(splitSeed).withPatience(patience)
                .withTraining(batch, lr, threads == null ? base.threads() : threads)
                .withSubset(maxTrainBeats, maxEvalBeats, recordList());
    }
}
