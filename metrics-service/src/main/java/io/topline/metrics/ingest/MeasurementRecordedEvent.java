package io.topline.metrics.ingest;

import io.topline.metrics.measurement.RecordMeasurementRequest;

/** A {@code topline.measurement.recorded} CloudEvent in structured mode; its data has the shape of a posted measurement. */
public record MeasurementRecordedEvent(String specversion, String id, String source, String type, String time,
                                       String subject, String datacontenttype, RecordMeasurementRequest data) {

    public static final String TYPE = "topline.measurement.recorded";
}
