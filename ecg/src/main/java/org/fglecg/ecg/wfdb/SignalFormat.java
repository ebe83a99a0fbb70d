package org.fglecg.ecg.wfdb;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The WFDB signal storage formats this library reads and writes (signal(5)). Samples of all
 * signals in one file form a single stream (frame by frame, signal by signal); a format packs
 * that stream into fixed-size groups of bytes, e.g. format 212 packs 2 samples into 3 bytes.
 * A file may end with a partial group (WFDB writes only the bytes a partial group needs).
 */
public enum SignalFormat {
    /** 16-bit two's complement, least significant byte first. */
    F16(16, 1, 2, 16) {
        @Override
        void decode(byte[] b, int off, int groups, int[] dst, int dstOff) {
            for (int g = 0; g < groups; g++, off += 2) {
                dst[dstOff + g] = (short) ((b[off] & 0xFF) | (b[off + 1] << 8));
            }
        }

        @Override
        void encode(int[] src, int srcOff, int groups, byte[] b, int off) {
            for (int g = 0; g < groups; g++, off += 2) {
                int v = src[srcOff + g];
                b[off] = (byte) v;
                b[off + 1] = (byte) (v >> 8);
            }
        }
    },
    /** 16-bit two's complement, most significant byte first. */
    F61(61, 1, 2, 16) {
        @Override
        void decode(byte[] b, int off, int groups, int[] dst, int dstOff) {
            for (int g = 0; g < groups; g++, off += 2) {
                dst[dstOff + g] = (short) ((b[off] << 8) | (b[off + 1] & 0xFF));
            }
        }

        @Override
        void encode(int[] src, int srcOff, int groups, byte[] b, int off) {
            for (int g = 0; g < groups; g++, off += 2) {
                int v = src[srcOff + g];
                b[off] = (byte) (v >> 8);
                b[off + 1] = (byte) v;
            }
        }
    },
    /** 8-bit offset binary: subtract 128 from the unsigned byte. */
    F80(80, 1, 1, 8) {
        @Override
        void decode(byte[] b, int off, int groups, int[] dst, int dstOff) {
            for (int g = 0; g < groups; g++) dst[dstOff + g] = (b[off + g] & 0xFF) - 128;
        }

        @Override
        void encode(int[] src, int srcOff, int groups, byte[] b, int off) {
            for (int g = 0; g < groups; g++) b[off + g] = (byte) (src[srcOff + g] + 128);
        }
    },
    /**
     * Two 12-bit two's complement samples in 3 bytes: sample 0 is the low 12 bits of the
     * little-endian pair (byte 0, byte 1); sample 1 is the high nibble of byte 1 (its top 4 bits)
     * followed by byte 2.
     */
    F212(212, 2, 3, 12) {
        @Override
        void decode(byte[] b, int off, int groups, int[] dst, int dstOff) {
            for (int g = 0; g < groups; g++, off += 3, dstOff += 2) {
                int b0 = b[off] & 0xFF, b1 = b[off + 1] & 0xFF, b2 = b[off + 2] & 0xFF;
                dst[dstOff] = signExtend(((b1 & 0x0F) << 8) | b0, 12);
                dst[dstOff + 1] = signExtend(((b1 & 0xF0) << 4) | b2, 12);
            }
        }

        @Override
        void encode(int[] src, int srcOff, int groups, byte[] b, int off) {
            for (int g = 0; g < groups; g++, off += 3, srcOff += 2) {
                int s0 = src[srcOff] & 0xFFF, s1 = src[srcOff + 1] & 0xFFF;
                b[off] = (byte) s0;
                b[off + 1] = (byte) ((s0 >> 8) | ((s1 >> 4) & 0xF0));
                b[off + 2] = (byte) s1;
            }
        }
    },
    /**
     * Three 10-bit samples in two little-endian 16-bit words: sample 0 in bits 1..10 of word 0,
     * sample 1 in bits 1..10 of word 1 (bit 0 of each word unused), sample 2 from bits 11..15 of
     * word 0 (its low 5 bits) and bits 11..15 of word 1 (its high 5 bits).
     */
    F310(310, 3, 4, 10) {
        @Override
        void decode(byte[] b, int off, int groups, int[] dst, int dstOff) {
            for (int g = 0; g < groups; g++, off += 4, dstOff += 3) {
                int w0 = (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8);
                int w1 = (b[off + 2] & 0xFF) | ((b[off + 3] & 0xFF) << 8);
                dst[dstOff] = signExtend((w0 >> 1) & 0x3FF, 10);
                dst[dstOff + 1] = signExtend((w1 >> 1) & 0x3FF, 10);
                dst[dstOff + 2] = signExtend(((w0 >> 11) & 0x1F) | (((w1 >> 11) & 0x1F) << 5), 10);
            }
        }

        @Override
        void encode(int[] src, int srcOff, int groups, byte[] b, int off) {
            for (int g = 0; g < groups; g++, off += 4, srcOff += 3) {
                int s0 = src[srcOff] & 0x3FF, s1 = src[srcOff + 1] & 0x3FF, s2 = src[srcOff + 2] & 0x3FF;
                int w0 = (s0 << 1) | ((s2 & 0x1F) << 11);
                int w1 = (s1 << 1) | ((s2 >> 5) << 11);
                b[off] = (byte) w0;
                b[off + 1] = (byte) (w0 >> 8);
                b[off + 2] = (byte) w1;
                b[off + 3] = (byte) (w1 >> 8);
            }
        }

        @Override
        long bytesFor(long samples) {
            long rem = samples % 3;
            return samples / 3 * 4 + (rem == 0 ? 0 : rem == 1 ? 2 : 4);
        }
    },
    /**
     * Three 10-bit samples in one little-endian 32-bit word: bits 0..9, 10..19 and 20..29; the
     * top two bits are unused.
     */
    F311(311, 3, 4, 10) {
        @Override
        void decode(byte[] b, int off, int groups, int[] dst, int dstOff) {
            for (int g = 0; g < groups; g++, off += 4, dstOff += 3) {
                int w = (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8) | ((b[off + 2] & 0xFF) << 16)
                        | ((b[off + 3] & 0xFF) << 24);
                dst[dstOff] = signExtend(w & 0x3FF, 10);
                dst[dstOff + 1] = signExtend((w >> 10) & 0x3FF, 10);
                dst[dstOff + 2] = signExtend((w >> 20) & 0x3FF, 10);
            }
        }

        @Override
        void encode(int[] src, int srcOff, int groups, byte[] b, int off) {
            for (int g = 0; g < groups; g++, off += 4, srcOff += 3) {
                int w = (src[srcOff] & 0x3FF) | ((src[srcOff + 1] & 0x3FF) << 10)
                        | ((src[srcOff + 2] & 0x3FF) << 20);
                b[off] = (byte) w;
                b[off + 1] = (byte) (w >> 8);
                b[off + 2] = (byte) (w >> 16);
                b[off + 3] = (byte) (w >> 24);
            }
        }

        @Override
        long bytesFor(long samples) {
            long rem = samples % 3; // a partial word needs the bytes its 10 or 20 bits reach
            return samples / 3 * 4 + (rem == 0 ? 0 : rem == 1 ? 2 : 3);
        }
    };

