package org.fglecg.nn;

import org.fglecg.tensor.NoGrad;
import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;

/**
 * The FGL-ECG backbone (FGL-SPEC section 4), the same function and state_dict as
 * {@code shared/anchors/pytorch/fgl_model.py}'s FGLNet:
 * <ol>
 *   <li>three Conv1d(1 -> 32, k 5/9/11, pad 2/4/5) + BN + ReLU branches, concatenated to 96
 *       channels, MaxPool1d(2, 2, pad 1) -> T = L/2 + 1;
 *   <li>Conv1d(96 -> 128, k 1) + BN + ReLU;
 *   <li>three {@link SEBlock}s (128 channels, reduction 4);
 *   <li>per-step Linear(128 -> d_model) + learned positional embedding {@code pos [1, T, d]},
 *       post-norm Transformer encoder (ReLU feed-forward 4 d_model, dropout);
 *   <li>mean over time, Dropout, Linear(d_model -> classes).
 * </ol>
 * Input {@code [batch, 1, length]}, output logits {@code [batch, classes]}.
 */
public final class FglNet extends Module {

    /** Hyper-parameters; {@link #student()} and {@link #teacher(int)} are the spec's two. */
    public record Config(int length, int dModel, int heads, int layers, float dropout, int numClasses) {
        public int seqLen() {
            return length / 2 + 1;
        }

        public Config withDropout(float p) {
            return new Config(length, dModel, heads, layers, p, numClasses);
        }
    }

    /** Student: narrow window L 180, d_model 25, 5 heads. */
    public static Config student() {
        return new Config(180, 25, 5, 3, 0.1f, 4);
    }

    /** Teacher for a window of {@code length} samples (450 for T_asym_360): d_model 50, 10 heads. */
    public static Config teacher(int length) {
        return new Config(length, 50, 10, 3, 0.1f, 4);
    }

    /** Channels of each convolution branch, and of the projection and the SE blocks (the spec's). */
    static final int BRANCH_CHANNELS = 32, CHANNELS = 128;

    public final Config config;
    final Tensor pos;
    final ModuleList branches;
    final MaxPool1d pool;
    final Sequential proj, blocks;
    final Linear embed;
    final TransformerEncoder encoder;
    final Dropout drop;
    final Linear head;
    /** An inference copy: its convolutions carry the batch norms' scale and shift. */
    private boolean folded;

    /** A freshly initialised network (PyTorch's default initialisations, see {@link Init}) from one seed. */
    public FglNet(Config config, long seed) {
        this.config = config;
        Rng rng = new Rng(seed);
        int t = config.seqLen(), d = config.dModel();
        pos = registerParameter("pos", Init.normal(rng, 0.02, 1, t, d));
        int[][] kp = {{5, 2}, {9, 4}, {11, 5}};
        Module[] br = new Module[3];
        for (int i = 0; i < 3; i++) {
            br[i] = new Sequential(new Conv1d(1, BRANCH_CHANNELS, kp[i][0], 1, kp[i][1], rng),
                    new BatchNorm1d(BRANCH_CHANNELS), new ReLU());
        }
        branches = registerModule("branches", new ModuleList(br));
        pool = registerModule("pool", new MaxPool1d(2, 2, 1));
        proj = registerModule("proj", new Sequential(new Conv1d(3 * BRANCH_CHANNELS, CHANNELS, 1, rng),
                new BatchNorm1d(CHANNELS), new ReLU()));
        blocks = registerModule("blocks", new Sequential(new SEBlock(CHANNELS, 4, rng), new SEBlock(CHANNELS, 4, rng),
                new SEBlock(CHANNELS, 4, rng)));
        embed = registerModule("embed", new Linear(CHANNELS, d, rng));
        encoder = registerModule("encoder", new TransformerEncoder(config.layers(), d, config.heads(), 4 * d,
                config.dropout(), rng));
        drop = registerModule("drop", new Dropout(config.dropout(), rng.split()));
        head = registerModule("head", new Linear(d, config.numClasses(), rng));
    }

    /**
     * An inference copy (architecture: "inference mode is its own path"): same weights, eval
     * mode, every BatchNorm folded into the convolution before it. Use {@link #predict}.
     */
    public FglNet inferenceCopy() {
        if (folded) throw new IllegalStateException("FglNet.inferenceCopy: this network is already an inference copy"
                + " (BatchNorm folded); folding it again would scale its convolutions twice");
        FglNet copy = new FglNet(config, 0);
        copy.loadStateDict(stateDict());
        copy.eval();
        BatchNorm1d.foldAll(copy);
        copy.folded = true;
        return copy;
    }

    /** Logits without recording a graph (eval or inference copy). */
    public Tensor predict(Tensor x) {
        try (NoGrad g = NoGrad.enter()) {
            return forward(x);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() != 3 || x.size(1) != 1 || x.size(2) != config.length()) {
            throw new IllegalArgumentException("FglNet: input shape " + java.util.Arrays.toString(x.shape())
                    + ", expected [batch, 1, " + config.length() + "]");
        }
        Tensor h = Tensor.cat(1, branches.get(0).forward(x), branches.get(1).forward(x), branches.get(2).forward(x));
        h = blocks.forward(proj.forward(pool.forward(h)));              // [B, 128, T]
        h = embed.forward(h.transpose(1, 2)).add(pos);                   // [B, T, d]
        h = encoder.forward(h).mean(1, false);                           // [B, d]
        return head.forward(drop.forward(h));                            // [B, classes]
    }
}
