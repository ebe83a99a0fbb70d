package org.fglecg.nn.io;

import java.util.Arrays;

/**
 * One named tensor as a safetensors file holds it: element type, shape and the values
 * ({@code floats} for F32, {@code longs} for I64; the other array is null).
 */
public record StoredTensor(String name, DType dtype, int[] shape, float[] floats, long[] longs) {

    public static StoredTensor f32(String name, float[] values, int... shape) {
        check(name, values.length, shape);
        return new StoredTensor(name, DType.F32, shape.clone(), values, null);
    }

    public static StoredTensor i64(String name, long[] values, int... shape) {
        check(name, values.length, shape);
        return new StoredTensor(name, DType.I64, shape.clone(), null, values);
    }

    /** Number of elements: the product of the shape (1 for a scalar). */
    public long numel() {
        return numel(shape);
    }

    static long numel(int[] shape) {
        long n = 1;
        for (int s : shape) n *= s;
        return n;
    }

    /** The values as float32 (I64 values converted; exact below 2^24). */
    public float[] toFloats() {
        if (floats != null) return floats;
        float[] f = new float[longs.length];
        for (int i = 0; i < f.length; i++) f[i] = longs[i];
        return f;
    }

    private static void check(String name, int length, int[] shape) {
        if (numel(shape) != length) {
            throw new IllegalArgumentException("tensor '" + name + "': " + length
                    + " values do not fill shape " + Arrays.toString(shape));
        }
    }
}
