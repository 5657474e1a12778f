package io.kerasish.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.models.Sequential;
import org.junit.jupiter.api.Test;

/** LeNet-5 has Keras's shapes and parameter count. */
class LeNet5Test {
    @Test
    void summaryMatchesKeras() {
        Sequential m = LeNet5.build();
        String s = m.summaryString();
        assertTrue(s.contains("conv2d (Conv2D)              (None, 28, 28, 6)         156"), s);
        assertTrue(s.contains("flatten (Flatten)            (None, 400)               0"), s);
        assertTrue(s.contains("Total params: 61,706"), s);
        assertEquals(61_706, m.countParams());
    }
}
