package org.fglecg.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels give the same bits interpreted and compiled: exp is built from add, mul
 * and fma (not the EXP intrinsic, whose fallback and SVML differ in the last bit) and sums add
 * lanes in a fixed order (not reduceLanes). Compares a forked -Xint JVM with this warmed-up one.
 */
class ColdWarmTest {

    @Test
    void interpretedAndCompiledVectorKernelsAgreeBitForBit() throws Exception {
        String warm = null;
        for (int i = 0; i < 3000; i++) warm = ColdWarmMain.fingerprint(Kernels.vector()); // let C2 compile
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xint", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path")));
        // The cold JVM runs at this JVM's width and tile (the suite also runs at forced ones).
        for (String prop : List.of("fglecg.vector.bits", "fglecg.gemm.tile"))
            if (System.getProperty(prop) != null) cmd.add("-D" + prop + "=" + System.getProperty(prop));
        cmd.add(ColdWarmMain.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String cold = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(cold, warm);
    }
}
