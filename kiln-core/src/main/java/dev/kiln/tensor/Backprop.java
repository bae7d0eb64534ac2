package dev.kiln.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reverse-mode differentiation: a topological sort of the graph, then each op's backward in reverse.
 *
 * <p>Bookkeeping lives on the nodes rather than in hash maps: a pass number marks the nodes a sort has
 * visited, and a node's incoming gradient waits in {@link Tensor#pendingGrad} until its turn. Leaves
 * never enter the sort; a gradient reaching one is added to its {@code grad} at once.
 */
final class Backprop {
    private Backprop() {}

    /** Pass numbers; a fresh one per pass means no node needs resetting between passes. */
    private static final AtomicLong PASSES = new AtomicLong();

    /** The gradient of a node with respect to its inputs, one entry per parent (null: no gradient). */
    interface Backward {
        Tensor[] apply(Tensor gradOutput);
    }

    static void run(Tensor root, Tensor seed) {
        if (root.parents == null) {
            accumulateLeaf(root, seed);
            return;
        }
        List<Tensor> order = topologicalOrder(root);
        root.pendingGrad = seed;
        try (GradMode ignored = GradMode.off()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor node = order.get(i);
                Tensor g = node.pendingGrad;
                if (g == null) continue;
                node.pendingGrad = null;
                Tensor[] pg = node.backward.apply(g);
                Tensor[] parents = node.parents;
                for (int j = 0; j < parents.length; j++) {
                    Tensor p = parents[j];
                    if (p == null || !p.requiresGrad || pg[j] == null) continue;
                    Tensor gj = pg[j].dtype == p.dtype ? pg[j] : pg[j].astype(p.dtype);
                    if (!gj.shape.equals(p.shape)) {
                        throw new IllegalStateException("backward of " + node.op + ": gradient of shape " + gj.shape
                                + " for an input of shape " + p.shape + " (internal error)");
                    }
                    if (p.parents == null) {
                        accumulateLeaf(p, gj);
                    } else {
                        Tensor prev = p.pendingGrad;
                        p.pendingGrad = prev == null ? gj : prev.add(gj);
                    }
                }
            }
        } finally {
            // a pass that failed part-way must not leave gradients for the next one
            for (int i = 0; i < order.size(); i++) order.get(i).pendingGrad = null;
        }
    }

    private static void accumulateLeaf(Tensor leaf, Tensor g) {
        if (leaf.grad == null) {
            leaf.grad = g;
        } else {
            try (GradMode ignored = GradMode.off()) {
                leaf.grad = leaf.grad.add(g);
            }
        }
    }

    /**
     * Non-leaf nodes in an order where every node comes after its parents; iterative (an explicit stack
     * of nodes and next-parent positions), so deep graphs do not overflow.
     */
    private static List<Tensor> topologicalOrder(Tensor root) {
        long pass = PASSES.incrementAndGet();
        List<Tensor> order = new ArrayList<>();
        Tensor[] stack = new Tensor[16];
        int[] next = new int[16];
        int top = 0;
        stack[0] = root;
        next[0] = 0;
        root.visitedPass = pass;
        while (top >= 0) {
            Tensor t = stack[top];
            Tensor[] ps = t.parents;
            int k = next[top];
            if (k < ps.length) {
                next[top] = k + 1;
                Tensor p = ps[k];
                if (p != null && p.requiresGrad && p.parents != null && p.visitedPass != pass) {
                    p.visitedPass = pass;
                    if (++top == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, top * 2);
                        next = java.util.Arrays.copyOf(next, top * 2);
                    }
                    stack[top] = p;
                    next[top] = 0;
                }
            } else {
                stack[top--] = null;
                order.add(t);
            }
        }
        return order;
    }
}
