package dev.kiln.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reverse-mode differentiation: a topological sort of the graph, then each op's backward in reverse. */
final class Backprop {
    private Backprop() {}

    /** The gradient of a node with respect to its inputs, one entry per parent (null: no gradient). */
    interface Backward {
        Tensor[] apply(Tensor gradOutput);
    }

    static void run(Tensor root, Tensor seed) {
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(root, seed);
        try (GradMode ignored = GradMode.off()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor node = order.get(i);
                Tensor g = grads.remove(node);
                if (g == null) continue;
                if (node.parents == null) {
                    node.grad = node.grad == null ? g : node.grad.add(g);
                    continue;
                }
                Tensor[] pg = node.backward.apply(g);
                for (int j = 0; j < node.parents.length; j++) {
                    Tensor p = node.parents[j];
                    if (p == null || !p.requiresGrad || pg[j] == null) continue;
                    Tensor gj = pg[j].dtype == p.dtype ? pg[j] : pg[j].astype(p.dtype);
                    if (!gj.shape.equals(p.shape)) {
                        throw new IllegalStateException("backward of " + node.op + ": gradient of shape " + gj.shape
                                + " for an input of shape " + p.shape + " (internal error)");
                    }
                    Tensor prev = grads.get(p);
                    grads.put(p, prev == null ? gj : prev.add(gj));
                }
            }
        }
    }

    /** Nodes in an order where every node comes after its parents; iterative, so deep graphs do not overflow. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        stack.push(root);
        next.push(0);
        visited.add(root);
        while (!stack.isEmpty()) {
            Tensor t = stack.peek();
            int k = next.pop();
            Tensor[] ps = t.parents;
            if (ps != null && k < ps.length) {
                next.push(k + 1);
                Tensor p = ps[k];
                if (p != null && p.requiresGrad && visited.add(p)) {
                    stack.push(p);
                    next.push(0);
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
