package org.fglecg.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fglecg.ecg.train.Evaluation;
import org.fglecg.ecg.train.Progress;
import org.fglecg.ecg.train.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fgl evaluate RUN}: the run's best checkpoint on its test split, and a report. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a run's best checkpoint on its test split (writes RUN/test.json) and write "
                + "RUN/report.md, report.json and figures.")
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "Run directory.")
    Path run;

    @Mixin DataDirOption data;
    @Mixin ThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        Evaluation.test(run, data.dir, System.out, Progress.stdoutIsTerminal());
        RunResult r = RunResult.load(run);
        Report.write(run, "Evaluation of " + r.name(), List.of(r));
        System.out.print(ComparisonTable.markdown(List.of(r)));
        return 0;
    }
}
