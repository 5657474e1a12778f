package io.kerasish.models;

import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.IncompatibleLossException;
import io.kerasish.InvalidDataException;
import io.kerasish.KerasishException;
import io.kerasish.NotCompiledException;
import io.kerasish.ShapeMismatchException;
import io.kerasish.UnknownNameException;
import io.kerasish.layers.Conv2D;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Flatten;
import io.kerasish.layers.LSTM;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Every mistake a user can make gets a KerasishException that names the layer and the fix. */
class ErrorsTest {
    private static Sequential mlp() {
        Sequential m = new Sequential();
        m.add(new Dense(4).inputDim(3).activation("relu"));
        m.add(new Dense(2).activation("softmax"));
        return m;
    }

    private static void assertMentions(KerasishException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message should mention '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void wrongInputShapeNamesTheFirstLayerAndBothShapes() {
        Sequential m = mlp();
        m.compile("adam", "categorical_crossentropy");
        var e = assertThrows(ShapeMismatchException.class, () -> m.predict(new double[][] {{1, 2}, {3, 4}}));
        assertMentions(e, "'dense' (Dense)", "(2, 2)", "(None, 3)");
        var e2 = assertThrows(ShapeMismatchException.class,
                () -> m.fit(Nd4j.rand(5, 3, 1), Nd4j.rand(5, 2), verbose(0)));
        assertMentions(e2, "(5, 3, 1)", "rank 2");
    }

    @Test
    void layerThatCannotTakeThePreviousOutputFailsWhenAdded() {
        Sequential m = new Sequential();
        m.add(new Dense(8).inputDim(10));
        var e = assertThrows(ShapeMismatchException.class, () -> m.add(new Conv2D(4, 3)));
        assertMentions(e, "'conv2d' (Conv2D)", "(None, 8)", "inputShape(28, 28, 1)");
        assertTrue(m.layers().size() == 1, "the bad layer was not kept");
        var e2 = assertThrows(ShapeMismatchException.class, () -> new Sequential().add(new LSTM(4).inputShape(10)));
        assertMentions(e2, "LSTM", "timesteps");
        var e3 = assertThrows(ShapeMismatchException.class,
                () -> new Sequential().add(new Conv2D(4, 7).inputShape(5, 5, 1)));
        assertMentions(e3, "padding(\"same\")");
    }

    @Test
    void labelsThatDoNotFitTheOutputSayWhatToDo() {
        Sequential m = mlp();
        m.compile("adam", "categorical_crossentropy");
        var e = assertThrows(ShapeMismatchException.class,
                () -> m.fit(Nd4j.rand(5, 3), Nd4j.zeros(5, 1), verbose(0)));
        assertMentions(e, "toCategorical", "sparse_categorical_crossentropy", "'dense_1' (Dense)");
        var e2 = assertThrows(InvalidDataException.class, () -> m.fit(Nd4j.rand(5, 3), Nd4j.rand(4, 2), verbose(0)));
        assertMentions(e2, "4 examples", "5");
        Sequential sparse = mlp();
        sparse.compile("adam", "sparse_categorical_crossentropy");
        var e3 = assertThrows(InvalidDataException.class,
                () -> sparse.fit(Nd4j.rand(3, 3), Nd4j.createFromArray(0f, 1f, 2f), verbose(0)));
        assertMentions(e3, "2 classes", "0 to 2");
    }

    @Test
    void unknownNamesListTheValidOnes() {
        assertMentions(assertThrows(UnknownNameException.class, () -> new Dense(2).activation("relux")),
                "activation 'relux'", "relu", "softmax");
        Sequential m = mlp();
        assertMentions(assertThrows(UnknownNameException.class, () -> m.compile("adamm", "mse")),
                "optimizer 'adamm'", "adam", "rmsprop", "sgd");
        assertMentions(assertThrows(UnknownNameException.class, () -> m.compile("adam", "categorical_crossentropi")),
                "loss 'categorical_crossentropi'", "categorical_crossentropy", "mse");
        assertMentions(assertThrows(UnknownNameException.class,
                () -> m.compile("adam", "categorical_crossentropy", "acuracy")), "metric 'acuracy'", "accuracy", "auc");
        assertMentions(assertThrows(UnknownNameException.class, () -> new Dense(2).kernelInitializer("glorot")),
                "initializer 'glorot'", "glorot_uniform", "he_normal");
    }

