package io.kerasish.bench;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Hand-written raw DL4J 1.0.0-M2.1 baselines for the benchmark: float32, Adam(1e-3) (RMSprop for the char-LSTM),
 * Keras's epsilon 1e-7, Xavier-uniform weights,
 * zero biases, workspaces ENABLED for training and inference (the default, stated explicitly).
 *
 * <p>{@link #mlp(long)} expects inputs of shape {@code [N, 784]} scaled to [0,1].
 *
 * <p>{@link #lenet5(long)} uses <b>NCHW</b> throughout and expects inputs of shape {@code [N, 1, 28, 28]}.
 * NCHW is deliberate: with the oneDNN layer helpers enabled, DL4J M2.1's oneDNN convolution helper is broken for
 * NHWC (measured: SIGSEGV in native code with 2 OpenMP threads, NaN loss with 1), and NHWC without helpers is
 * ~5x slower than NCHW with them.
 *
 * <p>For the measured speed the process also needs {@code -Dorg.eclipse.deeplearning4j.helpers.disable=false},
 * the {@code org.nd4j.nativeblas.Nd4jCpu$Environment} shim on the classpath, and OpenBLAS limited to one thread
 * ({@code Nd4j.factory().blas().setMaxThreads(1)}) on a 2-core machine. None of that is done here.
 */
public final class RawModels {
    private RawModels() {
    }

    private static NeuralNetConfiguration.ListBuilder base(long seed) {
        return base(seed, new Adam(1e-3, 0.9, 0.999, 1e-7));
    }

    private static NeuralNetConfiguration.ListBuilder base(long seed, IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .biasInit(0)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
    }

    /** 784-512(relu)-256(relu)-10(softmax, MCXENT). Input {@code [N, 784]}. */
    public static MultiLayerNetwork mlp(long seed) {
        MultiLayerConfiguration conf = base(seed)
                .layer(new DenseLayer.Builder().nIn(784).nOut(512).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(512).nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(256).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(784))
                .build();
        return init(conf);
    }

    /** LeNet-5 for 28x28x1, NCHW: input {@code [N, 1, 28, 28]}. */
    public static MultiLayerNetwork lenet5(long seed) {
        CNN2DFormat f = CNN2DFormat.NCHW;
        MultiLayerConfiguration conf = base(seed)
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(6).stride(1, 1)
                        .convolutionMode(ConvolutionMode.Same).dataFormat(f).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).dataFormat(f).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).stride(1, 1)
                        .convolutionMode(ConvolutionMode.Truncate).dataFormat(f).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).dataFormat(f).build())
                .layer(new DenseLayer.Builder().nOut(120).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(84).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1, f))
                .build();
        return init(conf);
    }

    /**
     * The IMDB model: Embedding(500, 32) -> Dropout(0.2) -> LSTM(32), last step -> Dropout(0.2) -> Dense(1, sigmoid).
     * Input {@code [N, steps]} word ids, padded in front with 0, trained with a features mask ({@code ids != 0}):
     * DL4J's LSTM restarts from a zero state at masked steps, which for padding in front is Keras's masking. The
     * dropouts are the layers' own input dropout ({@code dropOut(retain)}), DL4J's idiom: M2.1's DropoutLayer
     * fails on a masked sequence ("Mismatched shapes").
     */
    public static MultiLayerNetwork imdb(long seed, int numWords, int maxlen, int embedding, int units, double dropout) {
        MultiLayerConfiguration conf = base(seed)
                .layer(new EmbeddingSequenceLayer.Builder().nIn(numWords).nOut(embedding).hasBias(false)
                        .inputLength(maxlen).outputDataFormat(RNNFormat.NWC).build())
                .layer(new LastTimeStep(new LSTM.Builder().nIn(embedding).nOut(units).activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID).forgetGateBiasInit(1).dataFormat(RNNFormat.NWC)
                        .dropOut(1 - dropout).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(units).nOut(1)
                        .activation(Activation.SIGMOID).dropOut(1 - dropout).build())
                .build();
        return init(conf);
    }

    /** The char-LSTM: LSTM(units), last step -> Dense(vocab, softmax), RMSprop(0.01). Input {@code [N, steps, vocab]}. */
    public static MultiLayerNetwork charLstm(long seed, int vocab, int units) {
        MultiLayerConfiguration conf = base(seed, new RmsProp(0.01, 0.9, 1e-7))
                .layer(new LastTimeStep(new LSTM.Builder().nIn(vocab).nOut(units).activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID).forgetGateBiasInit(1).dataFormat(RNNFormat.NWC).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(units).nOut(vocab)
                        .activation(Activation.SOFTMAX).build())
                .build();
        return init(conf);
    }

    /** VGG-16 for 224x224x3 in NCHW (input {@code [N, 3, 224, 224]}), 1000 softmax outputs; for inference. */
    public static MultiLayerNetwork vgg16(long seed) {
        CNN2DFormat f = CNN2DFormat.NCHW;
        NeuralNetConfiguration.ListBuilder b = base(seed);
        int[][] blocks = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
        for (int[] block : blocks) {
            for (int filters : block) {
                b.layer(new ConvolutionLayer.Builder(3, 3).nOut(filters).stride(1, 1).convolutionMode(ConvolutionMode.Same)
                        .dataFormat(f).activation(Activation.RELU).build());
            }
            b.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                    .dataFormat(f).build());
        }
        b.layer(new DenseLayer.Builder().nOut(4096).activation(Activation.RELU).build());
        b.layer(new DenseLayer.Builder().nOut(4096).activation(Activation.RELU).build());
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(1000).activation(Activation.SOFTMAX).build());
        return init(b.setInputType(InputType.convolutional(224, 224, 3, f)).build());
    }

    private static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
