/**
 * Training callbacks. Implement {@link io.kerasish.callbacks.Callback} (every hook has a no-op default) and pass
 * it with {@code fit(x, y, callbacks(myCallback))}; stop training from a hook with
 * {@code model.stopTraining(true)}. {@link io.kerasish.callbacks.ProgbarLogger} is the progress output that
 * {@code verbose(1)} and {@code verbose(2)} switch on, and {@link io.kerasish.callbacks.Progbar} the bar itself.
 */
package io.kerasish.callbacks;
