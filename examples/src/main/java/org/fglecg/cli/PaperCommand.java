package org.fglecg.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fglecg.ecg.data.SplitKind;
import org.fglecg.ecg.data.WindowSpec;
import org.fglecg.ecg.train.Progress;
import org.fglecg.ecg.train.Role;
import org.fglecg.ecg.train.RunDirectory;
import org.fglecg.ecg.train.RunResult;
import org.fglecg.ecg.train.TrainConfig;
import org.fglecg.ecg.train.Trainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fgl paper}: the paper's main experiment in one command. */
@Command(name = "paper", mixinStandardHelpOptions = true,
        description = "The paper's experiment: train the teacher, the baseline student (CB-CE) and the FGL student, "
                + "then write the comparison (table 2), report.md, report.json and figures to runs/NAME/.")
final class PaperCommand implements Callable<Integer> {
    /** --quick without a trained teacher: a small, complete pass that checks the pipeline (weak models). */
    static final int QUICK_EPOCHS = 3, QUICK_TEACHER_EPOCHS = 2, QUICK_TRAIN_BEATS = 2000, QUICK_EVAL_BEATS = 1000;
    /**
     * --quick with the released teacher: only the students train, batch 32 (four times the
     * updates per beat of the paper's 128), sized for about 10 minutes on 2 cores. Chosen from
     * the trials in docs/RESULTS.md ("fgl paper --quick").
     */
    static final int QUICK_STUDENT_EPOCHS = 5, QUICK_STUDENT_TRAIN_BEATS = 20_000, QUICK_STUDENT_BATCH = 32;

    @Option(names = "--teacher-window", paramLabel = "NAME", converter = Converters.WindowConverter.class,
            description = "The teacher's window (default: T_asym_360, the paper's best).")
    WindowSpec teacherWindow = Role.TEACHER.defaultWindow();

    @Option(names = "--teacher-epochs", paramLabel = "N", description = "Teacher epochs (default: --epochs).")
    Integer teacherEpochs;

    @Option(names = "--quick", description = "A quick complete pass, tested on the whole test split. With the released "
            + "teacher (models/teacher-SPLIT): the students only, " + QUICK_STUDENT_EPOCHS + " epochs on "
            + QUICK_STUDENT_TRAIN_BEATS + " training beats at batch " + QUICK_STUDENT_BATCH + "; without: all three models, " + QUICK_EPOCHS + " epochs (teacher "
            + QUICK_TEACHER_EPOCHS + ") on " + QUICK_TRAIN_BEATS + " training beats. Validation on " + QUICK_EVAL_BEATS
            + " beats; explicit options override.")
    boolean quick;

    @Option(names = "--teacher-model", paramLabel = "DIR", description = "Distill from this trained teacher (a tested run "
            + "directory or a released model) instead of training one. --quick uses the released models/teacher-SPLIT "
            + "when it exists.")
    Path teacherModel;

    @Option(names = "--name", paramLabel = "NAME", description = "Run group name (default: paper-SPLIT, paper-SPLIT-quick).")
    String name;

