package org.fglecg.ecg.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The two evaluation protocols of FGL-SPEC section 6.
 *
 * <ul>
 *   <li>{@link #intraPatient}: all beats, stratified by class, shuffled with a seed and cut
 *       80 / 10 / 10 (per class: train = round(0.8 n), val = round(0.1 n), test = the rest).
 *       The shuffle is {@link SplittableRandom} (a specified algorithm), so a seed gives the
 *       same split on every JDK.</li>
 *   <li>{@link #interPatient}: train on DS1 minus a few validation records, validate on those
 *       records, test on DS2: no record contributes beats to two splits.</li>
 * </ul>
 */
public final class Splits {
    private Splits() {}

    /**
     * DS1 records held out for validation in the inter-patient protocol: 124, 201 and 223 hold
     * beats of all four classes (N 5,216 · S 232 · V 718 · F 21) and leave most of each class
     * (record 208's 373 F beats among them) for training.
     */
    public static final List<String> DEFAULT_VALIDATION_RECORDS = List.of("124", "201", "223");

    /** The paper's protocol: stratified 80 / 10 / 10 with a seed. */
    public static Split intraPatient(BeatIndex beats, long seed) {
        return intraPatient(beats, seed, 0.8, 0.1);
    }

    /** Stratified random split with the given train and validation fractions; the rest is test. */
    public static Split intraPatient(BeatIndex beats, long seed, double trainFraction, double valFraction) {
        if (trainFraction < 0 || valFraction < 0 || trainFraction + valFraction > 1) {
            throw new IllegalArgumentException("fractions train " + trainFraction + ", val " + valFraction + " do not fit in 1");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> train = new ArrayList<>(), val = new ArrayList<>(), test = new ArrayList<>();
        for (int c = 0; c < AamiClass.COUNT; c++) {
            final int cls = c;
            int[] idx = java.util.stream.IntStream.range(0, beats.size()).filter(i -> beats.label(i) == cls).toArray();
            for (int i = idx.length - 1; i > 0; i--) { // Fisher-Yates
                int j = rng.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            int nTrain = (int) Math.round(trainFraction * idx.length);
            int nVal = Math.min(idx.length - nTrain, (int) Math.round(valFraction * idx.length));
            train.add(Arrays.copyOfRange(idx, 0, nTrain));
            val.add(Arrays.copyOfRange(idx, nTrain, nTrain + nVal));
            test.add(Arrays.copyOfRange(idx, nTrain + nVal, idx.length));
        }
        return new Split("intra-patient seed " + seed, sorted(train), sorted(val), sorted(test));
    }

    /** de Chazal's inter-patient protocol with {@link #DEFAULT_VALIDATION_RECORDS}. */
    public static Split interPatient(BeatIndex beats) {
        return interPatient(beats, DEFAULT_VALIDATION_RECORDS);
    }

    /**
     * Train on DS1 without {@code validationRecords}, validate on those, test on DS2, over the
     * records loaded: a subset of records (for a quick run) keeps the protocol, each record going
     * to the part its DS set says.
     *
     * @throws IllegalArgumentException if a validation record is not in DS1, or the loaded
     *                                  records leave a part empty (the message names what to load)
     */
    public static Split interPatient(BeatIndex beats, List<String> validationRecords) {
        List<String> loaded = new ArrayList<>();
        for (EcgRecord r : beats.records()) loaded.add(r.name());
        for (String r : validationRecords) {
            if (!MitBih.DS1.contains(r)) throw new IllegalArgumentException("validation record " + r + " is not in DS1");
        }
        List<String> train = new ArrayList<>(), val = new ArrayList<>(), test = new ArrayList<>();
        for (String r : loaded) {
            if (validationRecords.contains(r)) val.add(r);
            else if (MitBih.DS1.contains(r)) train.add(r);
            else if (MitBih.DS2.contains(r)) test.add(r);
        }
        List<String> ds1Train = new ArrayList<>(MitBih.DS1);
        ds1Train.removeAll(validationRecords);
        requireSome(train, "training (DS1 without " + validationRecords + ")", ds1Train, loaded);
        requireSome(val, "validation", validationRecords, loaded);
        requireSome(test, "test (DS2)", MitBih.DS2, loaded);
        boolean whole = loaded.containsAll(MitBih.DS1) && loaded.containsAll(MitBih.DS2);
        return new Split("inter-patient (DS1 / DS2, validation records " + validationRecords
                + (whole ? "" : "; records " + loaded) + ")",
                beats.ofRecords(train), beats.ofRecords(val), beats.ofRecords(test));
    }

    private static void requireSome(List<String> part, String what, List<String> candidates, List<String> loaded) {
        if (part.isEmpty())
            throw new IllegalArgumentException("inter-patient split: the loaded records " + loaded + " hold no "
                    + what + " record; load at least one of " + candidates);
    }

    private static int[] sorted(List<int[]> parts) {
        int[] all = parts.stream().flatMapToInt(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }
}
