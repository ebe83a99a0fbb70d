package org.fglecg.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scalar path must never load a class that mentions the Vector API: fork JVMs, log every
 * loaded class, multiply matrices, and look for {@code org.fglecg.tensor.simd} in the log.
 */
class ScalarPathTest {

    @Test
    void withoutTheModuleNoSimdClassIsLoaded() throws Exception {
        String out = fork(List.of());
        assertTrue(out.contains("kernels=scalar products ok"), out);
        assertTrue(out.contains("add --add-modules jdk.incubator.vector"), "log line names the flag:\n" + out);
        assertFalse(out.contains("org.fglecg.tensor.simd"), "a simd class was loaded:\n" + out);
        assertFalse(out.contains("jdk.incubator.vector.FloatVector"), out);
    }

    @Test
    void forcedScalarWithTheModuleLoadsNoSimdClass() throws Exception {
        String out = fork(List.of("--add-modules", "jdk.incubator.vector", "-Dfglecg.kernels=scalar"));
        assertTrue(out.contains("kernels=scalar products ok"), out);
        assertFalse(out.contains("org.fglecg.tensor.simd"), "a simd class was loaded:\n" + out);
    }

    @Test
    void withTheModuleVectorIsChosen() throws Exception {
        String out = fork(List.of("--add-modules", "jdk.incubator.vector"));
        assertTrue(out.contains("kernels=vector products ok"), out);
    }

    private static String fork(List<String> jvmArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-Xlog:class+load=info");
        cmd.add("-XX:TieredStopAtLevel=4"); // no-op default; keeps the C2 check honest
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ScalarPathMain.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
