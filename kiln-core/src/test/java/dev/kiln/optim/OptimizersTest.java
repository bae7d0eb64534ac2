package dev.kiln.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import dev.kiln.testing.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer against Keras 3.15's own trajectories (reference/optimizers.json, tools/reference/optimizers.py):
 * the same float32 variables and gradient sequence (ordinary, tiny, zero, large, sign-flipped steps), every
 * variable compared after every step; plus the schedules, defaults and {@code get} table.
 */
class OptimizersTest {
    /** Keras features Kiln does not have (gradient accumulation) and optimizers it does not port. */
    private static final Set<String> NOT_PORTED = Set.of("Lion", "Ftrl", "Lamb", "Adafactor");

    private static Map<String, Object> cached;

    private static synchronized Map<String, Object> reference() {
        if (cached == null) cached = Json.obj(Json.resource("/reference/optimizers.json"));
        return cached;
    }

    static Stream<Map<String, Object>> trajectories() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : Json.arr(reference().get("trajectories"))) {
            Map<String, Object> t = Json.obj(o);
            if (NOT_PORTED.contains(t.get("optimizer")) || Json.obj(t.get("config")).containsKey("gradient_accumulation_steps")) continue;
            out.add(t);
        }
        return out.stream();
    }

    private static Tensor tensor(Object o) {
        Map<String, Object> t = Json.obj(o);
        return Tensor.fromFlat(Json.doubles(t.get("data")), DType.FLOAT32, Json.ints(t.get("shape")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trajectories")
    void matchesKerasTrajectory(Map<String, Object> t) {
        Map<String, Object> config = new LinkedHashMap<>(Json.obj(t.get("config")));
        if (config.get("learning_rate") instanceof Map) {   // a schedule, written as its bare config
            Map<String, Object> sc = new LinkedHashMap<>(Json.obj(config.get("learning_rate")));
            config.put("learning_rate", Map.of("class_name", sc.remove("name"), "config", sc));
        }
        Optimizer opt = Optimizers.fromConfig((String) t.get("optimizer"), config);
        List<Tensor> vars = new ArrayList<>();
        for (Object v : Json.arr(t.get("initial"))) vars.add(tensor(v).requiresGrad(true));
        List<Object> grads = Json.arr(t.get("gradients")), traj = Json.arr(t.get("trajectory"));
        for (int s = 0; s < grads.size(); s++) {
            List<Object> g = Json.arr(grads.get(s));
            for (int i = 0; i < vars.size(); i++) {
                vars.get(i).zeroGrad();
                vars.get(i).mul(tensor(g.get(i))).sum().backward();   // leaves exactly this gradient
            }
            opt.step(vars);
            List<Object> expected = Json.arr(traj.get(s));
            for (int i = 0; i < vars.size(); i++) {
                double[] e = Json.doubles(Json.obj(expected.get(i)).get("data")), a = vars.get(i).toDoubleArray();
                for (int k = 0; k < e.length; k++) {
                    // Keras computes in float32, Kiln in double rounded to float32: a few float32 ulps apart
                    assertEquals(e[k], a[k], 2e-6 + 2e-6 * Math.abs(e[k]), t.get("id") + " step " + (s + 1) + " variable " + i + "[" + k + "]");
                }
            }
        }
        assertEquals(((Number) t.get("iterations")).longValue(), opt.iterations());
    }

    @Test
    void schedulesMatchKeras() {
        for (Object o : Json.arr(reference().get("schedules"))) {
            Map<String, Object> s = Json.obj(o);
            String cls = (String) s.get("schedule");
            if (cls.equals("PolynomialDecay") || cls.equals("CosineDecayRestarts")) continue;   // not ported
            Map<String, Object> c = new LinkedHashMap<>(Json.obj(s.get("full_config")));
            LearningRateSchedule schedule = LearningRateSchedules.deserialize(Map.of("class_name", cls, "config", c));
            int[] steps = Json.ints(s.get("steps"));
            double[] values = Json.doubles(s.get("values"));
            double max = 0;
            for (double v : values) max = Math.max(max, v);
            for (int i = 0; i < steps.length; i++) {
                // Keras evaluates in float32: 1 + cos(πs/n) near its zero loses digits relative to the rate's scale
                assertEquals(values[i], (float) schedule.at(steps[i]), 3e-7 * Math.abs(values[i]) + 3e-8 * max, s.get("id") + " at step " + steps[i]);
            }
        }
    }

    @Test
    void defaultsMatchKeras() {
        for (Object o : Json.arr(reference().get("defaults"))) {
            Map<String, Object> d = Json.obj(o);
            String cls = (String) d.get("optimizer");
            if (NOT_PORTED.contains(cls)) continue;
            Map<String, Object> keras = Json.obj(d.get("config"));
            Map<String, Object> ours = Optimizers.get(cls).config();
            for (Map.Entry<String, Object> e : ours.entrySet()) {
                if (e.getKey().equals("name") || e.getKey().equals("decay")) continue;
                Object k = keras.get(e.getKey());
                assertTrue(keras.containsKey(e.getKey()), cls + ": Keras has no config key " + e.getKey());
                if (k instanceof Number) assertEquals(((Number) k).doubleValue(), ((Number) e.getValue()).doubleValue(), 1e-7 * Math.abs(((Number) k).doubleValue()), cls + "." + e.getKey());
                else assertEquals(k, e.getValue(), cls + "." + e.getKey());
            }
        }
    }

    @Test
    void getResolvesKerasIdentifiers() {
        for (Object o : Json.arr(reference().get("get"))) {
            Map<String, Object> g = Json.obj(o);
            String id = (String) g.get("identifier");
            String cls = (String) g.get("class");
            if (cls != null && NOT_PORTED.contains(cls)) continue;
            if (cls != null) assertEquals(cls, Optimizers.get(id).name(), id);
            else assertThrows(IllegalArgumentException.class, () -> Optimizers.get(id), id);
        }
    }

    @Test
    void configRoundTripForEveryOptimizer() {
        for (String name : List.of("sgd", "adam", "adamw", "rmsprop", "adagrad", "adadelta", "adamax", "nadam")) {
            Optimizer o = Optimizers.get(name).clipnorm(0.5).decay(0.01);
            Map<String, Object> c = o.config();
            assertEquals(c, Optimizers.fromConfig(o.name(), c).config(), name);
        }
        Optimizer s = new SGD(new CosineDecay(0.1, 100).warmup(0.2, 10)).momentum(0.5).nesterov(true);
        assertEquals(s.config(), Optimizers.fromConfig("SGD", s.config()).config());
        assertEquals(0.25, Optimizers.fromConfig("SGD", Map.of("lr", 0.25)).learningRate(), 0.0, "Keras 2's lr key");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.get("adamm"));
        assertTrue(e.getMessage().contains("'adamm'") && e.getMessage().contains("adam"), e.getMessage());
    }
}