    @Mixin SplitOption splitOption;
    @Mixin FglLossOptions loss;
    @Mixin TrainingOptions opts;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SplitKind split = splitOption.split;
        Path trained = trainedTeacher(split);
        if (quick) applyQuickPreset(trained != null);
        double alpha = loss.alpha, tau = loss.tau;
        Path root = opts.runs.resolve(name != null ? name : "paper-" + split + (quick ? "-quick" : ""));
        boolean live = Progress.stdoutIsTerminal();
        long t0 = System.nanoTime();
        List<RunResult> runs = new ArrayList<>();
        TrainConfig teacherCfg;
        Path teacherDir;
        if (trained != null) {
            teacherDir = trained;
            RunResult teacher = RunResult.load(trained);
            teacherCfg = TrainConfig.fromJson(teacher.config());
            if (teacher.test() == null) throw new CommandLine.ParameterException(spec.commandLine(),
                    "--teacher-model " + trained + ": no " + RunDirectory.TEST + ", so not a finished, tested teacher");
            if (teacherCfg.role() != Role.TEACHER || teacherCfg.split() != split)
                throw new CommandLine.ParameterException(spec.commandLine(), "--teacher-model " + trained + " is a "
                        + teacherCfg.role() + " of split " + teacherCfg.split() + ", not a teacher of split " + split);
            System.out.printf(Locale.ROOT, "teacher: %s, trained before (%d epochs, best %d); not trained again%n",
                    trained, teacher.epochs().size(), teacher.bestEpoch());
            runs.add(teacher);
        } else {
            teacherDir = root.resolve("teacher");
            teacherCfg = opts.config(Role.TEACHER, teacherWindow, split);
            if (teacherEpochs != null) teacherCfg = teacherCfg.withEpochs(teacherEpochs);
            runs.add(Trainer.train(teacherCfg, opts.data(), teacherDir, opts.resume, System.out, live));
        }
        runs.add(Trainer.train(opts.config(Role.STUDENT, WindowSpec.STUDENT, split), opts.data(), root.resolve("baseline"),
                opts.resume, System.out, live));
        runs.add(Trainer.train(DistillCommand.distilled(opts, teacherCfg, teacherDir, alpha, tau),
                opts.data(), root.resolve("fgl"), opts.resume, System.out, live));
        String title = String.format(Locale.ROOT, "FGL paper run%s: %s split, teacher %s%s, alpha %s, tau %s",
                quick ? " (quick: students " + opts.epochs + " epochs on " + opts.maxTrainBeats + " training beats, batch "
                        + opts.batch + ")" : "",
                split, teacherCfg.window().name(), trained != null ? " (trained before: " + trained + ")" : "", alpha, tau);
        Report.write(root, title, runs);
        System.out.print(ComparisonTable.markdown(runs));
        System.out.printf(Locale.ROOT, "report: %s (%s wall)%n", root.resolve("report.md"),
                Progress.duration((System.nanoTime() - t0) / 1e9));
        return 0;
    }

    /** The teacher to distill from without training one: --teacher-model, or with --quick the released one. */
    private Path trainedTeacher(SplitKind split) {
        CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        boolean teacherAsked = pr.hasMatchedOption("--teacher-window") || pr.hasMatchedOption("--teacher-epochs");
        if (teacherModel != null) {
            if (teacherAsked)
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--teacher-model uses a trained teacher: --teacher-window and --teacher-epochs do not apply");
            if (!Files.isDirectory(teacherModel))
                throw new CommandLine.ParameterException(spec.commandLine(), "--teacher-model: no such directory: " + teacherModel);
            return teacherModel;
        }
        Path released = releasedTeacher(split);
        return quick && !teacherAsked && Files.isDirectory(released) ? released : null;
    }

    /** Where {@code fgl model release} puts the teacher of a split: models/teacher-SPLIT. */
    static Path releasedTeacher(SplitKind split) {
        return Path.of("models", "teacher-" + split);
    }

    private void applyQuickPreset(boolean trainedTeacher) {
        CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        if (!pr.hasMatchedOption("--epochs")) opts.epochs = trainedTeacher ? QUICK_STUDENT_EPOCHS : QUICK_EPOCHS;
        if (teacherEpochs == null && !pr.hasMatchedOption("--epochs")) teacherEpochs = QUICK_TEACHER_EPOCHS;
        if (!pr.hasMatchedOption("--max-train-beats"))
            opts.maxTrainBeats = trainedTeacher ? QUICK_STUDENT_TRAIN_BEATS : QUICK_TRAIN_BEATS;
        if (!pr.hasMatchedOption("--max-eval-beats")) opts.maxEvalBeats = QUICK_EVAL_BEATS;
        if (trainedTeacher && !pr.hasMatchedOption("--batch")) opts.batch = QUICK_STUDENT_BATCH;
    }
}
