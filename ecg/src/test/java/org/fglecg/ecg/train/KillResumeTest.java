package org.fglecg.ecg.train;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fglecg.ecg.MitDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer killed (SIGKILL, no chance to clean up) at random points, some while a file is
 * being written, then resumed: the finished run is bit-identical to one never interrupted.
 */
class KillResumeTest {
    @TempDir Path tmp;
    private static boolean writeSeen;

    @Test
    void killedAtRandomPointsAndResumedEqualsAnUninterruptedRun() throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        Path whole = tmp.resolve("whole"), killed = tmp.resolve("killed");
        long t0 = System.nanoTime();
        Trainer.train(RunRecoveryTest.CFG, MitDb.dir(), whole, false, quiet, false);
        long trainMillis = (System.nanoTime() - t0) / 1_000_000;

        String seed = System.getenv("FGLECG_FAULT_SEED");
        Random random = new Random(seed == null ? 4L : Long.parseLong(seed));
        int kills = 0, duringWrites = 0;
        // Kill, resume, kill again (alternately at a random time and the moment a write is seen)
        // until a child finishes; the delays stay below an uninterrupted run, so most starts die.
        for (int attempt = 0; attempt < 10; attempt++) {
            Process child = TrainInChildJvm.start(MitDb.dir(), killed);
            writeSeen = false;
            boolean killedNow = attempt % 2 == 1 ? killWhenAWriteIsSeen(child, killed, trainMillis + 3000)
                    : killAfter(child, 300 + random.nextInt((int) (trainMillis * 6 / 10) + 1));
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child ends");
            if (!killedNow) {
                assertEquals(0, child.exitValue(), "a child not killed finishes cleanly");
                if (kills >= 2) break;
                // It finished before two kills: the machine ran the child faster than the timed
                // run (a shared host's load comes and goes). Start over with shorter delays.
                deleteTree(killed);
                kills = 0;
                duringWrites = 0;
                trainMillis /= 2;
                continue;
            }
            kills++;
            if (writeSeen) duringWrites++;
        }
        assertTrue(kills >= 2, "children killed: " + kills);
        System.out.println("KillResumeTest: " + kills + " kills, " + duringWrites + " while a file was being written");
        Trainer.train(RunRecoveryTest.CFG, MitDb.dir(), killed, true, quiet, false);
        RunRecoveryTest.assertSameRun(whole, killed);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }

    private static boolean killAfter(Process child, long millis) throws InterruptedException {
        if (child.waitFor(millis, TimeUnit.MILLISECONDS)) return false;
        child.destroyForcibly();   // SIGKILL
        return true;
    }

    /** The temporary file of a checkpoint, best-model or state.json write in progress. */
    private static final java.util.regex.Pattern COMMIT_WRITE =
            java.util.regex.Pattern.compile("\\.(epoch-|best|state).*\\.tmp");

    /** Polls for a commit write's temporary file and kills the child as soon as one appears. */
    private static boolean killWhenAWriteIsSeen(Process child, Path dir, long withinMillis) throws Exception {
        long end = System.currentTimeMillis() + withinMillis;
        while (child.isAlive() && System.currentTimeMillis() < end) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.anyMatch(p -> COMMIT_WRITE.matcher(p.getFileName().toString()).matches())) {
                        child.destroyForcibly();
                        writeSeen = true;
                        return true;
                    }
                } catch (IOException racedWithARename) {
                    // the listing raced with a file being renamed or deleted: look again
                }
            }
            Thread.sleep(1);
        }
        return killAfter(child, 0);
    }
}
