package io.kerasish.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What a DL4J layer configuration's {@code instantiate} does with the layer it creates, for kerasish's own layers. */
final class Dl4jLayers {
    private Dl4jLayers() {
    }

    static Layer wire(Layer layer, ParamInitializer initializer, NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int index, INDArray params, boolean initialize) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(params);
        layer.setParamTable(initializer.init(conf, params, initialize));
        layer.setConf(conf);
        return layer;
    }

    /**
     * {@code copy} with every instance field of {@code built} declared in {@code type} and its superclasses: how a
     * kerasish subclass of a DL4J layer configuration takes over a built one (DL4J's builder constructors are private).
     */
    static <T, C extends T> C copyFields(Class<T> type, T built, C copy) {
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    try {
                        f.setAccessible(true);
                        f.set(copy, f.get(built));
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        throw new IllegalStateException("cannot copy " + type.getSimpleName() + "." + f.getName()
                                + " (has the DL4J version changed?): " + e, e);
                    }
                }
            }
        }
        return copy;
    }
}
