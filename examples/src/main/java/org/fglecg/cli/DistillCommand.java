package org.fglecg.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fglecg.ecg.data.WindowSpec;
import org.fglecg.ecg.train.Progress;
import org.fglecg.ecg.train.Role;
import org.fglecg.ecg.train.RunDirectory;
import org.fglecg.ecg.train.TrainConfig;
import org.fglecg.ecg.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fgl distill}: an FGL student from a trained teacher. */
@Command(name = "distill", mixinStandardHelpOptions = true,
        description = "Train the narrow-window student with the FGL loss a*CB-CE + (1-a)*tau^2*KL, the teacher frozen "
                + "(its logits computed once and cached in the teacher's run directory).")
final class DistillCommand implements Callable<Integer> {
    @Option(names = "--teacher", required = true, paramLabel = "RUN", description = "The teacher's run directory.")
    Path teacher;

    @Option(names = "--name", paramLabel = "NAME", description = "Run name (default: fgl-TEACHER-aA-tT).")
    String name;

    @Mixin FglLossOptions loss;
    @Mixin TrainingOptions opts;

    @Override
    public Integer call() throws Exception {
        TrainConfig teacherCfg = TrainConfig.fromJson(RunDirectory.open(teacher).config());
        TrainConfig cfg = distilled(opts, teacherCfg, teacher, loss.alpha, loss.tau);
        String n = name != null ? name : "fgl-" + teacher.getFileName() + "-a" + loss.alpha + "-t" + loss.tau;
        Trainer.train(cfg, opts.data(), opts.runs.resolve(n), opts.resume, System.out, Progress.stdoutIsTerminal());
        return 0;
    }

    /**
     * A student config from the options (its own training seed) on the teacher's split, split
     * seed and records, so that it never trains on the teacher's test beats.
     */
    static TrainConfig distilled(TrainingOptions opts, TrainConfig teacherCfg, Path teacherRun, double alpha, double tau) {
        return opts.config(Role.STUDENT, WindowSpec.STUDENT, teacherCfg.split()).withSplitSeed(teacherCfg.splitSeed())
                .withSubset(opts.maxTrainBeats, opts.maxEvalBeats, teacherCfg.records())
                .distilledFrom(teacherRun.toString(), alpha, tau);
    }
}
