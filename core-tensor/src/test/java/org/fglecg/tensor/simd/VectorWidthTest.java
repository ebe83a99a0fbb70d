package org.fglecg.tensor.simd;

import static org.junit.jupiter.api.Assertions.*;

import jdk.incubator.vector.FloatVector;
import org.fglecg.tensor.kernel.Kernels;
import org.junit.jupiter.api.Test;

/**
 * The forced width and tile take effect (the suite runs again at 128 and 256 bits and with both
 * tiles: see core-tensor/pom.xml), and bad values are refused with the valid ones named.
 */
class VectorWidthTest {
    @Test
    void theForcedWidthAndTileAreTheOnesTheKernelsUse() {
        String bits = System.getProperty(VectorWidth.PROPERTY), tile = System.getProperty(VectorKernels.TILE_PROPERTY);
        int want = bits == null ? FloatVector.SPECIES_PREFERRED.vectorBitSize() : Integer.parseInt(bits);
        assertEquals(want, VectorWidth.FLOAT.vectorBitSize());
        assertEquals(want, Kernels.vector().vectorBitSize());
        if (tile != null) {
            int mr = Integer.parseInt(tile.substring(0, tile.indexOf('x')));
            assertEquals(mr, Kernels.vector().gemmMicroKernel().mr());
            assertEquals(2 * VectorWidth.FLOAT.length(), Kernels.vector().gemmMicroKernel().nr());
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertEquals(128, VectorWidth.choose("128").vectorBitSize());
        assertSame(FloatVector.SPECIES_PREFERRED, VectorWidth.choose(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VectorWidth.choose("100"));
        assertTrue(e.getMessage().contains("expected 128, 256 or 512"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VectorWidth.choose("wide"));
        if (FloatVector.SPECIES_PREFERRED.vectorBitSize() < 512) {
            e = assertThrows(IllegalArgumentException.class, () -> VectorWidth.choose("512"));
            assertTrue(e.getMessage().contains("widest float vector"), e.getMessage());
        }
        assertEquals(8, VectorKernels.tile("8x2").mr());
        assertEquals(6, VectorKernels.tile("6x2").mr());
        e = assertThrows(IllegalArgumentException.class, () -> VectorKernels.tile("4x4"));
        assertTrue(e.getMessage().contains("expected 8x2 or 6x2"), e.getMessage());
    }
}
