/**
 * Not API. Every translation to DL4J and every DL4J quirk kerasish works around, in one place: the layer-list
 * builder ({@code Translation}), weight layout conversions, Keras's initializers, the oneDNN helper fix, the
 * channels-first permutes, Keras-exact updaters and losses DL4J lacks, sample weights, process settings.
 */
package io.kerasish.internal;