    private final int code;
    private final int samplesPerGroup;
    private final int bytesPerGroup;
    private final int bits;

    SignalFormat(int code, int samplesPerGroup, int bytesPerGroup, int bits) {
        this.code = code;
        this.samplesPerGroup = samplesPerGroup;
        this.bytesPerGroup = bytesPerGroup;
        this.bits = bits;
    }

    /** Decodes {@code groups} whole groups starting at byte {@code off}. */
    abstract void decode(byte[] src, int off, int groups, int[] dst, int dstOff);

    /** Encodes {@code groups * samplesPerGroup()} samples (each must be in range). */
    abstract void encode(int[] src, int srcOff, int groups, byte[] dst, int dstOff);

    /** The number in the header's format field. */
    public int code() {
        return code;
    }

    public int samplesPerGroup() {
        return samplesPerGroup;
    }

    public int bytesPerGroup() {
        return bytesPerGroup;
    }

    /** Bits per sample; the storable range is [-2^(bits-1), 2^(bits-1) - 1]. */
    public int bits() {
        return bits;
    }

    public int minValue() {
        return -(1 << (bits - 1));
    }

    public int maxValue() {
        return (1 << (bits - 1)) - 1;
    }

    /** Bytes a stream of {@code samples} samples occupies, the last group possibly partial. */
    long bytesFor(long samples) {
        return (samples * bits + 7) / 8;
    }

    /** Bytes of the whole groups that hold {@code samples} samples. */
    long paddedBytesFor(long samples) {
        return (samples + samplesPerGroup - 1) / samplesPerGroup * bytesPerGroup;
    }

    /** The format with this header code, or {@code null} when it is not supported. */
    public static SignalFormat ofCode(int code) {
        for (SignalFormat f : values()) if (f.code == code) return f;
        return null;
    }

    /** The supported codes, for error messages: {@code "16, 61, 80, 212, 310, 311"}. */
    public static String supportedCodes() {
        return Arrays.stream(values()).map(f -> Integer.toString(f.code)).collect(Collectors.joining(", "));
    }

    static int signExtend(int v, int bits) {
        int shift = 32 - bits;
        return (v << shift) >> shift;
    }
}
