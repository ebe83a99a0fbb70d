package org.fglecg.ecg.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.fglecg.ecg.MitDb;
import org.junit.jupiter.api.Test;

class BeatDatasetTest {

    @Provide
    Arbitrary<WindowSpec> teachers() {
        return Arbitraries.of(WindowSpec.TEACHERS);
    }

    /** x_S is the sub-window of x_T at offset teacher.left - student.left, on real beats. */
    @Property(tries = 100)
    void studentIsSubWindowOfTeacher(@ForAll("teachers") WindowSpec teacher,
                                     @ForAll @IntRange(min = 0, max = 100_717) int beat) {
        BeatDataset ds = new BeatDataset(MitDb.database().beats(), WindowSpec.STUDENT, teacher);
        float[] xs = new float[WindowSpec.STUDENT.length()];
        float[] xt = new float[teacher.length()];
        int[] y = new int[1];
        ds.fillBatch(new int[] {beat}, 0, 1, xs, xt, y);
        int off = ds.studentOffsetInTeacher();
        assertArrayEquals(Arrays.copyOfRange(xt, off, off + xs.length), xs);
        assertEquals(ds.label(beat), y[0]);
    }

    /** Windows at the record's edges repeat its first or last sample. */
    @Test
    void edgesAreReplicated() {
        float[] x = new float[1000];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        EcgRecord rec = new EcgRecord("syn", 360, x, new int[] {3, 500, 998}, new byte[] {0, 1, 2});
        BeatDataset ds = new BeatDataset(new BeatIndex(List.of(rec)), WindowSpec.STUDENT, WindowSpec.T_SYM_360);
        float[] w = new float[720];
        ds.fillWindow(WindowSpec.T_SYM_360, 0, w, 0);        // [3-360, 3+360): 357 copies of x[0]
        for (int i = 0; i < 357; i++) assertEquals(1f, w[i]);
        for (int i = 357; i < 720; i++) assertEquals(i - 357 + 1, w[i]);
        ds.fillWindow(WindowSpec.T_SYM_360, 2, w, 0);        // [638, 1358): 358 copies of x[999]
        for (int i = 0; i < 362; i++) assertEquals(638 + i + 1, w[i]);
        for (int i = 362; i < 720; i++) assertEquals(1000f, w[i]);
        ds.fillWindow(WindowSpec.T_SYM_360, 1, w, 0);        // fully inside
        for (int i = 0; i < 720; i++) assertEquals(140 + i + 1, w[i]);
    }

    @Test
    void windowLongerThanRecordIsAllPadding() {
        float[] x = {5, 6, 7};
        EcgRecord rec = new EcgRecord("tiny", 360, x, new int[] {1}, new byte[] {3});
        BeatDataset ds = new BeatDataset(new BeatIndex(List.of(rec)), WindowSpec.STUDENT, WindowSpec.T_ASYM_360);
        float[] w = new float[450];
        ds.fillWindow(WindowSpec.T_ASYM_360, 0, w, 0);       // [-89, 361)
        for (int i = 0; i < 89; i++) assertEquals(5f, w[i]);
        assertEquals(5f, w[89]);
        assertEquals(6f, w[90]);
        assertEquals(7f, w[91]);
        for (int i = 92; i < 450; i++) assertEquals(7f, w[i]);
    }

    @Test
    void batchLayoutIsBatchThenLength() {
        BeatDataset ds = new BeatDataset(MitDb.database().beats(), WindowSpec.STUDENT, WindowSpec.T_ASYM_360);
        int[] idx = {10, 20000, 5};
        float[] xs = new float[3 * 180];
        float[] xt = new float[3 * 450];
        int[] y = new int[3];
        ds.fillBatch(idx, 0, 3, xs, xt, y);
        float[] one = new float[450];
        for (int b = 0; b < 3; b++) {
            ds.fillWindow(WindowSpec.T_ASYM_360, idx[b], one, 0);
            assertArrayEquals(one, Arrays.copyOfRange(xt, b * 450, (b + 1) * 450));
        }
    }

    @Test
    void studentMustLieInsideTeacher() {
        assertThrows(IllegalArgumentException.class,
                () -> new BeatDataset(MitDb.database().beats(), WindowSpec.T_SYM_180, WindowSpec.T_ASYM_360));
    }

    @Test
    void windowsByName() {
        assertEquals(new WindowSpec("T_asym_360", 90, 360), WindowSpec.byName("T_asym_360"));
        assertEquals(450, WindowSpec.byName("t_asym_360").length());
        assertEquals(7, WindowSpec.ALL.size());
        for (WindowSpec t : WindowSpec.TEACHERS) assertEquals(true, t.contains(WindowSpec.STUDENT));
        assertThrows(IllegalArgumentException.class, () -> WindowSpec.byName("T_sym_999"));
    }
}
