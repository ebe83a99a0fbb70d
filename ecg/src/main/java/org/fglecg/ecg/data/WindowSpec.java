package org.fglecg.ecg.data;

import java.util.List;

/**
 * A beat window (FGL-SPEC section 3): for a beat with R-peak at sample t, the samples
 * {@code [t - left, t + right)}. The student's narrow window and the six teacher windows are
 * constants; {@link #byName(String)} finds them by the names the paper's tables use.
 *
 * @param name  e.g. {@code "student"}, {@code "T_asym_360"}
 * @param left  samples before the R peak
 * @param right samples from the R peak on (the R peak included)
 */
public record WindowSpec(String name, int left, int right) {
    public static final WindowSpec STUDENT = new WindowSpec("student", 90, 90);
    public static final WindowSpec T_SYM_180 = new WindowSpec("T_sym_180", 180, 180);
    public static final WindowSpec T_SYM_270 = new WindowSpec("T_sym_270", 270, 270);
    public static final WindowSpec T_SYM_360 = new WindowSpec("T_sym_360", 360, 360);
    public static final WindowSpec T_ASYM_180 = new WindowSpec("T_asym_180", 90, 180);
    public static final WindowSpec T_ASYM_270 = new WindowSpec("T_asym_270", 90, 270);
    /** The paper's best teacher window. */
    public static final WindowSpec T_ASYM_360 = new WindowSpec("T_asym_360", 90, 360);

    /** The six teacher windows, in the paper's table order. */
    public static final List<WindowSpec> TEACHERS = List.of(T_SYM_180, T_SYM_270, T_SYM_360, T_ASYM_180, T_ASYM_270, T_ASYM_360);
    /** The student window and the six teacher windows. */
    public static final List<WindowSpec> ALL = List.of(STUDENT, T_SYM_180, T_SYM_270, T_SYM_360, T_ASYM_180, T_ASYM_270, T_ASYM_360);

    public WindowSpec {
        if (left < 0 || right < 1) throw new IllegalArgumentException("window " + name + ": need left >= 0 and right >= 1, got " + left + ", " + right);
    }

    /** Window length {@code left + right}. */
    public int length() {
        return left + right;
    }

    /** Whether {@code inner} lies within this window (both centred on the same R peak). */
    public boolean contains(WindowSpec inner) {
        return inner.left <= left && inner.right <= right;
    }

    /** The named window (case-insensitive), e.g. {@code "T_asym_360"} or {@code "student"}. */
    public static WindowSpec byName(String name) {
        for (WindowSpec w : ALL) if (w.name.equalsIgnoreCase(name)) return w;
        throw new IllegalArgumentException("unknown window '" + name + "' (known: "
                + ALL.stream().map(WindowSpec::name).toList() + ")");
    }
}
