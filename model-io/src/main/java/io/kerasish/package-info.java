/**
 * The exceptions kerasish throws on purpose. Every one extends {@link io.kerasish.KerasishException}, so
 * {@code catch (KerasishException e)} catches all of them; each message names the layer, file or field that is
 * wrong and says how to fix it.
 */
package io.kerasish;
