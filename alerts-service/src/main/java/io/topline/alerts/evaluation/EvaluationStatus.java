package io.topline.alerts.evaluation;

/** The judgement of a period against its target: green, amber, red, or a silent source. */
public enum EvaluationStatus {
    MET, AT_RISK, MISSED, NO_DATA
}
