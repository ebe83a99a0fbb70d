package org.fglecg.nn.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fglecg.nn.Module;
import org.fglecg.tensor.Tensor;

/**
 * A module's state_dict in a safetensors file: tensor names are the PyTorch state_dict keys,
 * BatchNorm buffers included ({@code num_batches_tracked} as I64, like PyTorch), so a checkpoint
 * loads with {@code model.load_state_dict(safetensors.torch.load_file(path))} and back.
 */
public final class Checkpoint {
    private Checkpoint() {}

    /** Writes the module's state atomically, with optional string metadata. */
    public static void save(Module module, Path file, Map<String, String> metadata) throws IOException {
        Set<String> int64 = module.int64StateKeys();
        List<StoredTensor> out = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : module.stateDict().entrySet()) {
            Tensor t = e.getValue();
            float[] v = t.contiguous().toArray();
            if (int64.contains(e.getKey())) {
                long[] l = new long[v.length];
                for (int i = 0; i < v.length; i++) l[i] = (long) v[i];
                out.add(StoredTensor.i64(e.getKey(), l, t.shape()));
            } else {
                out.add(StoredTensor.f32(e.getKey(), v, t.shape()));
            }
        }
        SafeTensors.write(file, out, metadata);
    }

    /**
     * Loads every state_dict entry of the module from the file (strict): a missing or extra
     * tensor or a shape mismatch is refused, naming the file and the tensor; the module is left
     * unchanged then.
     */
    public static void load(Module module, Path file) throws IOException {
        Map<String, StoredTensor> stored = SafeTensors.read(file);
        Map<String, Tensor> own = module.stateDict();
        for (String k : stored.keySet()) {
            if (!own.containsKey(k)) throw new SafeTensorsException(file, k, "not a tensor of this model");
        }
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            StoredTensor s = stored.get(e.getKey());
            if (s == null) throw new SafeTensorsException(file, e.getKey(), "missing");
            if (!Arrays.equals(s.shape(), e.getValue().shape())) {
                throw new SafeTensorsException(file, e.getKey(), "shape " + Arrays.toString(s.shape())
                        + " does not match the model's " + Arrays.toString(e.getValue().shape()));
            }
        }
        java.util.LinkedHashMap<String, Tensor> values = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, StoredTensor> s : stored.entrySet()) {
            values.put(s.getKey(), Tensor.fromArray(s.getValue().toFloats(), s.getValue().shape()));
        }
        module.loadStateDict(values);
    }

    /** The file's metadata (e.g. the model config a trainer stored). */
    public static Map<String, String> metadata(Path file) throws IOException {
        return SafeTensors.readMetadata(file);
    }
}
