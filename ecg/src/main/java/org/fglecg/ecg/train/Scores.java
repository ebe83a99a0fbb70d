package org.fglecg.ecg.train;

import org.fglecg.nn.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** JSON form: the confusion matrix (the truth of record) plus every derived score, absent classes marked. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("beats", beats());
        m.put("accuracy", accuracy());
        m.put("macro_precision", macroPrecision());
        m.put("macro_recall", macroRecall());
        m.put("macro_f1", macroF1());
        m.put("absent", absentClasses());
        List<Object> per = new ArrayList<>();
        for (ClassScores c : perClass) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("class", c.name());
            e.put("support", c.support());
            e.put("predicted", c.predicted());
            if (c.present()) {
                e.put("precision", c.precision());
                e.put("recall", c.recall());
                e.put("f1", c.f1());
            } else {
                e.put("absent", true);
            }
            per.add(e);
        }
        m.put("per_class", per);
        m.put("classes", confusion.classNames());
        m.put("confusion", (Object) confusion.rows());
        return m;
    }

    /** Reads {@link #toJson()} back; the scores are recomputed from the confusion matrix. */
    @SuppressWarnings("unchecked")
    public static Scores fromJson(Map<String, Object> json) {
        List<String> classes = (List<String>) json.get("classes");
        List<List<Number>> rows = (List<List<Number>>) json.get("confusion");
        if (classes == null || rows == null)
            throw new IllegalArgumentException("scores JSON without 'classes' and 'confusion': " + Json.write(json));
        long[][] counts = new long[rows.size()][];
        for (int t = 0; t < counts.length; t++)
            counts[t] = rows.get(t).stream().mapToLong(Number::longValue).toArray();
        return of(ConfusionMatrix.of(classes, counts));
    }
}
