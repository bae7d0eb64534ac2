package dev.kiln.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void creationShapesAndDtypes() {
        Tensor m = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(Shape.of(2, 3), m.shape());
        assertEquals(DType.FLOAT32, m.dtype());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, m.toDoubleArray());
        assertEquals(DType.INT32, Tensor.of(new int[] {0, 2, 1}).dtype());
        assertEquals(DType.FLOAT64, Tensor.of(new double[] {1}, DType.FLOAT64).dtype());
        assertEquals(7.5, Tensor.scalar(7.5).item());
        assertEquals(Shape.scalar(), Tensor.scalar(1).shape());
        assertArrayEquals(new double[] {0, 1, 2, 3}, Tensor.arange(4).toDoubleArray());
        assertArrayEquals(new double[] {0.5, 1.0, 1.5}, Tensor.arange(0.5, 2.0, 0.5).toDoubleArray());
        assertArrayEquals(new double[] {3, 3}, Tensor.full(3, 2).toDoubleArray());
        assertEquals(6.0, m.getDouble(1, 2));
        assertEquals(4.0, m.getDouble(-1, 0));
    }

    @Test
    void raggedRowsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("row 1 has length 1, expected 2"), e.getMessage());
    }

    @Test
    void seededRandomIsReproducible() {
        assertArrayEquals(Tensor.randomNormal(7, 0, 1, 5).toFloatArray(), Tensor.randomNormal(7, 0, 1, 5).toFloatArray());
        Tensor u = Tensor.randomUniform(3, -1, 1, 1000);
        assertTrue(u.min().item() >= -1 && u.max().item() < 1);
    }

    @Test
    void broadcastingArithmetic() {
        Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, a.add(Tensor.of(new double[] {10, 20, 30})).toDoubleArray());
        assertArrayEquals(new double[] {2, 3, 4, 6, 7, 8}, a.add(Tensor.of(new double[][] {{1}, {2}})).toDoubleArray());
        assertArrayEquals(new double[] {0.5, 1, 1.5, 2, 2.5, 3}, a.div(2).toDoubleArray());
        Tensor outer = Tensor.of(new double[][] {{1}, {2}}).mul(Tensor.of(new double[][] {{1, 10, 100}}));
        assertEquals(Shape.of(2, 3), outer.shape());
        assertArrayEquals(new double[] {1, 10, 100, 2, 20, 200}, outer.toDoubleArray());
    }

    @Test
    void broadcastErrorNamesOpShapesAndAxis() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)));
        assertEquals("add: shapes (2, 3) and (4,) cannot be broadcast together: 3 != 4 at axis -1", e.getMessage());
    }

    @Test
    void matmulErrorMatchesTheContract() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(32, 2).matmul(Tensor.zeros(20, 25)));
        assertEquals("matmul: (32, 2) and (20, 25) cannot be multiplied: 2 != 20", e.getMessage());
    }

    @Test
    void matmulValuesAndVectorRules() {
        Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor b = Tensor.of(new double[][] {{5, 6}, {7, 8}});
        assertArrayEquals(new double[] {19, 22, 43, 50}, a.matmul(b).toDoubleArray());
        Tensor v = Tensor.of(new double[] {1, 1});
        assertEquals(Shape.of(2), a.matmul(v).shape());
        assertArrayEquals(new double[] {3, 7}, a.matmul(v).toDoubleArray());
        assertArrayEquals(new double[] {4, 6}, v.matmul(a).toDoubleArray());
        assertEquals(Shape.of(4, 3, 5), Tensor.zeros(4, 3, 2).matmul(Tensor.zeros(2, 5)).shape());
        assertEquals(Shape.scalar(), v.matmul(v).shape());
        assertEquals(2.0, v.matmul(v).item());
        assertEquals(Shape.of(2, 3), Tensor.of(new double[] {1, 2, 3, 4}).matmul(Tensor.zeros(2, 4, 3)).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5)));
        assertTrue(e.getMessage().startsWith("matmul: the batch dimensions (2,) of (2, 3, 4) and (3,) of (3, 4, 5)"), e.getMessage());
    }

    @Test
    void reductionsWithAxesAndKeepdims() {
        Tensor x = Tensor.arange(0, 24, 1).reshape(2, 3, 4);
        assertEquals(276.0, x.sum().item());
        assertEquals(Shape.of(2, 4), x.sum(1).shape());
        assertEquals(Shape.of(1, 3, 1), x.sum(new int[] {0, 2}, true).shape());
        assertArrayEquals(new double[] {6, 22, 38, 54, 70, 86}, x.sum(-1).toDoubleArray());
        assertArrayEquals(new double[] {3, 7, 11, 15, 19, 23}, x.max(2).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 2, 3}, x.min(new int[] {0, 1}, false).toDoubleArray());
        assertArrayEquals(new double[] {5.5, 17.5}, x.mean(new int[] {1, 2}, false).toDoubleArray());
        assertArrayEquals(new double[] {2, 1}, Tensor.of(new double[][] {{1, 2, 9}, {0, 7, 7}}).argmax(1).toDoubleArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.sum(3));
        assertTrue(e.getMessage().startsWith("sum: axis 3 is out of range for a tensor of rank 3"), e.getMessage());
    }

    @Test
    void softmaxFamilyIsStableForHugeLogits() {
        Tensor x = Tensor.of(new double[][] {{1e4, 0, -1e4}, {1, 2, 3}});
        double[] s = x.softmax(-1).toDoubleArray();
        assertEquals(1.0, s[0], 1e-7);
        assertEquals(0.0, s[1], 1e-7);
        double[] ls = x.logSoftmax(-1).toDoubleArray();
        assertEquals(-1e4, ls[1], 1e-3);
        assertEquals(-2e4, ls[2], 1e-2);
        assertEquals(1e4, x.logSumExp(1).toDoubleArray()[0], 1e-3);
        assertEquals(3 + Math.log(1 + Math.exp(-1) + Math.exp(-2)), x.logSumExp(1).toDoubleArray()[1], 1e-6);
        Tensor big = Tensor.of(new double[] {-1000, 1000}, DType.FLOAT64);
        assertArrayEquals(new double[] {0, 1000}, big.softplus().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {1000 - Math.log(2), 1000 - Math.log(2)}, big.logCosh().toDoubleArray(), 1e-9);
        assertArrayEquals(new double[] {0, 1}, big.sigmoid().toDoubleArray(), 0);
    }

    @Test
    void shapeOps() {
        Tensor x = Tensor.arange(0, 6, 1).reshape(2, 3);
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, x.transpose().toDoubleArray());
        assertEquals(Shape.of(3, 2), x.reshape(-1, 2).shape());
        assertEquals(Shape.of(2, 1, 3), x.expandDims(1).shape());
        assertEquals(Shape.of(2, 3), x.expandDims(0).squeeze(0).shape());
        Tensor c = Tensor.concat(List.of(x, x), 1);
        assertArrayEquals(new double[] {0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}, c.toDoubleArray());
        assertEquals(Shape.of(2, 2, 3), Tensor.stack(List.of(x, x), 0).shape());
        assertArrayEquals(new double[] {3, 4, 5}, x.slice(1, 2).toDoubleArray());
        assertArrayEquals(new double[] {1, 2, 4, 5}, x.slice(1, 1, 3).toDoubleArray());
        assertArrayEquals(new double[] {3, 4, 5, 0, 1, 2, 3, 4, 5}, x.gather(new int[] {1, 0, 1}).toDoubleArray());
        assertArrayEquals(new double[] {2, 3}, x.takeAlongAxis(Tensor.of(new int[] {2, 0}).reshape(2, 1), 1).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 1}, Tensor.oneHot(Tensor.of(new int[] {1, 2}), 3).toDoubleArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.oneHot(Tensor.of(new int[] {3}), 3));
        assertTrue(e.getMessage().contains("not an integer in [0, 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.gather(new int[] {2}));
        assertThrows(IllegalArgumentException.class, () -> x.reshape(4, 2));
    }

    @Test
    void comparisonsAndWhere() {
        Tensor x = Tensor.of(new double[] {-1, 0, 2});
        assertArrayEquals(new double[] {0, 0, 1}, x.greater(0).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 1}, x.greaterEqual(0).toDoubleArray());
        assertArrayEquals(new double[] {-1, 0, 0}, Tensor.where(x.less(0), x, Tensor.scalar(0)).toDoubleArray());
        assertArrayEquals(new double[] {-0.5, 0, 0.5}, x.clip(-0.5, 0.5).toDoubleArray());
        assertArrayEquals(new double[] {0, -0.0, 2}, Tensor.of(new double[] {0.5, -0.4, 2.5}).round().toDoubleArray());
    }

    @Test
    void backwardAccumulatesOnLeavesAndGradModeOffRecordsNothing() {
        Tensor w = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true);
        Tensor v = Tensor.of(new double[] {1, 1});
        Tensor loss = w.matmul(v).square().sum();
        loss.backward();
        assertArrayEquals(new double[] {6, 6, 14, 14}, w.grad().toDoubleArray());
        w.matmul(v).square().sum().backward();
        assertArrayEquals(new double[] {12, 12, 28, 28}, w.grad().toDoubleArray());
        w.zeroGrad();
        assertNull(w.grad());
        try (GradMode g = GradMode.off()) {
            Tensor y = w.mul(2);
            assertFalse(y.requiresGrad());
            assertThrows(IllegalStateException.class, () -> y.sum().backward());
        }
        assertTrue(w.mul(2).requiresGrad());
        assertFalse(w.mul(2).detach().requiresGrad());
    }

    @Test
    void backwardNeedsAScalar() {
        Tensor w = Tensor.ones(3).requiresGrad(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.mul(2).backward());
        assertTrue(e.getMessage().contains("expected a scalar"), e.getMessage());
    }

    @Test
    void sharedSubexpressionsGetSummedGradients() {
        Tensor x = Tensor.of(new double[] {2}, DType.FLOAT64).requiresGrad(true);
        Tensor y = x.mul(x).add(x);   // dy/dx = 2x + 1 = 5
        y.sum().backward();
        assertEquals(5.0, x.grad().item());
    }

    @Test
    void deepGraphsDoNotOverflowTheStack() {
        Tensor x = Tensor.scalar(1.0, DType.FLOAT64).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) y = y.add(1e-6);
        y.backward();
        assertEquals(1.0, x.grad().item());
    }

    @Test
    void float32GradientsStayFloat32AndMixedDtypesPromote() {
        Tensor w = Tensor.ones(2).requiresGrad(true);
        w.mul(Tensor.of(new double[] {1, 2}, DType.FLOAT64)).sum().backward();
        assertEquals(DType.FLOAT32, w.grad().dtype());
        assertEquals(DType.FLOAT64, Tensor.ones(2).add(Tensor.ones(DType.FLOAT64, 2)).dtype());
        assertEquals(DType.FLOAT32, Tensor.of(new int[] {1, 2}).add(1).dtype());
    }

    @Test
    void printsLikeNumpy() {
        assertEquals("tensor([[1. , 2.5],\n        [3. , 4. ]])", Tensor.of(new double[][] {{1, 2.5}, {3, 4}}).toString());
        assertEquals("tensor([0, 1, 2], dtype=int32)", Tensor.arange(3).toString());
        assertEquals("tensor(0.5, dtype=float64)", Tensor.scalar(0.5, DType.FLOAT64).toString());
        assertEquals("tensor([0.33333334])", Tensor.of(new double[] {1.0 / 3}).toString());
        assertTrue(Tensor.zeros(2000).toString().contains("..."));
    }
}
