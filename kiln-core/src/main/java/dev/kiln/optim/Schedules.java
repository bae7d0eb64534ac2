package dev.kiln.optim;

/** Argument checks shared by the learning-rate schedules. */
final class Schedules {
    private Schedules() {}

    static void checkRate(String who, double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) throw new IllegalArgumentException(who + ": learning rate (" + lr + ") must be finite and >= 0");
    }

    static void checkSteps(String who, long steps) {
        if (steps <= 0) throw new IllegalArgumentException(who + ": decaySteps (" + steps + ") must be > 0");
    }
}
