package io.kerasish.zoo;

import io.kerasish.layers.Conv2D;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Flatten;
import io.kerasish.layers.MaxPooling2D;
import io.kerasish.models.Sequential;

/**
 * LeNet-5 as the course builds it: 6 filters of 5x5 ("same" padding on 28x28 input), 2x2 max pooling, 16 filters
 * of 5x5, 2x2 max pooling, then dense layers of 120 and 84 ReLU units and a softmax over the classes.
 * 61,706 parameters for 28x28x1 input and 10 classes.
 */
public final class LeNet5 {
    private LeNet5() {
    }

    /** For 28x28 grey images and 10 classes. */
    public static Sequential build() {
        return build(28, 28, 1, 10);
    }

    public static Sequential build(int height, int width, int channels, int classes) {
        Sequential m = new Sequential("lenet5");
        m.add(new Conv2D(6, 5, 5).padding("same").activation("relu").inputShape(height, width, channels));
        m.add(new MaxPooling2D(2, 2));
        m.add(new Conv2D(16, 5, 5).activation("relu"));
        m.add(new MaxPooling2D(2, 2));
        m.add(new Flatten());
        m.add(new Dense(120).activation("relu"));
        m.add(new Dense(84).activation("relu"));
        m.add(new Dense(classes).activation("softmax"));
        return m;
    }
}
