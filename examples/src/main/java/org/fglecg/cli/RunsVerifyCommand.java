package org.fglecg.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fglecg.ecg.train.RunDirectory;
import org.fglecg.ecg.train.RunRecovery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code fgl runs verify DIR}: checks every file of a run directory against its digest and says
 * what is intact and where --resume would continue. Reads only, so it may run while the run trains.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a run directory: which files are intact, and whether --resume can continue it. "
                + "Exit 0: complete or resumable (damage a resume repairs is listed); 1: damaged beyond recovery; "
                + "2: not a run directory.")
final class RunsVerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Run directory (e.g. runs/teacher-T_asym_360-intra).")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir) || !(Files.exists(dir.resolve(RunDirectory.CONFIG))
                || Files.exists(dir.resolve(RunDirectory.STATE)))) {
            spec.commandLine().getErr().println("fgl: not a run directory (no " + RunDirectory.CONFIG + " or "
                    + RunDirectory.STATE + "): " + dir);
            return CliErrors.USAGE;
        }
        RunRecovery r = RunRecovery.examine(dir);
        for (RunRecovery.Finding f : r.findings()) System.out.println("  " + f);
        System.out.println(dir + ": " + r.summary());
        return r.outcome() == RunRecovery.Outcome.DAMAGED ? CliErrors.FAILED : 0;
    }
}
