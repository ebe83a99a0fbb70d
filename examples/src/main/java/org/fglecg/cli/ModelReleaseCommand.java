package org.fglecg.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.fglecg.ecg.train.RunDirectory;
import org.fglecg.ecg.train.RunResult;
import org.fglecg.ecg.train.TrainConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fgl model release RUN --out DIR}: a tested run's best model as a release with a model card. */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = "Copy a tested run's best model into a release directory (e.g. models/student-inter): "
                + "best.safetensors, config.json, state.json, metrics.jsonl and test.json, so that `fgl evaluate` and "
                + "`fgl predict --model` take it as they take a run, and MODEL.md, its card (data, protocol, epochs, "
                + "seed, test scores, intended use, limits).")
final class ModelReleaseCommand implements Callable<Integer> {
    /** What a release holds besides its card. */
    static final List<String> FILES = List.of(RunDirectory.BEST, RunDirectory.CONFIG, RunDirectory.STATE,
            RunDirectory.METRICS, RunDirectory.TEST);
    static final String CARD = "MODEL.md";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "Run directory with test scores (test.json; see fgl evaluate).")
    Path run;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Release directory to create, e.g. "
            + "models/student-inter; its name is the model's name.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(run.resolve(RunDirectory.CONFIG)))
            throw new CommandLine.ParameterException(spec.commandLine(), "RUN " + run + ": not a run directory (no "
                    + RunDirectory.CONFIG + ")");
        for (String f : FILES) {
            if (!Files.isRegularFile(run.resolve(f))) {
                throw new CommandLine.ParameterException(spec.commandLine(), "RUN " + run + ": no " + f
                        + (f.equals(RunDirectory.TEST) ? " (test it first: fgl evaluate " + run + ")" : ""));
            }
        }
        if (Files.exists(out) && (!Files.isDirectory(out) || !isEmpty(out)))
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " exists and is not empty");
        RunResult result = RunResult.load(run);
        TrainConfig cfg = TrainConfig.fromJson(result.config());
        Files.createDirectories(out);
        for (String f : FILES) Files.copy(run.resolve(f), out.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                Files.readAllBytes(out.resolve(RunDirectory.BEST))));
        String name = out.toAbsolutePath().normalize().getFileName().toString();
        Files.writeString(out.resolve(CARD), ModelCard.markdown(name, result, cfg, sha,
                LocalDate.now(ZoneOffset.UTC).toString()));
        System.out.println("released " + run + " as " + out + " (" + CARD + ", best.safetensors sha256 " + sha + ")");
        return 0;
    }

    private static boolean isEmpty(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
