package org.fglecg.ecg.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SubsetsTest {
    @Test
    void keepsClassSharesAndRareClasses() {
        int[] labels = new int[1000];
        for (int i = 0; i < 1000; i++) labels[i] = i < 900 ? 0 : i < 990 ? 1 : i < 999 ? 2 : 3;
        int[] all = new int[1000];
        Arrays.setAll(all, i -> i);
        int[] sub = Subsets.stratified(all, labels, 4, 100, 7);
        int[] counts = new int[4];
        for (int b : sub) counts[labels[b]]++;
        assertArrayEquals(new int[] {90, 9, 1, 1}, counts);
        assertArrayEquals(sub, Subsets.stratified(all, labels, 4, 100, 7), "same seed, same subset");
        assertFalse(Arrays.equals(sub, Subsets.stratified(all, labels, 4, 100, 8)));
        assertEquals(sub.length, Arrays.stream(sub).distinct().count());
        assertArrayEquals(all, Subsets.stratified(all, labels, 4, 0, 7));
    }

    @Test
    void derivedSeedsDiffer() {
        assertNotEquals(Subsets.derive(1, 0, 1), Subsets.derive(1, 0, 2));
        assertNotEquals(Subsets.derive(1, 0, 1), Subsets.derive(1, 1, 1));
        assertNotEquals(Subsets.derive(1, 0, 1), Subsets.derive(2, 0, 1));
        assertEquals(Subsets.derive(5, 3, 9), Subsets.derive(5, 3, 9));
    }
}
