package io.kerasish.layers;

import io.kerasish.initializers.Initializer;
import io.kerasish.initializers.Initializers;
import io.kerasish.internal.Activations;
import io.kerasish.internal.Dl4jInit;
import io.kerasish.regularizers.Regularizer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;

/**
 * The arguments Keras's weighted layers share (Dense, Conv2D, SimpleRNN, LSTM): {@code activation},
 * {@code use_bias}, {@code kernel_initializer} (default {@code glorot_uniform}), {@code bias_initializer}
 * (default {@code zeros}), {@code kernel_regularizer} and {@code bias_regularizer}.
 *
 * @param <L> the concrete layer type
 */
public abstract class KernelLayer<L extends KernelLayer<L>> extends Layer<L> {
    private String activation;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;

    protected KernelLayer(String defaultActivation) {
        this.activation = defaultActivation;
    }

    /** Keras activation name, e.g. {@code "relu"}; {@code "linear"} (none) unless the layer says otherwise. */
    public L activation(String name) {
        this.activation = Activations.check(name);
        return self();
    }

    public String activation() {
        return activation;
    }

    @Override
    public String outputActivation() {
        return activation;
    }

    public L useBias(boolean useBias) {
        this.useBias = useBias;
        return self();
    }

    public boolean useBias() {
        return useBias;
    }

    public L kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    public L kernelInitializer(Initializer init) {
        this.kernelInitializer = init;
        return self();
    }

    public Initializer kernelInitializer() {
        return kernelInitializer;
    }

    public L biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    public L biasInitializer(Initializer init) {
        this.biasInitializer = init;
        return self();
    }

    public Initializer biasInitializer() {
        return biasInitializer;
    }

    public L kernelRegularizer(Regularizer r) {
        this.kernelRegularizer = r;
        return self();
    }

    public L kernelRegularizer(String name) {
        return kernelRegularizer(io.kerasish.regularizers.Regularizers.get(name));
    }

    public Regularizer kernelRegularizer() {
        return kernelRegularizer;
    }

    public L biasRegularizer(Regularizer r) {
        this.biasRegularizer = r;
        return self();
    }

    public Regularizer biasRegularizer() {
        return biasRegularizer;
    }

    /** Applies activation, initializers and regularizers to a DL4J layer builder. */
    protected void configure(BaseLayer.Builder<?> b) {
        // kernels get their first values from KerasInit when the model builds (Keras's fan rules)
        b.activation(Activations.toDl4j(activation))
                .biasInit(Dl4jInit.biasInit(biasInitializer))
                .regularization(Dl4jInit.regularization(kernelRegularizer))
                .regularizationBias(Dl4jInit.regularization(biasRegularizer));
    }

    /** Keras's keys for activation, bias, initializers, regularizers and constraints, in Keras's order. */
    protected void addKernelConfig(java.util.Map<String, Object> c) {
        c.put("activation", activation);
        c.put("use_bias", useBias);
        c.put("kernel_initializer", Initializers.toConfig(kernelInitializer));
        c.put("bias_initializer", Initializers.toConfig(biasInitializer));
        c.put("kernel_regularizer", kernelRegularizer == null ? null : io.kerasish.regularizers.Regularizers.toConfig(kernelRegularizer));
        c.put("bias_regularizer", biasRegularizer == null ? null : io.kerasish.regularizers.Regularizers.toConfig(biasRegularizer));
        c.put("activity_regularizer", null);
        c.put("kernel_constraint", null);
        c.put("bias_constraint", null);
    }

    /** Reads what {@link #addKernelConfig} writes, and Keras 1's names for it ({@code init}, {@code W_regularizer}, ...). */
    protected L readKernelConfig(LayerConfig c) {
        activation(c.optString(activation, "activation"));
        useBias(c.optBool(true, "use_bias", "bias"));
        kernelInitializer(c.optInitializer(kernelInitializer, "kernel_initializer", "init"));
        biasInitializer(c.optInitializer(biasInitializer, "bias_initializer"));
        kernelRegularizer(c.optRegularizer("kernel_regularizer", "W_regularizer"));
        biasRegularizer(c.optRegularizer("bias_regularizer", "b_regularizer"));
        c.ignoredInTraining("activity_regularizer");
        c.ignoredInTraining("kernel_constraint", "W_constraint");
        c.ignoredInTraining("bias_constraint", "b_constraint");
        return self();
    }
}
