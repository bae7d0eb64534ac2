package dev.kiln.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.testing.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forward values of the tensor ops against numpy (tools/reference/tensor_ops.py wrote
 * reference/tensor_ops.json from float32 inputs, computing in float64). Each case runs twice:
 * in float64, where only the order of operations can differ (bound 1e-12 relative), and in float32,
 * where each op rounds its result (bound 1e-6 relative ≈ 8 float32 ulps: one rounding for element-wise
 * ops, a few more for the accumulations of sums, matmul and the softmax family over ≤ 24 terms).
 */
class TensorOpsReferenceTest {
    private static final List<Object> CASES = Json.arr(Json.obj(Json.resource("/reference/tensor_ops.json")).get("cases"));

    static Stream<Arguments> cases() {
        return CASES.stream().map(c -> Arguments.of(Json.obj(c).get("id"), Json.obj(c)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesNumpy(String id, Map<String, Object> c) {
        for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            List<Tensor> in = new ArrayList<>();
            for (Object o : Json.arr(c.get("inputs"))) in.add(tensor(Json.obj(o), dt));
            Map<String, Object> args = c.containsKey("args") ? Json.obj(c.get("args")) : Map.of();
            if (c.containsKey("error") || id.equals("oneHot/out_of_range")) {
                // numpy refuses this input, or (oneHot) JAX zero-fills an out-of-range label where Kiln
                // prefers a clear error: either way we must throw an IllegalArgumentException naming the op
                // numpy refuses this input: so must we, with an IllegalArgumentException that names the op
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> apply((String) c.get("op"), in, args), id + " should be rejected: " + c.get("error"));
                assertTrue(e.getMessage().startsWith(opName((String) c.get("op"))), id + ": message should name the op: " + e.getMessage());
                continue;
            }
            Tensor out = apply((String) c.get("op"), in, args);
            Map<String, Object> e = Json.obj(c.get("expected"));
            assertArrayEquals(Json.ints(e.get("shape")), out.shape().toArray(), id + " shape");
            double[] want = Json.doubles(e.get("data")), got = out.toDoubleArray();
            double rel = dt == DType.FLOAT64 ? 1e-12 : 1e-6;
            if (dt == DType.FLOAT32) {
                // the reference is exact in float64; a float32 result is at best its rounding (e^100 is inf)
                for (int i = 0; i < want.length; i++) want[i] = (float) want[i];
            }
            for (int i = 0; i < want.length; i++) {
                if (Double.isNaN(want[i]) && Double.isNaN(got[i])) continue;
                if (want[i] == got[i]) continue;
                if (!(Math.abs(want[i] - got[i]) <= rel * Math.max(1.0, Math.abs(want[i])))) {
                    fail(id + " in " + dt + ": element " + i + " expected " + want[i] + " got " + got[i]);
                }
            }
        }
    }

    @Test
    void everyPublicOpOfTheContractHasReferenceCases() {
        Set<String> ops = new java.util.HashSet<>();
        for (Object o : CASES) ops.add((String) Json.obj(o).get("op"));
        for (String op : List.of("add", "sub", "mul", "div", "pow", "maximum", "minimum", "neg", "exp", "log", "log1p", "sqrt",
                "square", "abs", "sign", "sigmoid", "tanh", "relu", "softplus", "logCosh", "round", "floor", "clip", "where",
                "greater", "greaterEqual", "less", "lessEqual", "equal", "notEqual", "matmul", "sum", "mean", "max", "min",
                "argmax", "logSumExp", "softmax", "logSoftmax", "transpose", "reshape", "concat", "stack", "squeeze",
                "expandDims", "broadcastTo", "slice", "takeAlongAxis", "oneHot", "gather")) {
            assertTrue(ops.contains(op), "no numpy reference case for " + op);
        }
    }

    private static Tensor tensor(Map<String, Object> t, DType floatType) {
        int[] shape = Json.ints(t.get("shape"));
        double[] data = Json.doubles(t.get("data"));
        String dtype = (String) t.get("dtype");
        DType dt = dtype.startsWith("int") ? DType.INT32 : floatType;
        return Tensor.fromFlat(data, dt, shape);
    }

    private static int[] axes(Object a) {
        if (a == null) return null;
        if (a instanceof List) return Json.ints(a);
        return new int[] {((Number) a).intValue()};
    }

    private static int num(Map<String, Object> args, String key) { return ((Number) args.get(key)).intValue(); }

    private static boolean keep(Map<String, Object> args) { return Boolean.TRUE.equals(args.get("keepdims")); }

    /** The op name an error message starts with (the static forms name their Tensor method). */
    private static String opName(String op) {
        return op;
    }

    private static Tensor apply(String op, List<Tensor> in, Map<String, Object> args) {
        Tensor a = in.get(0);
        Tensor b = in.size() > 1 ? in.get(1)
                : args.get("scalar") != null ? Tensor.scalar(((Number) args.get("scalar")).doubleValue(), a.dtype()) : null;
        switch (op) {
            case "add": return a.add(b);
            case "sub": return a.sub(b);
            case "mul": return a.mul(b);
            case "div": return a.div(b);
            case "pow": return a.pow(b);
            case "maximum": return a.maximum(b);
            case "minimum": return a.minimum(b);
            case "neg": return a.neg();
            case "exp": return a.exp();
            case "log": return a.log();
            case "log1p": return a.log1p();
            case "sqrt": return a.sqrt();
            case "square": return a.square();
            case "abs": return a.abs();
            case "sign": return a.sign();
            case "sigmoid": return a.sigmoid();
            case "tanh": return a.tanh();
            case "relu": return a.relu();
            case "softplus": return a.softplus();
            case "logCosh": return a.logCosh();
            case "round": return a.round();
            case "floor": return a.floor();
            case "clip": return a.clip(((Number) args.get("lo")).doubleValue(), ((Number) args.get("hi")).doubleValue());
            case "where": return Tensor.where(a, b, in.get(2));
            case "greater": return a.greater(b);
            case "greaterEqual": return a.greaterEqual(b);
            case "less": return a.less(b);
            case "lessEqual": return a.lessEqual(b);
            case "equal": return a.equal(b);
            case "notEqual": return a.notEqual(b);
            case "matmul": return a.matmul(b);
            case "sum": return a.sum(axes(args.get("axis")), keep(args));
            case "mean": return a.mean(axes(args.get("axis")), keep(args));
            case "max": return a.max(axes(args.get("axis")), keep(args));
            case "min": return a.min(axes(args.get("axis")), keep(args));
            case "argmax": return a.argmax(num(args, "axis"));
            case "logSumExp": return a.logSumExp(num(args, "axis"), keep(args));
            case "softmax": return a.softmax(num(args, "axis"));
            case "logSoftmax": return a.logSoftmax(num(args, "axis"));
            case "transpose": return args.get("perm") == null ? a.transpose() : a.transpose(Json.ints(args.get("perm")));
            case "reshape": return a.reshape(Json.ints(args.get("shape")));
            case "concat": return Tensor.concat(in, num(args, "axis"));
            case "stack": return Tensor.stack(in, num(args, "axis"));
            case "squeeze": return a.squeeze(num(args, "axis"));
            case "expandDims": return a.expandDims(num(args, "axis"));
            case "broadcastTo": return a.broadcastTo(Json.ints(args.get("shape")));
            case "slice": return args.containsKey("axis") ? a.slice(num(args, "axis"), num(args, "start"), num(args, "end"))
                    : a.slice(num(args, "start"), num(args, "end"));
            case "takeAlongAxis": return a.takeAlongAxis(b, num(args, "axis"));
            case "oneHot": return Tensor.oneHot(a, num(args, "depth"));
            case "gather": return a.gather(b);
            default: throw new IllegalArgumentException("no dispatch for reference op " + op);
        }
    }

    @Test
    void casesWereRead() {
        assertEquals(true, CASES.size() > 200, "reference file has " + CASES.size() + " cases");
    }
}
