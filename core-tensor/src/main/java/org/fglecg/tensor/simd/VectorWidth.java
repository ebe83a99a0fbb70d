package org.fglecg.tensor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one float species every vector kernel and register tile uses: the CPU's preferred one, or a
 * narrower one forced with {@code -Dfglecg.vector.bits=128|256|512}. Forcing lets an x86 host run
 * and test the kernels at the widths of other CPUs: 128 bits is ARM NEON's, 256 AVX2's. A width
 * above the preferred one is refused, since C2 would not compile it to vector instructions.
 *
 * <p>A static final constant, so C2 folds it into every kernel as it does SPECIES_PREFERRED.
 */
final class VectorWidth {
    static final String PROPERTY = "fglecg.vector.bits";
    static final VectorSpecies<Float> FLOAT = choose(System.getProperty(PROPERTY));

    private VectorWidth() {}

    static VectorSpecies<Float> choose(String forced) {
        VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
        if (forced == null || forced.isBlank()) return preferred;
        int bits;
        try {
            bits = Integer.parseInt(forced.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + forced + ": expected 128, 256 or 512");
        }
        if (bits != 128 && bits != 256 && bits != 512)
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + forced + ": expected 128, 256 or 512");
        if (bits > preferred.vectorBitSize())
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + bits + ": this CPU's widest float vector is "
                    + preferred.vectorBitSize() + " bits");
        return VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }
}
