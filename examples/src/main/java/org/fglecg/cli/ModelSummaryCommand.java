package org.fglecg.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.fglecg.ecg.train.Role;
import org.fglecg.nn.FglNet;
import org.fglecg.nn.FlopCount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fgl model summary}: parameter count and analytic forward FLOPs per beat. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Parameter count and analytic forward FLOPs per beat of the student or teacher.")
public final class ModelSummaryCommand implements Callable<Integer> {

    @Option(names = "--role", required = true, converter = Converters.RoleConverter.class, description = "student or teacher")
    Role role;

    @Option(names = "--length", description = "teacher window length in samples (default 450, T_asym_360)")
    Integer length;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
        FglNet.Config c = role == Role.STUDENT ? FglNet.student() : FglNet.teacher(length == null ? 450 : length);
        if (role == Role.STUDENT && length != null && length != 180) {
            throw new IllegalArgumentException("--length applies to the teacher; the student window is 180");
        }
        long params = new FglNet(c, 0).parameterCount();
        long flops = FlopCount.forwardFlops(c);
        if (json) {
            System.out.printf(Locale.ROOT, "{\"role\":\"%s\",\"length\":%d,\"d_model\":%d,\"heads\":%d,\"layers\":%d,"
                            + "\"parameters\":%d,\"forward_flops_per_beat\":%d}%n",
                    role, c.length(), c.dModel(), c.heads(), c.layers(), params, flops);
            return 0;
        }
        System.out.printf(Locale.ROOT, "%s: L %d, d_model %d, heads %d, layers %d%n", role, c.length(), c.dModel(), c.heads(), c.layers());
        System.out.printf(Locale.ROOT, "parameters: %,d%n", params);
        System.out.printf(Locale.ROOT, "forward FLOPs per beat: %,d (%.1f MFLOP)%n", flops, flops / 1e6);
        System.out.println();
        System.out.printf(Locale.ROOT, "%-44s %14s%n", "layer", "MACs");
        for (FlopCount.Row r : FlopCount.rows(c)) System.out.printf(Locale.ROOT, "%-44s %,14d%n", r.layer(), r.macs());
        return 0;
    }
}
