package io.topline.alerts.evaluation;

/** How settled a judgement is: the period is open, closed, or closed and changed by late data. */
public enum EvaluationState {
    PROVISIONAL, FINAL, REVISED;

    public boolean closed() {
        return this != PROVISIONAL;
    }
}
