package org.fglecg.ecg.train;

import java.util.Arrays;
import java.util.Locale;
import org.fglecg.ecg.data.WindowSpec;

/**
 * What a run trains: the wide-window teacher or the narrow-window student (FGL-SPEC section 4).
 * {@link #toString()} is the name {@code config.json} and the command line use.
 */
public enum Role {
    TEACHER(WindowSpec.T_ASYM_360),
    STUDENT(WindowSpec.STUDENT);

    private final WindowSpec defaultWindow;

    Role(WindowSpec defaultWindow) {
        this.defaultWindow = defaultWindow;
    }

    /** The window a run of this role uses unless told otherwise: the paper's best teacher window, or the student's. */
    public WindowSpec defaultWindow() {
        return defaultWindow;
    }

    /** {@code "teacher"} or {@code "student"}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code name} (case-insensitive); the message of a bad name lists the valid ones. */
    public static Role of(String name) {
        for (Role r : values()) if (r.toString().equalsIgnoreCase(name)) return r;
        throw new IllegalArgumentException("unknown role '" + name + "' (valid: " + names() + ")");
    }

    /** "teacher, student". */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Role::toString).toList());
    }
}
