package org.fglecg.tensor.kernel;

import java.lang.management.ManagementFactory;

/**
 * Chooses the {@link Kernels} implementation once, modelled on Apache Lucene's
 * {@code VectorizationProvider}: the Vector API kernels are used only when the incubator module
 * is in the boot layer, C2 is on (the interpreter and C1 run the Vector API orders of magnitude
 * slower than scalar code) and the preferred species is at least 128 bits. System property
 * {@code fglecg.kernels=auto|vector|scalar} overrides. One log line says what was chosen.
 *
 * <p>The vector class is loaded by name, so on the scalar path no class that mentions
 * {@code jdk.incubator.vector} is ever loaded (the module may be absent).
 */
final class KernelsProvider {
    static final String PROPERTY = "fglecg.kernels";
    private static final String MODULE = "jdk.incubator.vector";
    private static final String VECTOR_CLASS = "org.fglecg.tensor.simd.VectorKernels";
    private static final String MODULE_FLAG = "--add-modules " + MODULE;
    private static final System.Logger LOG = System.getLogger(Kernels.class.getName());

    static final Kernels CHOSEN = choose();

    private KernelsProvider() {}

    private static Kernels choose() {
        String mode = System.getProperty(PROPERTY, "auto").trim().toLowerCase(java.util.Locale.ROOT);
        switch (mode) {
            case "scalar":
                return logged(Kernels.scalar(), "forced by -D" + PROPERTY + "=scalar");
            case "vector":
                Kernels forced = vector();
                return logged(forced, "forced by -D" + PROPERTY + "=vector, " + describe(forced));
            case "auto":
                break;
            default:
                throw new IllegalArgumentException(
                        "-D" + PROPERTY + "=" + mode + ": expected auto, vector or scalar");
        }
        if (!modulePresent()) {
            return logged(Kernels.scalar(), "module " + MODULE + " not present; add " + MODULE_FLAG
                    + " to the java command for the Vector API kernels");
        }
        String c2Off = whyC2IsOff();
        if (c2Off != null) {
            return logged(Kernels.scalar(), "C2 is off (" + c2Off + "); remove that flag for the"
                    + " Vector API kernels");
        }
        Kernels v = vector();
        int bits = v.vectorBitSize();
        if (bits < 128) {
            return logged(Kernels.scalar(), "preferred vector species is only " + bits
                    + " bits; no flag helps on this CPU");
        }
        return logged(v, describe(v));
    }

    /** The Vector API implementation, loaded reflectively; throws if the module is absent. */
    static Kernels vector() {
        try {
            return VectorHolder.INSTANCE;
        } catch (ExceptionInInitializerError e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    private static final class VectorHolder {
        static final Kernels INSTANCE = load();

        private static Kernels load() {
            if (!modulePresent()) {
                throw new IllegalStateException("Vector API kernels need module " + MODULE
                        + ": add " + MODULE_FLAG + " to the java command");
            }
            try {
                return (Kernels) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot load " + VECTOR_CLASS, e);
            } catch (ExceptionInInitializerError e) {
                // A bad -Dfglecg.vector.bits or -Dfglecg.gemm.tile: say which, not where.
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new IllegalArgumentException(cause.getMessage(), cause);
            }
        }
    }

    private static boolean modulePresent() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    private static String describe(Kernels v) {
        GemmMicroKernel tile = v.gemmMicroKernel();
        String forced = System.getProperty("fglecg.vector.bits");
        return "FloatVector " + v.vectorBitSize() + "-bit" + (forced != null ? " forced by -Dfglecg.vector.bits" : "")
                + ", GEMM tile " + tile.mr() + "x" + tile.nr();
    }

    /** Null when C2 compiles hot code, else the flag that disables it. */
    private static String whyC2IsOff() {
        String info = System.getProperty("java.vm.info", "");
        if (info.contains("interpreted mode")) return "-Xint";
        try {
            com.sun.management.HotSpotDiagnosticMXBean vm =
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (vm == null) return null;
            if (!Boolean.parseBoolean(vm.getVMOption("UseCompiler").getValue())) return "-Xint";
            if (Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue())
                    && Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue()) < 4) {
                return "-XX:TieredStopAtLevel=" + vm.getVMOption("TieredStopAtLevel").getValue();
            }
        } catch (RuntimeException | LinkageError e) {
            // Not HotSpot, or jdk.management missing: assume an optimising JIT.
        }
        return null;
    }

    private static Kernels logged(Kernels k, String why) {
        LOG.log(System.Logger.Level.INFO, "fgl-ecg kernels: " + k.name() + " (" + why + ")");
        return k;
    }
}
