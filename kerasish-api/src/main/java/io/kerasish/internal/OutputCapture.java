package io.kerasish.internal;

import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras computes training metrics on the outputs of the training step itself. DL4J's forward pass during fit
 * stops at the input of the output layer; this listener takes that input and applies the output layer (a small
 * matmul and activation), so metrics cost no second forward pass. The result lives outside DL4J's workspaces.
 */
public final class OutputCapture extends BaseTrainingListener {
    private INDArray output;

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        int last = net.getnLayers() - 1;
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray x = activations.get(activations.size() - 1).dup();
            InputPreProcessor pp = net.getLayerWiseConfigurations().getInputPreProcess(last);
            if (pp != null) {
                x = pp.preProcess(x, (int) x.size(0), LayerWorkspaceMgr.noWorkspaces());
            }
            output = net.getLayer(last).activate(x, false, LayerWorkspaceMgr.noWorkspaces()).detach();
        }
    }

    /** The outputs of the last training step, and forgets them. */
    public INDArray take() {
        INDArray o = output;
        output = null;
        return o;
    }
}
