package org.fglecg.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.fglecg.nn.io.SafeTensors;
import org.fglecg.nn.io.StoredTensor;
import org.fglecg.nn.loss.Losses;
import org.fglecg.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * FglNet against PyTorch (tools/nn_fixtures.py): the same fixed weights and batch of 4 give the
 * same eval and train logits, loss, every parameter's gradient and BatchNorm buffers, within
 * 1e-4 relative (to the tensor's largest magnitude).
 */
class FglNetParityTest {
    static final double TOL = 1e-4;

    static Map<String, StoredTensor> fixture(String role) throws IOException, URISyntaxException {
        return SafeTensors.read(Path.of(FglNetParityTest.class.getResource("/fixtures/" + role + ".safetensors").toURI()));
    }

    static Tensor tensor(StoredTensor s) {
        return Tensor.fromArray(s.toFloats().clone(), s.shape());
    }

    static void assertClose(String what, StoredTensor expected, Tensor actual) {
        assertClose(what, expected, actual, 1e-6);
    }

    /** Relative to max(largest |expected|, floor). */
    static void assertClose(String what, StoredTensor expected, Tensor actual, double floor) {
        float[] e = expected.toFloats(), a = actual.contiguous().toArray();
        assertEquals(e.length, a.length, what + ": size");
        double scale = floor, worst = 0;
        for (float v : e) scale = Math.max(scale, Math.abs(v));
        int at = -1;
        for (int i = 0; i < e.length; i++) {
            double d = Math.abs(e[i] - a[i]) / scale;
            if (d > worst) { worst = d; at = i; }
        }
        if (System.getenv("PARITY_REPORT") != null) { System.out.printf("%-60s %.2e%n", what, worst); return; }
        assertTrue(worst <= TOL, what + ": relative error " + worst + " at " + at
                + (at >= 0 ? " (expected " + e[at] + ", got " + a[at] + ")" : ""));
    }

    @Test
    void teacherMatchesPyTorch() throws Exception {
        check("teacher", FglNet.teacher(450));
    }

    @Test
    void studentMatchesPyTorch() throws Exception {
        check("student", FglNet.student());
    }

    private void check(String role, FglNet.Config config) throws Exception {
        Map<String, StoredTensor> f = fixture(role);
        FglNet net = new FglNet(config.withDropout(0f), 1);
        FixtureWeights.loadInto(net);
        Tensor x = tensor(f.get("input"));
        long[] y = f.get("labels").longs();
        int[] labels = new int[y.length];
        for (int i = 0; i < y.length; i++) labels[i] = (int) y[i];
        float[] w = f.get("class_weights").floats();

        net.eval();
        assertClose(role + " logits_eval", f.get("logits_eval"), net.forward(x));
        net.train();
        Tensor z = net.forward(x);
        assertClose(role + " logits_train", f.get("logits_train"), z);
        Tensor loss = role.equals("teacher")
                ? Losses.crossEntropy(z, labels, w)
                : Losses.fgl(z, tensor(f.get("teacher_logits")), labels, w, 0.5f, 4f);
        assertClose(role + " loss", f.get("loss"), loss);
        if (role.equals("student")) {
            assertClose("student CB-CE part", f.get("loss_ce"), Losses.crossEntropy(z.detach(), labels, w));
            assertClose("student KL part", f.get("loss_kl"),
                    Losses.klDivergence(z.detach(), tensor(f.get("teacher_logits")), 4f));
        }
        loss.backward();
        // A conv bias followed by train-mode BatchNorm has gradient exactly 0 (BN removes the
        // mean); float32 leaves ~1e-10 there. So gradients are compared relative to at least
        // 1e-3 of the largest gradient of the model.
        double gradScale = 0;
        for (String k : net.namedParameters().keySet()) {
            for (float v : f.get("grad." + k).floats()) gradScale = Math.max(gradScale, Math.abs(v));
        }
        for (Map.Entry<String, Tensor> p : net.namedParameters().entrySet()) {
            assertClose(role + " grad." + p.getKey(), f.get("grad." + p.getKey()), p.getValue().grad(), 1e-3 * gradScale);
        }
        for (Map.Entry<String, Tensor> b : net.stateDict().entrySet()) {
            StoredTensor after = f.get("after." + b.getKey());
            if (after != null) assertClose(role + " after." + b.getKey(), after, b.getValue());
        }
    }

    @Test
    void inferenceCopyWithFoldedBatchNormMatchesPyTorchEval() throws Exception {
        for (String role : new String[] {"student", "teacher"}) {
            Map<String, StoredTensor> f = fixture(role);
            FglNet net = new FglNet(role.equals("student") ? FglNet.student() : FglNet.teacher(450), 1);
            FixtureWeights.loadInto(net);
            assertClose(role + " folded logits_eval", f.get("logits_eval"), net.inferenceCopy().predict(tensor(f.get("input"))));
        }
    }

    @Test
    void parameterCountsMatchTheReference() {
        assertEquals(365_111, new FglNet(FglNet.student(), 1).parameterCount());
        assertEquals(445_936, new FglNet(FglNet.teacher(450), 1).parameterCount());
    }
}
