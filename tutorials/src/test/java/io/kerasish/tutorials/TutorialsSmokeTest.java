package io.kerasish.tutorials;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each tutorial runs in its --quick mode and prints what a learner should see. */
class TutorialsSmokeTest {
    private static String run(String name, String... args) {
        return QuickRun.run(name, args).out();
    }

    @Test
    void xorLearnsAllFourCases() {
        String out = run("xor");
        assertTrue(out.contains("Total params: 27"), out);
        assertTrue(out.contains("XOR learned: all 4 predictions right."), out);
    }

    @Test
    void andGateWorksWithHandSetAndLearnedWeights() {
        String out = run("and");
        assertTrue(out.contains("Hand-set weights w=(1, 1), b=-1.5 -> classes [0, 0, 0, 1]"), out);
        assertTrue(out.contains("Learned perceptron -> classes [0, 0, 0, 1]"), out);
    }

    @Test
    void saveLoadRestoresIdenticalPredictionsFromEveryFormat(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String out = run("save-load", dir.toString());
        assertTrue(out.contains("JSON + weights: max abs difference from the original predictions 0 (identical)"), out);
        assertTrue(out.contains("YAML + weights: max abs difference from the original predictions 0 (identical)"), out);
        assertTrue(out.contains("full model    : max abs difference from the original predictions 0 (identical)"), out);
        assertTrue(out.contains("compiled with Adam(learning_rate=0.01)"), out);
        for (String f : new String[] {"model.json", "model.yaml", "model.weights.h5", "model.h5"}) {
            assertTrue(java.nio.file.Files.isRegularFile(dir.resolve(f)), f);
        }
    }
}
