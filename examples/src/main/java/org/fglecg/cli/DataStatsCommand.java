package org.fglecg.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fglecg.ecg.data.AamiClass;
import org.fglecg.ecg.data.BeatDataset;
import org.fglecg.ecg.data.BeatIndex;
import org.fglecg.ecg.data.ClassCounts;
import org.fglecg.ecg.data.EcgRecord;
import org.fglecg.ecg.data.MitBih;
import org.fglecg.ecg.data.Split;
import org.fglecg.ecg.data.Splits;
import org.fglecg.ecg.data.WindowSpec;
import org.fglecg.ecg.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fgl data stats}: AAMI class counts per record, in total, for DS1 and DS2, and per split. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Beat counts by AAMI class (N, S, V, F) per record, for all 44 records, DS1, DS2 and the splits.")
public final class DataStatsCommand implements Callable<Integer> {
    @Mixin
    DataOptions options;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--seed", description = "Seed of the intra-patient split (default: ${DEFAULT-VALUE}).")
    long seed = TrainConfig.DEFAULT_SEED;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        MitBih db = options.load(MitBih.RECORDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
        BeatIndex beats = db.beats();
        ClassCounts all = beats.classCounts();
        ClassCounts ds1 = beats.classCounts(beats.ofRecords(MitBih.DS1));
        ClassCounts ds2 = beats.classCounts(beats.ofRecords(MitBih.DS2));
        List<Split> splits = List.of(Splits.intraPatient(beats, seed), Splits.interPatient(beats));
        WindowSpec widest = WindowSpec.T_SYM_360;
        long held = db.bytes();
        long materialised = BeatDataset.materialisedBytes(beats, widest);
        PrintStream out = System.out;
        if (json) {
            out.println(json(db, all, ds1, ds2, splits, held, materialised));
            return 0;
        }
        out.printf(Locale.ROOT, "MIT-BIH Arrhythmia Database: %s (%d records; paced %s excluded)%n",
                options.data(), db.records().size(), String.join(", ", MitBih.PACED));
        out.printf(Locale.ROOT, "%-8s%-5s%9s%8s%8s%8s%10s%n", "record", "set", "N", "S", "V", "F", "total");
        for (EcgRecord r : db.records()) {
            String set = MitBih.DS1.contains(r.name()) ? "DS1" : MitBih.DS2.contains(r.name()) ? "DS2" : "-";
            row(out, r.name(), set, r.classCounts());
        }
        row(out, "all 44", "", all);
        row(out, "DS1", "", ds1);
        row(out, "DS2", "", ds2);
        out.println();
        out.printf(Locale.ROOT, "all 44: %s (%,d beats)%n", all, all.total());
        out.printf(Locale.ROOT, "DS1:    %s (%,d beats)%n", ds1, ds1.total());
        out.printf(Locale.ROOT, "DS2:    %s (%,d beats)%n", ds2, ds2.total());
        out.println();
        for (Split s : splits) out.println(s.describe(beats));
        out.println();
        out.printf(Locale.ROOT, "memory: %.1f MB held (preprocessed signals as float32 + beat index); windows are cut on demand%n", held / 1e6);
        out.printf(Locale.ROOT, "        storing every beat's widest window (%s, %d samples) would take %.1f MB per stream%n",
                widest.name(), widest.length(), materialised / 1e6);
        // CPU time as well as wall time: on a shared machine the wall time measures the neighbours.
        out.printf(Locale.ROOT, "loaded in %.2f s wall, %.2f s CPU (cache: %s)%n", seconds, cpuSeconds,
                options.cacheDir() == null ? "off" : options.cacheDir());
        return 0;
    }

    /** CPU time of the whole process (JIT and GC threads included), or 0 when unavailable. */
    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static void row(PrintStream out, String name, String set, ClassCounts c) {
        out.printf(Locale.ROOT, "%-8s%-5s%,9d%,8d%,8d%,8d%,10d%n", name, set,
                c.get(AamiClass.N), c.get(AamiClass.S), c.get(AamiClass.V), c.get(AamiClass.F), c.total());
    }

    private static String counts(ClassCounts c) {
        return String.format(Locale.ROOT, "{\"N\": %d, \"S\": %d, \"V\": %d, \"F\": %d, \"total\": %d}",
                c.get(AamiClass.N), c.get(AamiClass.S), c.get(AamiClass.V), c.get(AamiClass.F), c.total());
    }

    private static String json(MitBih db, ClassCounts all, ClassCounts ds1, ClassCounts ds2, List<Split> splits,
                               long held, long materialised) {
        List<String> recs = new ArrayList<>();
        for (EcgRecord r : db.records()) {
            String set = MitBih.DS1.contains(r.name()) ? "DS1" : "DS2";
            recs.add("    {\"record\": \"" + r.name() + "\", \"set\": \"" + set + "\", \"counts\": " + counts(r.classCounts()) + "}");
        }
        List<String> sp = new ArrayList<>();
        BeatIndex b = db.beats();
        for (Split s : splits) {
            sp.add("    {\"name\": \"" + s.name().replace("\"", "'") + "\", \"train\": " + counts(b.classCounts(s.train()))
                    + ", \"val\": " + counts(b.classCounts(s.val())) + ", \"test\": " + counts(b.classCounts(s.test())) + "}");
        }
        return "{\n  \"records\": [\n" + String.join(",\n", recs) + "\n  ],\n"
                + "  \"all\": " + counts(all) + ",\n  \"DS1\": " + counts(ds1) + ",\n  \"DS2\": " + counts(ds2) + ",\n"
                + "  \"splits\": [\n" + String.join(",\n", sp) + "\n  ],\n"
                + "  \"memory_bytes\": {\"held\": " + held + ", \"widest_window_materialised\": " + materialised + "}\n}";
    }
}
