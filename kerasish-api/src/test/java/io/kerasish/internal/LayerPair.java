package io.kerasish.internal;

import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's layer and kerasish's, set up to be compared: the same random parameters, uniform in
 * {@code [-scale / 2, scale / 2)}, and each its own zeroed flat gradient view, which the backward passes fill.
 */
record LayerPair(INDArray dl4jGradients, INDArray ourGradients) {
    static LayerPair of(Layer dl4j, Layer ours, long seed, double scale) {
        Nd4j.getRandom().setSeed(seed);
        ours.setParams(Nd4j.rand(DataType.FLOAT, 1, dl4j.numParams()).subi(0.5).muli(scale));
        dl4j.setParams(ours.params().dup());
        LayerPair pair = new LayerPair(Nd4j.zeros(DataType.FLOAT, 1, dl4j.numParams()),
                Nd4j.zeros(DataType.FLOAT, 1, dl4j.numParams()));
        dl4j.setBackpropGradientsViewArray(pair.dl4jGradients());
        ours.setBackpropGradientsViewArray(pair.ourGradients());
        return pair;
    }
}
