package org.fglecg.ecg.train;

import java.nio.file.Path;

/** Trains (or resumes) {@link RunRecoveryTest#CFG} in a JVM of its own, for tests that kill it. */
public final class TrainInChildJvm {
    private TrainInChildJvm() {}

    /** Args: MIT-BIH directory, run directory. */
    public static void main(String[] args) throws Exception {
        Trainer.train(RunRecoveryTest.CFG, Path.of(args[0]), Path.of(args[1]), true, System.out, false);
    }

    /** Starts it with this JVM's class path and the Vector API module. */
    static Process start(Path data, Path run) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--add-modules=jdk.incubator.vector", "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), TrainInChildJvm.class.getName(), data.toString(), run.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
