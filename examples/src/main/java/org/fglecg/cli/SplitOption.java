package org.fglecg.cli;

import org.fglecg.ecg.data.SplitKind;
import org.fglecg.ecg.train.TrainConfig;
import picocli.CommandLine.Option;

/** {@code --split} (picocli mixin) for the commands that train from scratch: train, paper, sweep. */
final class SplitOption {
    @Option(names = "--split", paramLabel = "KIND", converter = Converters.SplitConverter.class,
            description = "intra (the paper's stratified 80/10/10 of all beats) or inter (DS1 minus 124, 201, 223 / "
                    + "those three / DS2) (default: ${DEFAULT-VALUE}).")
    SplitKind split = TrainConfig.DEFAULT_SPLIT;
}
