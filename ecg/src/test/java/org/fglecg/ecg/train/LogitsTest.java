package org.fglecg.ecg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogitsTest {
    @Test
    void argmaxTakesTheFirstLargestOfTheRow() {
        float[] z = {9f, 1f, 3f, 3f, 2f, 9f};
        assertEquals(1, Logits.argmax(z, 1, 4), "row [1, 3, 3, 2]: the first 3");
        assertEquals(0, Logits.argmax(new float[] {5f, 5f}, 0, 2));
        assertEquals(3, Logits.argmax(z, 2, 4), "row [3, 3, 2, 9]");
    }

    @Test
    void softmaxMatchesItsDefinitionAndNeverOverflows() {
        float[] z = {7f, 0.5f, -1f, 2f, 0f};
        float[] p = new float[4];
        Logits.softmax(z, 1, 4, p);
        double sum = Math.exp(0.5) + Math.exp(-1) + Math.exp(2) + Math.exp(0);
        assertEquals(Math.exp(0.5) / sum, p[0], 1e-7);
        assertEquals(Math.exp(-1) / sum, p[1], 1e-7);
        assertEquals(Math.exp(2) / sum, p[2], 1e-7);
        assertEquals(Math.exp(0) / sum, p[3], 1e-7);
        Logits.softmax(new float[] {1000f, 1000f, -1000f, 999f}, 0, 4, p);
        double e = Math.exp(-1);
        assertEquals(1 / (2 + e), p[0], 1e-7);
        assertEquals(0f, p[2]);
        assertEquals(e / (2 + e), p[3], 1e-7);
    }
}
