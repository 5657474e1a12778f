package io.kerasish.zoo.figures;

/**
 * One of the zoo's measured results (issue 5's "done when" figures): trains or runs a model on real data and
 * returns a Markdown section for {@code scripts/results/zoo.md}. Figures are produced by {@code scripts/zoo-results},
 * never asserted by timed unit tests.
 */
public interface Figure {
    /** A short title, e.g. "LeNet-5 on Fashion-MNIST". */
    String title();

    /**
     * Runs it and returns Markdown (a few lines or a table: the numbers, the settings, the time taken). When the
     * data it needs is missing it returns a line saying which file to put where, rather than failing.
     *
     * @param quick a reduced run (seconds), to check that the figure works
     */
    String run(boolean quick);
}
