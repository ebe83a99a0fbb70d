package org.fglecg.cli;

import java.util.concurrent.Callable;
import org.fglecg.ecg.train.Progress;
import org.fglecg.ecg.train.TrainConfig;
import org.fglecg.ecg.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fgl train}: one teacher or baseline student. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a teacher (on any window of FGL-SPEC section 3) or a baseline student (CB-CE only). "
                + "Writes runs/NAME/: config.json, metrics.jsonl, checkpoints, best.safetensors, test.json.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "teacher or student.")
    String role;

    @Option(names = "--window", paramLabel = "NAME",
            description = "Input window: student, T_sym_180, T_sym_270, T_sym_360, T_asym_180, T_asym_270, "
                    + "T_asym_360 (default: student for a student, T_asym_360 for a teacher).")
    String window;

    @Option(names = "--name", paramLabel = "NAME", description = "Run name (default: ROLE-WINDOW-SPLIT).")
    String name;

    @Mixin SplitOption splitOption;
    @Mixin TrainingOptions opts;

    @Override
    public Integer call() throws Exception {
        String w = window != null ? window : role.equals("teacher") ? "T_asym_360" : "student";
        String split = splitOption.split;
        TrainConfig cfg = opts.config(role, w, split);
        String n = name != null ? name : role + "-" + w + "-" + split;
        Trainer.train(cfg, opts.data, opts.runs.resolve(n), opts.resume, System.out, Progress.stdoutIsTerminal());
        return 0;
    }
}
