package org.fglecg.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The analytic counts equal the reference's (shared/anchors: 63.4 / 213.8 MFLOP per beat). */
class FlopCountTest {
    @Test
    void matchesTheAnchors() {
        assertEquals(63.4, FlopCount.forwardFlops(FglNet.student()) / 1e6, 0.05);
        assertEquals(213.8, FlopCount.forwardFlops(FglNet.teacher(450)) / 1e6, 0.05);
    }
}
