package org.fglecg.cli;

import java.util.function.Function;
import org.fglecg.ecg.data.SplitKind;
import org.fglecg.ecg.data.WindowSpec;
import org.fglecg.ecg.train.Role;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli converters for the typed settings: a bad value is a usage error (exit 2) whose message
 * lists the valid values, e.g. {@code Invalid value for option '--role': unknown role 'nurse'
 * (valid: teacher, student)}.
 */
final class Converters {
    private Converters() {}

    static final class RoleConverter implements ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            return Converters.convert(value, Role::of);
        }
    }

    static final class SplitConverter implements ITypeConverter<SplitKind> {
        @Override
        public SplitKind convert(String value) {
            return Converters.convert(value, SplitKind::of);
        }
    }

    static final class WindowConverter implements ITypeConverter<WindowSpec> {
        @Override
        public WindowSpec convert(String value) {
            return Converters.convert(value, WindowSpec::byName);
        }
    }

    private static <T> T convert(String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
