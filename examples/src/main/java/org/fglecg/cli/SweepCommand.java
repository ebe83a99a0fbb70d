package org.fglecg.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fglecg.ecg.data.SplitKind;
import org.fglecg.ecg.data.WindowSpec;
import org.fglecg.ecg.train.Progress;
import org.fglecg.ecg.train.RunDirectory;
import org.fglecg.ecg.train.Role;
import org.fglecg.ecg.train.RunResult;
import org.fglecg.ecg.train.TrainConfig;
import org.fglecg.ecg.train.Trainer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fgl sweep}: the paper's sensitivity studies, one configuration after another, resumable. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Sweep alpha or tau (FGL students from one teacher) or the teacher window (a teacher and an FGL "
                + "student per window, table 3). Finished configurations are skipped and an interrupted one resumes, "
                + "so rerunning the same command continues the sweep. Writes a report to runs/NAME/.")
final class SweepCommand implements Callable<Integer> {
    static final class What {
        @Option(names = "--alpha", paramLabel = "RANGE", description = "e.g. 0.1:0.9:0.1 (tau fixed by --fixed-tau).")
        String alpha;

        @Option(names = "--tau", paramLabel = "RANGE", description = "e.g. 1:8 (alpha fixed by --fixed-alpha).")
        String tau;

        @Option(names = "--windows", paramLabel = "all", description = "all: every teacher window of FGL-SPEC section 3.")
        String windows;
    }

    @ArgGroup(exclusive = true, multiplicity = "1") What what;

    @Option(names = "--teacher", paramLabel = "RUN", description = "Teacher run (for --alpha / --tau).")
    Path teacher;

    @Option(names = "--fixed-alpha", paramLabel = "A", description = "alpha while tau or windows vary (default: ${DEFAULT-VALUE}).")
    double fixedAlpha = TrainConfig.DEFAULT_FGL_ALPHA;

    @Option(names = "--fixed-tau", paramLabel = "T", description = "tau while alpha or windows vary (default: ${DEFAULT-VALUE}).")
    double fixedTau = TrainConfig.DEFAULT_TAU;

    @Option(names = "--name", paramLabel = "NAME", description = "Sweep directory under --runs (default: sweep-alpha, sweep-tau, sweep-windows-SPLIT).")
    String name;

    @Mixin SplitOption splitOption; // for --windows; alpha and tau sweeps use the teacher's split
    @Mixin TrainingOptions opts;

    @Override
    public Integer call() throws Exception {
        List<RunResult> runs = new ArrayList<>();
        SplitKind split = splitOption.split;
        String kind = what.alpha != null ? "alpha" : what.tau != null ? "tau" : "windows";
        Path root = opts.runs.resolve(name != null ? name : "sweep-" + kind + (kind.equals("windows") ? "-" + split : ""));
        if (kind.equals("windows")) {
            if (!what.windows.equals("all")) throw new IllegalArgumentException("--windows takes 'all', got '" + what.windows + "'");
            for (WindowSpec w : WindowSpec.TEACHERS) {
                TrainConfig tc = opts.config(Role.TEACHER, w, split);
                Path teacherRun = root.resolve("teacher-" + w.name());
                runs.add(step(tc, teacherRun));
                runs.add(step(DistillCommand.distilled(opts, tc, teacherRun, fixedAlpha, fixedTau),
                        root.resolve("fgl-" + w.name())));
            }
        } else {
            if (teacher == null) throw new IllegalArgumentException("--" + kind + " sweeps distil from a teacher: pass --teacher RUN");
            TrainConfig tc = TrainConfig.fromJson(RunDirectory.open(teacher).config());
            for (double v : SweepRange.parse(kind.equals("alpha") ? what.alpha : what.tau)) {
                double a = kind.equals("alpha") ? v : fixedAlpha, t = kind.equals("tau") ? v : fixedTau;
                runs.add(step(DistillCommand.distilled(opts, tc, teacher, a, t), root.resolve("fgl-a" + a + "-t" + t)));
            }
        }
        Report.write(root, "Sweep over " + kind, runs);
        System.out.print(ComparisonTable.markdown(runs));
        return 0;
    }

    /** Trains one configuration, continuing it if a previous sweep was interrupted inside it. */
    private RunResult step(TrainConfig cfg, Path dir) throws Exception {
        return Trainer.train(cfg, opts.data(), dir, true, System.out, Progress.stdoutIsTerminal());
    }
}
