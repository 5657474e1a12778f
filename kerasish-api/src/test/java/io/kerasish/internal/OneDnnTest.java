package io.kerasish.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kerasish.layers.Conv2D;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Flatten;
import io.kerasish.layers.MaxPooling2D;
import io.kerasish.models.Fit;
import io.kerasish.models.Sequential;
import java.lang.reflect.Field;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The oneDNN fix is in force: when the native library has oneDNN, DL4J's support check passes through the shim
 * and convolution layers really get their oneDNN helpers. If a DL4J upgrade changes the lookup, this fails instead
 * of silently running 4-14x slower. Pooling layers are kerasish's {@link NativePooling}, on libnd4j's own kernels.
 */
class OneDnnTest {
    @Test
    void convolutionAndPoolingGetOneDnnHelpers() throws Exception {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(4, 3).activation("relu").inputShape(8, 8, 1));
        m.add(new MaxPooling2D(2));
        m.add(new Flatten());
        m.add(new Dense(2).activation("softmax"));
        m.compile("adam", "categorical_crossentropy");
        m.fit(Nd4j.rand(DataType.FLOAT, 8, 8, 8, 1), Nd4j.eye(2).repeat(0, 4), Fit.verbose(0));
        assumeTrue(OneDnn.nativeUsesOneDnn(), "this ND4J build has no oneDNN (not the onednn classifier)");
        assertEquals("false", System.getProperty(OneDnn.DISABLE_PROPERTY));
        assertEquals(true, BaseMKLDNNHelper.mklDnnEnabled(), "DL4J's oneDNN check fails: is the Nd4jCpu shim still found?");
        assertNotNull(helper(m.dl4j().getLayer(0), ConvolutionLayer.class), "Conv2D has no oneDNN helper");
        assertInstanceOf(NativePooling.Impl.class, m.dl4j().getLayer(1));
        assertNull(helper(m.dl4j().getLayer(1), SubsamplingLayer.class), "pooling runs on libnd4j's kernels");
    }

    /**
     * BatchNormalization keeps its oneDNN helper after Dense (DL4J reshapes the features to [batch, features, 1, 1],
     * channels first) and after Conv2D (channels-last): a helper that fails prints libnd4j's error and a stack trace
     * and DL4J falls back to its own code for good, counting the failure.
     */
    @Test
    void batchNormalizationKeepsItsHelperAfterDenseAndConv2D() throws Exception {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(4, 3).inputShape(8, 8, 1));
        m.add(new io.kerasish.layers.BatchNormalization());
        m.add(new Flatten());
        m.add(new Dense(6));
        m.add(new io.kerasish.layers.BatchNormalization());
        m.add(new Dense(2).activation("softmax"));
        m.compile("adam", "categorical_crossentropy");
        m.fit(Nd4j.rand(DataType.FLOAT, 8, 8, 8, 1), Nd4j.eye(2).repeat(0, 4), Fit.verbose(0), Fit.epochs(2));
        m.predict(Nd4j.rand(DataType.FLOAT, 3, 8, 8, 1));
        assumeTrue(OneDnn.nativeUsesOneDnn(), "this ND4J build has no oneDNN (not the onednn classifier)");
        int found = 0;
        for (int i = 0; i < m.dl4j().getnLayers(); i++) {
            Object layer = m.dl4j().getLayer(i);
            if (!BN.isInstance(layer)) {
                continue;
            }
            found++;
            assertNotNull(helper(layer, BN), "BatchNormalization (layer " + i + ") has no oneDNN helper");
            Field fails = BN.getDeclaredField("helperCountFail");
            fails.setAccessible(true);
            assertEquals(0, fails.getInt(layer), "BatchNormalization (layer " + i + "): DL4J fell back from oneDNN");
        }
        assertEquals(2, found, "BatchNormalization layers in the DL4J network");
    }

    private static final Class<?> BN = org.deeplearning4j.nn.layers.normalization.BatchNormalization.class;

    private static Object helper(Object layer, Class<?> type) throws ReflectiveOperationException {
        Field f = type.getDeclaredField("helper");
        f.setAccessible(true);
        return f.get(layer);
    }
}
