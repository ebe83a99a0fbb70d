package org.fglecg.ecg.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The evaluation of one split (FGL-SPEC section 6): accuracy, per-class scores, and macro
 * precision / recall / F1 averaged over the classes <em>present</em> in the split. Which
 * classes were absent is part of the result, so a macro-F1 over three classes is never
 * mistaken for one over four.
 */
public record Scores(ConfusionMatrix confusion, List<ClassScores> perClass) {

    public static Scores of(ConfusionMatrix m) {
        List<ClassScores> per = new ArrayList<>();
        for (int c = 0; c < m.numClasses(); c++)
            per.add(new ClassScores(m.classNames().get(c), m.support(c), m.predicted(c), m.count(c, c)));
        return new Scores(m, List.copyOf(per));
    }

    public long beats() {
        return confusion.total();
    }

    /** Fraction of beats classified correctly; 0 for an empty split. */
    public double accuracy() {
        long n = confusion.total();
        return n == 0 ? 0.0 : (double) confusion.correct() / n;
    }

    public double macroPrecision() {
        return macro(ClassScores::precision);
    }

    public double macroRecall() {
        return macro(ClassScores::recall);
    }

    public double macroF1() {
        return macro(ClassScores::f1);
    }

    public ClassScores of(String className) {
        for (ClassScores s : perClass) if (s.name().equals(className)) return s;
        throw new IllegalArgumentException("no class " + className + " in " + confusion.classNames());
    }

    /** Names of the classes with no beats in this split. */
    public List<String> absentClasses() {
        return perClass.stream().filter(s -> !s.present()).map(ClassScores::name).toList();
    }

    private double macro(java.util.function.ToDoubleFunction<ClassScores> score) {
        double sum = 0;
        int n = 0;
        for (ClassScores s : perClass) {
            if (!s.present()) continue;
            sum += score.applyAsDouble(s);
            n++;
        }
        return n == 0 ? 0.0 : sum / n;
    }
}
