package org.fglecg.cli;

import java.util.concurrent.Callable;
import org.fglecg.ecg.data.WindowSpec;
import org.fglecg.ecg.train.Progress;
import org.fglecg.ecg.train.Role;
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
    @Option(names = "--role", required = true, paramLabel = "ROLE", converter = Converters.RoleConverter.class,
            description = "teacher or student.")
    Role role;

    @Option(names = "--window", paramLabel = "NAME", converter = Converters.WindowConverter.class,
            description = "Input window: student, T_sym_180, T_sym_270, T_sym_360, T_asym_180, T_asym_270, "
                    + "T_asym_360 (default: student for a student, T_asym_360 for a teacher).")
    WindowSpec window;

    @Option(names = "--name", paramLabel = "NAME", description = "Run name (default: ROLE-WINDOW-SPLIT).")
    String name;

    @Mixin SplitOption splitOption;
    @Mixin TrainingOptions opts;

    @Override
    public Integer call() throws Exception {
        WindowSpec w = window != null ? window : role.defaultWindow();
        TrainConfig cfg = opts.config(role, w, splitOption.split);
        String n = name != null ? name : role + "-" + w.name() + "-" + splitOption.split;
        Trainer.train(cfg, opts.data(), opts.runs.resolve(n), opts.resume, System.out, Progress.stdoutIsTerminal());
        return 0;
    }
}
