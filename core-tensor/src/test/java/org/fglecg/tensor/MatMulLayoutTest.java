package org.fglecg.tensor;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Which operand layouts go to sgemm as they are (no copy), and with which flag. */
class MatMulLayoutTest {
    private static MatMul.Layout layout(Tensor t) {
        int r = t.dim();
        return MatMul.Layout.of(t.size(-2), t.size(-1), t.strides()[r - 2], t.strides()[r - 1]);
    }

    @Test
    void rowMajorIsReadAsIs() {
        MatMul.Layout l = layout(Tensor.zeros(4, 6));
        assertFalse(l.trans);
        assertEquals(6, l.ld);
    }

    @Test
    void transposeOfRowMajorIsAFlagNotACopy() {
        MatMul.Layout l = layout(Tensor.zeros(6, 4).transpose(0, 1));
        assertTrue(l.trans);
        assertEquals(4, l.ld);
    }

    @Test
    void columnSliceKeepsTheParentRowStride() {
        // q = qkv[..., 0:25] of a [T, 75] matrix: rows 75 apart, read in place with ld 75
        MatMul.Layout l = layout(Tensor.zeros(91, 75).narrow(1, 0, 25));
        assertFalse(l.trans);
        assertEquals(75, l.ld);
        MatMul.Layout k = layout(Tensor.zeros(91, 75).narrow(1, 25, 25).transpose(0, 1));
        assertTrue(k.trans);
        assertEquals(75, k.ld);
    }

    @Test
    void expandedRowsMustBeCopied() {
        assertNull(layout(Tensor.zeros(1, 6).expand(4, 6)));
        assertNull(layout(Tensor.zeros(4, 1).expand(4, 6)));
    }
}
