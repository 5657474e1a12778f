package io.kerasish.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidConfigException;
import io.kerasish.layers.Dense;
import io.kerasish.layers.LSTM;
import io.kerasish.models.Fit;
import io.kerasish.models.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** kerasish's thread choice per model, and the user's settings that override it. */
class NativeSetupTest {
    @Test
    void recurrentModelsGetOneThreadOthersEveryCore() {
        assertEquals(1, NativeSetup.chooseThreads(true, null, null, 16));
        assertEquals(16, NativeSetup.chooseThreads(false, null, null, 16));
        assertEquals(1, NativeSetup.chooseThreads(false, null, null, 0));
    }

    @Test
    void thePropertyWinsAndOmpNumThreadsIsLeftAlone() {
        assertEquals(3, NativeSetup.chooseThreads(true, " 3", "1", 2));
        assertEquals(-1, NativeSetup.chooseThreads(true, null, "4", 2));
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> NativeSetup.chooseThreads(false, "all", null, 2));
        assertTrue(e.getMessage().contains("kerasish.threads=all") && e.getMessage().contains("positive integer"),
                e.getMessage());
        assertThrows(InvalidConfigException.class, () -> NativeSetup.chooseThreads(false, "0", null, 2));
    }

    /** fit and predict apply the choice on the thread that trains; the property is read at each call. */
    @Test
    void fitAndPredictApplyTheCount() {
        String old = System.getProperty(NativeSetup.THREADS_PROPERTY);
        try {
            Sequential m = new Sequential().seed(1);
            m.add(new LSTM(4).inputShape(3, 2));
            m.add(new Dense(1));
            m.compile("adam", "mse");
            System.setProperty(NativeSetup.THREADS_PROPERTY, "2");
            m.fit(Nd4j.rand(DataType.FLOAT, 4, 3, 2), Nd4j.rand(DataType.FLOAT, 4, 1), Fit.verbose(0));
            assertEquals(2, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
            // libnd4j caps its count at the threads it started with (1 here: the tests run with OMP_NUM_THREADS=1)
            assertEquals(Math.min(2, Nd4j.getEnvironment().maxThreads()), Nd4j.getEnvironment().maxMasterThreads());
            System.setProperty(NativeSetup.THREADS_PROPERTY, "1");
            m.predict(Nd4j.rand(DataType.FLOAT, 4, 3, 2));
            assertEquals(1, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
            assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
        } finally {
            if (old == null) {
                System.clearProperty(NativeSetup.THREADS_PROPERTY);
            } else {
                System.setProperty(NativeSetup.THREADS_PROPERTY, old);
            }
        }
    }
}
