package org.fglecg.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fglecg.ecg.train.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fgl compare RUN...}: the paper's table 2 from any runs. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Print a comparison table (like the paper's table 2) of finished or running runs: "
                + "test scores, or the best validation scores (marked 'val') where testing has not happened yet.")
final class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN", description = "Run directories (e.g. runs/teacher-intra).")
    List<Path> runs;

    @Option(names = "--seeds", description = "Group runs of one model at several training seeds: mean +- sd, "
            + "per-class scores, and FGL minus baseline paired by seed (paired t-test, McNemar's test per seed).")
    boolean seeds;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write report.md, report.json and the figures for these runs to DIR (with --seeds also seeds.md).")
    Path report;

    @Override
    public Integer call() throws Exception {
        List<RunResult> results = new ArrayList<>();
        for (Path p : runs) results.add(RunResult.load(p));
        System.out.print(ComparisonTable.markdown(results));
        String bySeed = seeds ? SeedTable.markdown(results) : null;
        if (seeds) System.out.print("\n" + bySeed);
        if (report != null) {
            Report.write(report, "Comparison of " + results.size() + " runs", results);
            if (seeds) org.fglecg.nn.io.AtomicFiles.writeString(report.resolve("seeds.md"),
                    "# Over training seeds\n\n" + bySeed);
        }
        return 0;
    }
}