    @Test
    void lossThatDoesNotFitTheLastActivationIsRefusedAtCompile() {
        Sequential sigmoidOut = new Sequential();
        sigmoidOut.add(new Dense(3).inputDim(4).activation("sigmoid"));
        assertMentions(assertThrows(IncompatibleLossException.class,
                () -> sigmoidOut.compile("adam", "categorical_crossentropy")),
                "'dense' (Dense)", "'sigmoid'", "activation(\"softmax\")");
        Sequential softmaxOne = new Sequential();
        softmaxOne.add(new Dense(1).inputDim(4).activation("softmax"));
        assertMentions(assertThrows(IncompatibleLossException.class,
                () -> softmaxOne.compile("adam", "categorical_crossentropy")), "1 output");
        Sequential linear = new Sequential();
        linear.add(new Dense(1).inputDim(4));
        assertMentions(assertThrows(IncompatibleLossException.class,
                () -> linear.compile("adam", "binary_crossentropy")), "'linear'", "activation(\"sigmoid\")");
    }

    @Test
    void fitEvaluateBeforeCompileSaySo() {
        Sequential m = mlp();
        assertMentions(assertThrows(NotCompiledException.class,
                () -> m.fit(Nd4j.rand(2, 3), Nd4j.rand(2, 2), epochs(1))), "compile", "fit()");
        assertMentions(assertThrows(NotCompiledException.class,
                () -> m.evaluate(Nd4j.rand(2, 3), Nd4j.rand(2, 2))), "compile", "evaluate()");
    }

    @Test
    void nanOrInfiniteInputsAreRefusedWithTheExample() {
        Sequential m = mlp();
        m.compile("adam", "categorical_crossentropy");
        double[][] x = {{1, 2, 3}, {4, Double.NaN, 6}};
        assertMentions(assertThrows(InvalidDataException.class, () -> m.fit(x, new double[][] {{1, 0}, {0, 1}})),
                "x contains NaN", "example 1");
        double[][] inf = {{1, 2, Double.POSITIVE_INFINITY}};
        assertMentions(assertThrows(InvalidDataException.class, () -> m.predict(inf)), "x contains NaN or infinite");
    }

    @Test
    void missingInputShapeAndRaggedRowsAreExplained() {
        Sequential m = new Sequential();
        m.add(new Flatten());
        m.add(new Dense(2));
        assertMentions(assertThrows(ShapeMismatchException.class, () -> m.compile("adam", "mse")),
                "input shape", "inputShape(...)");
        Sequential ok = mlp();
        ok.compile("adam", "mse");
        assertMentions(assertThrows(InvalidDataException.class, () -> ok.predict(new double[][] {{1, 2, 3}, {1, 2}})),
                "Row 1 has 2 values");
    }

    @Test
    void invalidArgumentsAreRefusedWhereTheyAreGiven() {
        assertThrows(KerasishException.class, () -> new Dense(0));
        assertThrows(KerasishException.class, () -> new io.kerasish.layers.Dropout(1.0));
        assertThrows(KerasishException.class, () -> new Conv2D(4, 3).padding("full"));
        assertThrows(KerasishException.class, () -> Fit.validationSplit(1.5));
        assertThrows(KerasishException.class, () -> Fit.verbose(3));
        Sequential m = mlp();
        m.compile("adam", "mse");
        assertMentions(assertThrows(KerasishException.class,
                () -> m.evaluate(Nd4j.rand(2, 3), Nd4j.rand(2, 2), epochs(3))), "evaluate() does not take epochs");
    }
}
