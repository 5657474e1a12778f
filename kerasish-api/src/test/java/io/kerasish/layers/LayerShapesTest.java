package io.kerasish.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.models.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a user sees of every layer's shape arithmetic: the output shapes and parameter counts that
 * {@code summary()} prints are Keras's (numbers written here from Keras's documented formulas), the DL4J network
 * behind the model really has that many parameters and really produces outputs of that shape from data in
 * Keras's layout, and {@code getWeights()} hands back arrays with Keras's weight shapes, in Keras's order.
 */
class LayerShapesTest {
    private static final int N = 3;

    /** One expected summary row: the layer's output shape (no batch) and its parameter count. */
    private record Row(long params, long[] shape) {
    }

    private static Row row(long params, long... shape) {
        return new Row(params, shape);
    }

    private static long[] w(long... shape) {
        return shape;
    }

    // ---------------------------------------------------------------- Dense, Activation, Dropout

    @Test
    void denseIsKernelPlusBias() {
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(5).inputDim(3).activation("relu"));
        m.add(new Dense(2).activation("softmax"));
        // Dense params = in*units + units
        check(m, random(3), List.of(row(3 * 5 + 5, 5), row(5 * 2 + 2, 2)), 0,
                w(3, 5), w(5), w(5, 2), w(2));
    }

    @Test
    void denseWithoutBiasHasOnlyAKernel() {
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(4).inputDim(3).useBias(false));
        check(m, random(3), List.of(row(12, 4)), 0, w(3, 4));
    }

    @Test
    void activationAndDropoutKeepTheShapeAndHaveNoWeights() {
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(4).inputDim(3));
        m.add(new Activation("relu"));
        m.add(new Dropout(0.5));
        m.add(new Dense(2));
        m.add(new Activation("softmax"));
        check(m, random(3), List.of(row(16, 4), row(0, 4), row(0, 4), row(10, 2), row(0, 2)), 0,
                w(3, 4), w(4), w(4, 2), w(2));
        assertEquals(List.of("dense", "activation", "dropout", "dense_1", "activation_1"),
                m.layers().stream().map(Layer::name).toList());
    }

    @Test
    void activationOnImagesKeepsTheImageShape() {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(2, 3).inputShape(5, 5, 1));
        m.add(new Activation("relu"));
        check(m, random(5, 5, 1), List.of(row(3 * 3 * 1 * 2 + 2, 3, 3, 2), row(0, 3, 3, 2)), 0,
                w(3, 3, 1, 2), w(2));
    }

    @Test
    void dropoutAsLastLayer() {
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(4).inputDim(3));
        m.add(new Dropout(0.25));
        check(m, random(3), List.of(row(16, 4), row(0, 4)), 0, w(3, 4), w(4));
    }

    // ---------------------------------------------------------------- Flatten, Reshape, InputLayer

    @Test
    void flattenMultipliesTheDimensions() {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(2, 3).inputShape(5, 6, 1));
        m.add(new Flatten());
        m.add(new Dense(3));
        // conv output (3, 4, 2) -> 24 values
        check(m, random(5, 6, 1), List.of(row(20, 3, 4, 2), row(0, 24), row(24 * 3 + 3, 3)), 0,
                w(3, 3, 1, 2), w(2), w(24, 3), w(3));
    }

    @Test
    void flattenAsLastLayerAndOnVectors() {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(2, 3).inputShape(4, 4, 1));
        m.add(new Flatten());
        m.add(new Flatten());
        check(m, random(4, 4, 1), List.of(row(20, 2, 2, 2), row(0, 8), row(0, 8)), 0, w(3, 3, 1, 2), w(2));
    }

    @Test
    void reshapeInfersTheMinusOneDimension() {
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(12).inputDim(3));
        m.add(new Reshape(-1, 4));
        m.add(new Dense(2));
        check(m, random(3), List.of(row(48, 12), row(0, 3, 4), row(10, 3, 2)), 0,
                w(3, 12), w(12), w(4, 2), w(2));
    }

    @Test
    void reshapeToAnImageFeedsConv2D() {
        Sequential m = new Sequential().seed(1);
        m.add(new Reshape(4, 3, 2).inputShape(24));
        m.add(new Conv2D(3, 2));
        check(m, random(24), List.of(row(0, 4, 3, 2), row(2 * 2 * 2 * 3 + 3, 3, 2, 3)), 0, w(2, 2, 2, 3), w(3));
    }

    @Test
    void reshapeAsLastLayer() {
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(6).inputDim(2));
        m.add(new Reshape(2, 3));
        check(m, random(2), List.of(row(18, 6), row(0, 2, 3)), 0, w(2, 6), w(6));
    }

    @Test
    void inputLayerDeclaresTheShapeAndIsNotListed() {
        Sequential m = new Sequential().seed(1);
        m.add(new InputLayer(4));
        m.add(new Dense(2));
        check(m, random(4), List.of(row(10, 2)), 0, w(4, 2), w(2));
        assertEquals(1, m.layers().size());
        assertEquals(Shape.of(4), m.inputShape());
        assertFalse(m.summaryString().contains("InputLayer"), m.summaryString());
    }

    @Test
    void inputLayerBeforeImages() {
        Sequential m = new Sequential().seed(1);
        m.add(new InputLayer(6, 6, 2));
        m.add(new MaxPooling2D());
        check(m, random(6, 6, 2), List.of(row(0, 3, 3, 2)), 0);
    }

    // ---------------------------------------------------------------- Conv2D

    @Test
    void conv2dValid() {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(4, 3).inputShape(8, 8, 2));
        // params = kh*kw*cin*filters + filters; out = in - k + 1
        check(m, random(8, 8, 2), List.of(row(3 * 3 * 2 * 4 + 4, 6, 6, 4)), 0, w(3, 3, 2, 4), w(4));
    }

    @Test
    void conv2dSameKeepsHeightAndWidth() {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(4, 3).padding("same").inputShape(7, 7, 2));
        check(m, random(7, 7, 2), List.of(row(76, 7, 7, 4)), 0, w(3, 3, 2, 4), w(4));
    }

    @Test
    void conv2dNonSquareKernelAndInput() {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(3, 2, 4).inputShape(6, 8, 1).activation("relu"));
        check(m, random(6, 8, 1), List.of(row(2 * 4 * 1 * 3 + 3, 5, 5, 3)), 0, w(2, 4, 1, 3), w(3));
    }

    @Test
    void conv2dStridesValid() {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(4, 3).strides(2).inputShape(9, 10, 2));
        // valid: floor((in - k) / s) + 1: (9-3)/2+1 = 4, (10-3)/2+1 = 4
        check(m, random(9, 10, 2), List.of(row(76, 4, 4, 4)), 0, w(3, 3, 2, 4), w(4));
    }

    @Test
    void conv2dStridesSame() {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(4, 3).strides(2, 3).padding("same").inputShape(7, 8, 2));
        // same: ceil(in / s): ceil(7/2) = 4, ceil(8/3) = 3
        check(m, random(7, 8, 2), List.of(row(76, 4, 3, 4)), 0, w(3, 3, 2, 4), w(4));
    }

    @Test
    void conv2dDilationValid() {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(4, 3).dilationRate(2).inputShape(9, 9, 2));
        // effective kernel (3-1)*2+1 = 5: 9-5+1 = 5
        check(m, random(9, 9, 2), List.of(row(76, 5, 5, 4)), 0, w(3, 3, 2, 4), w(4));
    }

    @Test
    void conv2dDilationSame() {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(4, 3).dilationRate(2).padding("same").inputShape(8, 8, 2));
        check(m, random(8, 8, 2), List.of(row(76, 8, 8, 4)), 0, w(3, 3, 2, 4), w(4));
    }

    @Test
    void conv2dWithoutBias() {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(4, 3).useBias(false).inputShape(5, 5, 2));
        check(m, random(5, 5, 2), List.of(row(72, 3, 3, 4)), 0, w(3, 3, 2, 4));
    }

    // ---------------------------------------------------------------- pooling

    @Test
    void maxPoolingDefaultsToTwoByTwo() {
        Sequential m = new Sequential().seed(1);
        m.add(new MaxPooling2D().inputShape(6, 7, 3));
        // valid, strides = pool size: floor((7-2)/2)+1 = 3
        check(m, random(6, 7, 3), List.of(row(0, 3, 3, 3)), 0);
    }

    @Test
    void maxPoolingWithStrides() {
        Sequential m = new Sequential().seed(1);
        m.add(new MaxPooling2D(3).strides(2).inputShape(7, 7, 3));
        check(m, random(7, 7, 3), List.of(row(0, 3, 3, 3)), 0);
    }

    @Test
    void maxPoolingSame() {
        Sequential m = new Sequential().seed(1);
        m.add(new MaxPooling2D(2).padding("same").inputShape(5, 5, 3));
        check(m, random(5, 5, 3), List.of(row(0, 3, 3, 3)), 0);
    }

    @Test
    void averagePoolingValid() {
        Sequential m = new Sequential().seed(1);
        m.add(new AveragePooling2D(2, 3).inputShape(6, 7, 2));
        check(m, random(6, 7, 2), List.of(row(0, 3, 2, 2)), 0);
    }

    @Test
    void averagePoolingSame() {
        Sequential m = new Sequential().seed(1);
        m.add(new AveragePooling2D(2).padding("same").inputShape(5, 5, 3));
        check(m, random(5, 5, 3), List.of(row(0, 3, 3, 3)), 0);
    }

    @Test
    void averagePoolingSameWithStrides() {
        Sequential m = new Sequential().seed(1);
        m.add(new AveragePooling2D(3).strides(2).padding("same").inputShape(6, 6, 2));
        check(m, random(6, 6, 2), List.of(row(0, 3, 3, 2)), 0);
    }

    @Test
    void globalAveragePoolingLeavesOneValuePerChannel() {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(3, 2).inputShape(5, 6, 2));
        m.add(new GlobalAveragePooling2D());
        m.add(new Dense(2));
        check(m, random(5, 6, 2), List.of(row(2 * 2 * 2 * 3 + 3, 4, 5, 3), row(0, 3), row(8, 2)), 0,
                w(2, 2, 2, 3), w(3), w(3, 2), w(2));
        assertEquals("global_average_pooling2d", m.layers().get(1).name());
    }

    @Test
    void globalMaxPoolingLeavesOneValuePerChannel() {
        Sequential m = new Sequential().seed(1);
        m.add(new GlobalMaxPooling2D().inputShape(4, 5, 3));
        check(m, random(4, 5, 3), List.of(row(0, 3)), 0);
    }

    // ---------------------------------------------------------------- BatchNormalization

    @Test
    void batchNormalizationOnVectors() {
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(4).inputDim(3));
        m.add(new BatchNormalization());
        m.add(new Dense(2));
        // 4*C params, the 2*C moving statistics non-trainable
        check(m, random(3), List.of(row(16, 4), row(4 * 4, 4), row(10, 2)), 2 * 4,
                w(3, 4), w(4), w(4), w(4), w(4), w(4), w(4, 2), w(2));
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"),
                List.copyOf(m.layers().get(1).weightShapes().keySet()));
    }

    @Test
    void batchNormalizationOnImagesNormalizesChannels() {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(3, 3).inputShape(5, 5, 2));
        m.add(new BatchNormalization());
        check(m, random(5, 5, 2), List.of(row(57, 3, 3, 3), row(4 * 3, 3, 3, 3)), 2 * 3,
                w(3, 3, 2, 3), w(3), w(3), w(3), w(3), w(3));
    }

    @Test
    void batchNormalizationAsFirstLayer() {
        Sequential m = new Sequential().seed(1);
        m.add(new BatchNormalization().inputShape(4, 4, 5));
        check(m, random(4, 4, 5), List.of(row(20, 4, 4, 5)), 10, w(5), w(5), w(5), w(5));
    }

    // ---------------------------------------------------------------- Embedding

    @Test
    void embeddingWithInputLength() {
        Sequential m = new Sequential().seed(1);
        m.add(new Embedding(10, 4).inputLength(6));
        // params = input_dim * output_dim
        check(m, ids(10, 6), List.of(row(10 * 4, 6, 4)), 0, w(10, 4));
    }

    @Test
    void embeddingThenFlattenThenDense() {
        Sequential m = new Sequential().seed(1);
        m.add(new Embedding(20, 3).inputLength(5));
        m.add(new Flatten());
        m.add(new Dense(1).activation("sigmoid"));
        check(m, ids(20, 5), List.of(row(60, 5, 3), row(0, 15), row(16, 1)), 0, w(20, 3), w(15, 1), w(1));
    }

    @Test
    void embeddingThenLstm() {
        Sequential m = new Sequential().seed(1);
        m.add(new Embedding(20, 3).inputLength(5));
        m.add(new LSTM(4));
        m.add(new Dense(2).activation("softmax"));
        check(m, ids(20, 5), List.of(row(60, 5, 3), row(4 * 4 * (4 + 3 + 1), 4), row(10, 2)), 0,
                w(20, 3), w(3, 16), w(4, 16), w(16), w(4, 2), w(2));
    }

    @Test
    void embeddingWithoutInputLengthTakesAnyLength() {
        Sequential m = new Sequential().seed(1);
        m.add(new Embedding(10, 4));
        m.add(new LSTM(2));
        m.build();
        assertEquals(Shape.of(Shape.NONE, 4), m.layers().get(0).builtOutputShape());
        List<String> summary = m.summaryString().lines().toList();
        assertTrue(summary.stream().anyMatch(s -> s.startsWith("embedding (Embedding)") && s.contains("(None, None, 4)")
                && s.stripTrailing().endsWith(" 40")), String.join("\n", summary));
        assertTrue(summary.contains("Total params: " + (40 + 4 * 2 * (2 + 4 + 1))), String.join("\n", summary));
        assertEquals(40 + 56, m.dl4j().numParams());
        assertArrayEquals(new long[] {N, 2}, m.predict(ids(10, 5)).shape());
        assertArrayEquals(new long[] {N, 2}, m.predict(ids(10, 8)).shape());
    }

    // ---------------------------------------------------------------- frozen layers

    @Test
    void frozenLayersCountAsNonTrainable() {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(2, 3).inputShape(5, 5, 1).trainable(false));
        m.add(new Flatten());
        m.add(new Dense(3).trainable(false));
        // every weight of a frozen layer is non-trainable, as in Keras
        check(m, random(5, 5, 1), List.of(row(20, 3, 3, 2), row(0, 18), row(57, 3)), 20 + 57,
                w(3, 3, 1, 2), w(2), w(18, 3), w(3));
    }

    @Test
    void frozenBatchNormalizationIsAllNonTrainable() {
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(4).inputDim(3));
        m.add(new BatchNormalization().trainable(false));
        m.add(new Dense(2));
        check(m, random(3), List.of(row(16, 4), row(16, 4), row(10, 2)), 16,
                w(3, 4), w(4), w(4), w(4), w(4), w(4), w(4, 2), w(2));
    }

    // ---------------------------------------------------------------- recurrent

    @Test
    void simpleRnnLastStep() {
        Sequential m = new Sequential().seed(1);
        m.add(new SimpleRNN(5).inputShape(7, 3));
        // units*(units+input) + units
        check(m, random(7, 3), List.of(row(5 * (5 + 3) + 5, 5)), 0, w(3, 5), w(5, 5), w(5));
    }

    @Test
    void simpleRnnReturnSequences() {
        Sequential m = new Sequential().seed(1);
        m.add(new SimpleRNN(5).returnSequences(true).inputShape(7, 3));
        check(m, random(7, 3), List.of(row(45, 7, 5)), 0, w(3, 5), w(5, 5), w(5));
    }

    @Test
    void simpleRnnFollowedByDense() {
        Sequential m = new Sequential().seed(1);
        m.add(new SimpleRNN(5).inputShape(7, 3));
        m.add(new Dense(2));
        check(m, random(7, 3), List.of(row(45, 5), row(12, 2)), 0, w(3, 5), w(5, 5), w(5), w(5, 2), w(2));
    }

    @Test
    void lstmLastStep() {
        Sequential m = new Sequential().seed(1);
        m.add(new LSTM(4).inputShape(6, 3));
        // 4*units*(units+input+1)
        check(m, random(6, 3), List.of(row(4 * 4 * (4 + 3 + 1), 4)), 0, w(3, 16), w(4, 16), w(16));
    }

    @Test
    void lstmReturnSequences() {
        Sequential m = new Sequential().seed(1);
        m.add(new LSTM(4).returnSequences(true).inputShape(6, 3));
        check(m, random(6, 3), List.of(row(128, 6, 4)), 0, w(3, 16), w(4, 16), w(16));
    }

    @Test
    void stackedLstms() {
        Sequential m = new Sequential().seed(1);
        m.add(new LSTM(4).returnSequences(true).inputShape(6, 3));
        m.add(new LSTM(2));
        m.add(new Dense(1));
        check(m, random(6, 3), List.of(row(128, 6, 4), row(4 * 2 * (2 + 4 + 1), 2), row(3, 1)), 0,
                w(3, 16), w(4, 16), w(16), w(4, 8), w(2, 8), w(8), w(2, 1), w(1));
    }

    @Test
    void denseOnSequencesAppliesToEachStep() {
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(2).inputShape(5, 3));
        check(m, random(5, 3), List.of(row(8, 5, 2)), 0, w(3, 2), w(2));
    }

    @Test
    void denseOnSequencesInTheMiddle() {
        Sequential m = new Sequential().seed(1);
        m.add(new LSTM(4).returnSequences(true).inputShape(5, 3));
        m.add(new Dense(3).activation("relu"));
        m.add(new Dense(2).activation("softmax"));
        check(m, random(5, 3), List.of(row(128, 5, 4), row(15, 5, 3), row(8, 5, 2)), 0,
                w(3, 16), w(4, 16), w(16), w(4, 3), w(3), w(3, 2), w(2));
    }

    // ---------------------------------------------------------------- LeNet-5 summary

    /** LeNet-5 as Keras users write it, and the per-layer numbers Keras prints for it. */
    private static Sequential lenet() {
        Sequential m = new Sequential();
        m.add(new Conv2D(6, 5, 5).padding("same").activation("relu").inputShape(28, 28, 1));
        m.add(new MaxPooling2D());
        m.add(new Conv2D(16, 5, 5).padding("valid").activation("relu"));
        m.add(new MaxPooling2D());
        m.add(new Flatten());
        m.add(new Dense(120).activation("relu"));
        m.add(new Dense(84).activation("relu"));
        m.add(new Dense(10).activation("softmax"));
        return m;
    }

    @Test
    void lenetSummaryCountsAndShapes() {
        Sequential m = lenet();
        // 5*5*1*6+6 = 156, 5*5*6*16+16 = 2416, 400*120+120 = 48120, 120*84+84 = 10164, 84*10+10 = 850
        long total = 156 + 2416 + 48120 + 10164 + 850;
        assertEquals(61_706, total);
        check(m, random(28, 28, 1), List.of(row(156, 28, 28, 6), row(0, 14, 14, 6), row(2416, 10, 10, 16),
                row(0, 5, 5, 16), row(0, 400), row(48120, 120), row(10164, 84), row(850, 10)), 0,
                w(5, 5, 1, 6), w(6), w(5, 5, 6, 16), w(16), w(400, 120), w(120), w(120, 84), w(84), w(84, 10), w(10));
        List<String> lines = m.summaryString().lines().toList();
        assertTrue(lines.contains("Total params: 61,706"), m.summaryString());
        assertTrue(lines.contains("Trainable params: 61,706"), m.summaryString());
        assertTrue(lines.contains("Non-trainable params: 0"), m.summaryString());
        assertEquals("Model: \"sequential\"", lines.get(0));
        assertEquals("_".repeat(65), lines.get(1));
        assertEquals("=".repeat(65), lines.get(3));
        assertEquals("_".repeat(65), lines.get(lines.size() - 1));
        assertEquals(List.of("conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "flatten", "dense", "dense_1",
                "dense_2"), m.layers().stream().map(Layer::name).toList());
    }

    @Test
    void lenetSummaryIsKerasTableExactly() {
        List<String> expected = new ArrayList<>();
        expected.add("Model: \"sequential\"");
        expected.add("_".repeat(65));
        expected.add(kerasRow("Layer (type)", "Output Shape", "Param #"));
        expected.add("=".repeat(65));
        String[][] rows = {
                {"conv2d (Conv2D)", "(None, 28, 28, 6)", "156"},
                {"max_pooling2d (MaxPooling2D)", "(None, 14, 14, 6)", "0"},
                {"conv2d_1 (Conv2D)", "(None, 10, 10, 16)", "2416"},
                {"max_pooling2d_1 (MaxPooling2D)", "(None, 5, 5, 16)", "0"},
                {"flatten (Flatten)", "(None, 400)", "0"},
                {"dense (Dense)", "(None, 120)", "48120"},
                {"dense_1 (Dense)", "(None, 84)", "10164"},
                {"dense_2 (Dense)", "(None, 10)", "850"}};
        for (int i = 0; i < rows.length; i++) {
            expected.add(kerasRow(rows[i]));
            expected.add((i == rows.length - 1 ? "=" : "_").repeat(65));
        }
        expected.add("Total params: 61,706");
        expected.add("Trainable params: 61,706");
        expected.add("Non-trainable params: 0");
        expected.add("_".repeat(65));
        // spelled out, so that the helper above is not the only witness of the layout
        assertEquals("Layer (type)                 Output Shape              Param #   ", expected.get(2));
        assertEquals("max_pooling2d_1 (MaxPooling2 (None, 5, 5, 16)          0         ", expected.get(10));
        assertEquals(expected, lenet().summaryString().lines().toList());
    }

    /** Keras 2's print_row for a Sequential model: line_length 65, positions [.45, .85, 1.] = [29, 55, 65]. */
    private static String kerasRow(String... fields) {
        int[] positions = {29, 55, 65};
        String line = "";
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line = line.substring(0, line.length() - 1) + " ";
            }
            line += fields[i];
            line = line.substring(0, Math.min(line.length(), positions[i]));
            line += " ".repeat(positions[i] - line.length());
        }
        return line;
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Builds the model and checks, layer by layer, the output shape and parameter count against {@code rows}
     * (also as printed by summary()), the totals, the DL4J network's parameter count, the shape of predict's output
     * on {@code x}, and the Keras weight shapes returned by getWeights().
     */
    private static void check(Sequential m, INDArray x, List<Row> rows, long nonTrainable, long[]... weightShapes) {
        m.build();
        List<Layer<?>> layers = m.layers();
        assertEquals(rows.size(), layers.size(), "number of layers");
        List<String> summary = m.summaryString().lines().toList();
        String text = String.join("\n", summary);
        long total = 0;
        for (int i = 0; i < rows.size(); i++) {
            Layer<?> l = layers.get(i);
            Row r = rows.get(i);
            Shape expected = Shape.of(r.shape());
            assertEquals(expected, l.builtOutputShape(), l + ": output shape");
            assertEquals(r.params(), l.countParams(), l + ": params");
            String line = summary.stream().filter(s -> s.startsWith(l.name() + " (")).findFirst()
                    .orElseThrow(() -> new AssertionError("no summary row for " + l + " in\n" + text));
            assertTrue(line.contains(" " + expected + " "), "summary row of " + l + " should show " + expected
                    + ":\n" + text);
            assertTrue(line.stripTrailing().endsWith(" " + r.params()), "summary row of " + l + " should show "
                    + r.params() + " params:\n" + text);
            total += r.params();
        }
        assertEquals(Shape.of(rows.get(rows.size() - 1).shape()), m.outputShape());
        assertTrue(summary.contains("Total params: " + thousands(total)), text);
        assertTrue(summary.contains("Trainable params: " + thousands(total - nonTrainable)), text);
        assertTrue(summary.contains("Non-trainable params: " + thousands(nonTrainable)), text);
        assertEquals(total, m.countParams(), "countParams()");
        assertEquals(total, m.dl4j().numParams(), "DL4J numParams()");

        INDArray y = m.predict(x);
        assertArrayEquals(m.outputShape().withBatch(x.size(0)), y.shape(), "predict output shape");
        assertFalse(y.isNaN().any() || y.isInfinite().any(), "predict output is finite");

        List<INDArray> weights = m.getWeights();
        assertEquals(weightShapes.length, weights.size(), "number of weight arrays");
        for (int i = 0; i < weightShapes.length; i++) {
            assertArrayEquals(weightShapes[i], weights.get(i).shape(), "weight " + i + " shape, got "
                    + Arrays.toString(weights.get(i).shape()));
        }
    }

    private static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** N random examples of the given shape, in [-1, 1). */
    private static INDArray random(long... exampleShape) {
        Random r = new Random(42);
        long[] shape = Shape.of(exampleShape).withBatch(N);
        float[] v = new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return Nd4j.createFromArray(v).reshape('c', shape);
    }

    /** N sequences of {@code length} integer ids in [0, vocabulary). */
    private static INDArray ids(int vocabulary, int length) {
        Random r = new Random(7);
        int[][] v = new int[N][length];
        for (int[] row : v) {
            for (int t = 0; t < length; t++) {
                row[t] = r.nextInt(vocabulary);
            }
        }
        return Nd4j.createFromArray(v);
    }
}
