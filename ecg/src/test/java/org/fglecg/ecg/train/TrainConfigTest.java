package org.fglecg.ecg.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.fglecg.ecg.data.SplitKind;
import org.fglecg.ecg.data.WindowSpec;
import org.fglecg.nn.io.Json;
import org.junit.jupiter.api.Test;

/** config.json: typed in memory, the same names on disk as before the types existed. */
class TrainConfigTest {
    /** A config.json as the trainer wrote it before role, split and window were typed. */
    static final String WRITTEN_BEFORE = """
            {
              "role": "teacher",
              "window": "T_asym_360",
              "split": "intra",
              "seed": 42,
              "split_seed": 42,
              "epochs": 60,
              "patience": 10,
              "batch_size": 128,
              "lr": 0.001,
              "beta": 0.9999,
              "alpha": 1.0,
              "tau": 4.0,
              "threads": 2,
              "max_train_beats": 0,
              "max_eval_beats": 0,
              "records": []
            }""";

    @Test
    void readsAndRewritesTodaysFilesExactly() {
        TrainConfig c = TrainConfig.fromJson(Json.parseObject(WRITTEN_BEFORE));
        assertEquals(Role.TEACHER, c.role());
        assertSame(WindowSpec.T_ASYM_360, c.window());
        assertEquals(SplitKind.INTRA, c.split());
        assertEquals(10, c.patience());
        assertEquals(WRITTEN_BEFORE, Json.pretty(c.toJson()).strip());
    }

    @Test
    void distilledStudentRoundTrips() {
        TrainConfig c = TrainConfig.defaults(Role.TEACHER, WindowSpec.T_SYM_180, SplitKind.INTER)
                .withSubset(10, 5, List.of("100", "208")).distilledFrom("runs/t", 0.3, 2.0);
        assertEquals("student", c.toJson().get("role"));
        assertEquals("student", c.toJson().get("window"));
        assertEquals("inter", c.toJson().get("split"));
        assertEquals("runs/t", c.toJson().get("teacher_run"));
        assertEquals(c, TrainConfig.fromJson(Json.parseObject(Json.write(c.toJson()))));
    }

    @Test
    void badNamesListTheValidOnes() {
        var m = Json.parseObject(WRITTEN_BEFORE.replace("\"teacher\"", "\"nurse\""));
        var e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromJson(m));
        assertTrue(e.getMessage().contains("teacher, student"), e.getMessage());
        var s = Json.parseObject(WRITTEN_BEFORE.replace("\"intra\"", "\"extra\""));
        e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromJson(s));
        assertTrue(e.getMessage().contains("intra, inter"), e.getMessage());
    }

    @Test
    void defaultsAreTheConstants() {
        TrainConfig d = TrainConfig.defaults(Role.STUDENT, TrainConfig.DEFAULT_SPLIT);
        assertSame(WindowSpec.STUDENT, d.window());
        assertEquals(TrainConfig.DEFAULT_EPOCHS, d.epochs());
        assertEquals(TrainConfig.DEFAULT_BATCH_SIZE, d.batchSize());
        assertEquals(TrainConfig.DEFAULT_LR, d.lr());
        assertEquals(TrainConfig.DEFAULT_SEED, d.seed());
        assertEquals(TrainConfig.DEFAULT_SEED, d.splitSeed());
        assertSame(WindowSpec.T_ASYM_360, Role.TEACHER.defaultWindow());
    }
}
