package org.fglecg.ecg.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fglecg.nn.io.SafeTensors;
import org.fglecg.nn.io.StoredTensor;
import org.fglecg.nn.optim.Adam;

/**
 * Adam's state as a safetensors file: {@code step} (I64) and {@code exp_avg.I} /
 * {@code exp_avg_sq.I} per parameter index I that has been updated (PyTorch's names).
 */
public final class OptimizerFiles {
    private OptimizerFiles() {}

    public static void save(Adam.State s, Path file) throws IOException {
        List<StoredTensor> out = new ArrayList<>();
        out.add(StoredTensor.i64("step", new long[] {s.step()}, 1));
        for (int i = 0; i < s.expAvg().length; i++) {
            if (s.expAvg()[i] == null) continue;
            out.add(StoredTensor.f32("exp_avg." + i, s.expAvg()[i], s.expAvg()[i].length));
            out.add(StoredTensor.f32("exp_avg_sq." + i, s.expAvgSq()[i], s.expAvgSq()[i].length));
        }
        SafeTensors.write(file, out, Map.of("optimizer", "Adam", "parameters", String.valueOf(s.expAvg().length)));
    }

    public static Adam.State load(Path file) throws IOException {
        Map<String, StoredTensor> t = SafeTensors.read(file);
        String n = SafeTensors.readMetadata(file).get("parameters");
        StoredTensor step = t.get("step");
        if (n == null || step == null) throw new IOException(file + ": not an Adam state file (no 'parameters' or 'step')");
        int count = Integer.parseInt(n);
        float[][] m = new float[count][], v = new float[count][];
        for (int i = 0; i < count; i++) {
            StoredTensor a = t.get("exp_avg." + i), b = t.get("exp_avg_sq." + i);
            if ((a == null) != (b == null)) throw new IOException(file + ": parameter " + i + " has only one Adam moment");
            if (a != null) {
                m[i] = a.toFloats();
                v[i] = b.toFloats();
            }
        }
        return new Adam.State((int) step.longs()[0], m, v);
    }
}
