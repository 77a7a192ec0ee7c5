-- The KPI snapshot reads each active measure's latest evaluation: one index probe per measure.
CREATE INDEX evaluation_measure_latest ON evaluation (measure_key, period_start DESC);
