package io.kerasish.optimizers;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.shuffle;
import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.layers.Dense;
import io.kerasish.models.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each optimizer takes the step Keras takes. The problem: one weight w (start 1), no bias, input 1, target 0,
 * mean squared error, so the gradient is 2w.
 */
class OptimizersTest {
    private static double[] train(Optimizer opt, int steps) {
        Sequential m = new Sequential();
        m.add(new Dense(1).inputDim(1).useBias(false));
        m.compile(opt, "mse");
        m.setWeights(List.of(Nd4j.createFromArray(new float[][] {{1}})));
        double[] w = new double[steps];
        for (int i = 0; i < steps; i++) {
            m.fit(new double[][] {{1}}, new double[][] {{0}}, epochs(1), batchSize(1), shuffle(false), verbose(0));
            w[i] = m.getWeights().get(0).getDouble(0);
        }
        return w;
    }

    @Test
    void sgdPlainMomentumAndNesterovFollowKerasFormulas() {
        double[] plain = train(new SGD(0.1), 2);
        assertEquals(0.8, plain[0], 1e-6);
        assertEquals(0.64, plain[1], 1e-6);
        double[] momentum = train(new SGD(0.1).momentum(0.9), 2);   // v=-.2, w=.8; v=.9*-.2-.16=-.34, w=.46
        assertEquals(0.8, momentum[0], 1e-6);
        assertEquals(0.46, momentum[1], 1e-6);
        double[] nesterov = train(new SGD(0.1).momentum(0.9).nesterov(true), 2);
        assertEquals(0.62, nesterov[0], 1e-6);                       // w += .9*-.2 - .2
        assertEquals(0.2224, nesterov[1], 1e-6);
    }

    @Test
    void adaptiveOptimizersTakeKerasFirstSteps() {
        assertEquals(0.9, train(new Adam(0.1), 1)[0], 1e-5);
        assertEquals(0.9, train(new Adamax(0.1), 1)[0], 1e-5);
        assertEquals(1 - 0.1 * 2 / Math.sqrt(0.4), train(new RMSprop(0.1), 1)[0], 1e-5);
        assertEquals(1 - 0.1 * 2 / Math.sqrt(4.1), train(new Adagrad(0.1), 1)[0], 1e-5);
        double delta = 2 * Math.sqrt(1e-7) / Math.sqrt(0.2 + 1e-7);
        assertEquals(1 - delta, train(new Adadelta(1.0), 1)[0], 1e-6);
        // Keras: mu1=.450073, mu2=.450147, m_bar = (1-mu1)*2/(1-mu1) + mu2*.2/(1-mu1*mu2), v_hat = 4
        double mu1 = 0.9 * (1 - 0.5 * Math.pow(0.96, 0.004));
        double mu2 = 0.9 * (1 - 0.5 * Math.pow(0.96, 0.008));
        double mBar = 2 + mu2 * 0.2 / (1 - mu1 * mu2);
        assertEquals(1 - 0.1 * mBar / (2 + 1e-7), train(new Nadam(0.1), 1)[0], 1e-5);
        assertTrue(train(new Nadam(0.1), 50)[49] < 0.1, "Nadam converges towards 0");
    }

    @Test
    void decayAndSchedulesChangeTheLearningRatePerStep() {
        double[] decayed = train(new SGD(0.1).decay(1.0), 2);      // lr .1 then .1/(1+1)
        assertEquals(0.8, decayed[0], 1e-6);
        assertEquals(0.8 - 0.05 * 1.6, decayed[1], 1e-6);
        double[] scheduled = train(new SGD(0.1).schedule(step -> step == 0 ? 0.25 : 0.0), 2);
        assertEquals(0.5, scheduled[0], 1e-6);
        assertEquals(0.5, scheduled[1], 1e-6);
        assertEquals(0.05, LearningRateSchedule.exponentialDecay(0.1, 10, 0.5, false).at(10), 1e-12);
        assertEquals(0.05, LearningRateSchedule.inverseTimeDecay(0.1, 10, 1.0).at(10), 1e-12);
    }

    @Test
    void everyKerasNameGivesTheKerasDefaults() {
        assertInstanceOf(SGD.class, Optimizers.get("sgd"));
        assertEquals(0.01, Optimizers.get("sgd").learningRate());
        for (String n : List.of("rmsprop", "adagrad", "adadelta", "adam", "adamax", "nadam")) {
            assertEquals(0.001, Optimizers.get(n).learningRate(), n);
        }
        assertEquals("Adam", Optimizers.get("Adam").name());
        assertInstanceOf(Adam.class, Optimizers.adam());
    }
}
