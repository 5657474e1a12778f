package io.kerasish.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Base of the DL4J updaters kerasish supplies where DL4J's own differ from Keras (SGD with classical momentum,
 * Adagrad's initial accumulator, Adadelta's learning rate). Holds the learning rate or its schedule and the
 * state layout: {@link #stateNames()} arrays, each as long as the parameters, side by side in DL4J's view.
 */
public abstract class KerasUpdater implements IUpdater {
    private static final long serialVersionUID = 1L;
    protected double learningRate;
    protected ISchedule schedule;

    protected KerasUpdater(double learningRate) {
        this.learningRate = learningRate;
    }

    /** Names of the per-parameter state arrays (empty for none). */
    protected abstract String[] stateNames();

    /** Fills the state arrays when training starts. */
    protected void initState(Map<String, INDArray> state) {
        state.values().forEach(a -> a.assign(0));
    }

    /** Turns the gradient, in place, into the step DL4J subtracts from the parameters. */
    protected abstract void apply(INDArray gradient, Map<String, INDArray> state, double lr, int iteration);

    /**
     * The whole parameter update for one block of a training step ({@link FusedStep}): scales the summed gradient
     * (by 1 / batch size), applies {@link #apply} and subtracts the result from {@code params}. Subclasses may do it
     * in one pass; the gradient's contents afterwards are unspecified.
     */
    protected void applyAndStep(INDArray gradient, INDArray params, Map<String, INDArray> state, double lr,
            int iteration, float scale) {
        gradient.muli(scale);
        apply(gradient, state, lr, iteration);
        params.subi(gradient);
    }

    @Override
    public long stateSize(long numParams) {
        return stateNames().length * numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        int k = stateNames().length;
        if (k > 0) {
            // the view holds k state arrays side by side; each has the shape of the gradient
            long[] gradientShape = {1, viewArray.length() / k};
            u.setStateViewArray(viewArray, gradientShape, viewArray.ordering(), initializeViewArray);
        }
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> state, boolean initializeStateArrays) {
        Updater u = new Updater(this);
        u.setState(state, initializeStateArrays);
        return u;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return schedule != null ? schedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.schedule = lrSchedule;
    }

    @Override
    public KerasUpdater clone() {
        try {
            return (KerasUpdater) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((KerasUpdater) o).learningRate == learningRate
                && Objects.equals(((KerasUpdater) o).schedule, schedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), learningRate);
    }

    /** The DL4J-side updater: slices the state view and delegates the arithmetic to its config. */
    static final class Updater implements GradientUpdater<KerasUpdater> {
        private final KerasUpdater config;
        private final Map<String, INDArray> state = new LinkedHashMap<>();

        Updater(KerasUpdater config) {
            this.config = config;
        }

        @Override
        public KerasUpdater getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> stateMap, boolean initialize) {
            state.clear();
            for (String n : config.stateNames()) {
                INDArray a = stateMap.get(n);
                if (a == null) {
                    throw new IllegalStateException("updater state '" + n + "' missing");
                }
                state.put(n, a);
            }
            if (initialize) {
                config.initState(state);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            return state;
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            String[] names = config.stateNames();
            long n = viewArray.length() / names.length;
            INDArray flat = viewArray.reshape(viewArray.length());
            state.clear();
            for (int i = 0; i < names.length; i++) {
                state.put(names[i], flat.get(NDArrayIndex.interval(i * n, (i + 1) * n)).reshape(gradientOrder, gradientShape));
            }
            if (initialize) {
                config.initState(state);
            }
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            shapeStateLike(gradient);
            config.apply(gradient, state, config.getLearningRate(iteration, epoch), iteration);
        }

        /** See {@link KerasUpdater#applyAndStep}; {@code gradient} and {@code params} have the same shape. */
        void applyAndStep(INDArray gradient, INDArray params, float scale, int iteration, int epoch) {
            shapeStateLike(gradient);
            config.applyAndStep(gradient, params, state, config.getLearningRate(iteration, epoch), iteration, scale);
        }

        private void shapeStateLike(INDArray gradient) {
            for (Map.Entry<String, INDArray> e : state.entrySet()) {
                if (!java.util.Arrays.equals(e.getValue().shape(), gradient.shape())) {
                    e.setValue(e.getValue().reshape(gradient.ordering(), gradient.shape())); // a view, not a copy
                }
            }
        }
    }
}
