#!/usr/bin/env python3
"""Writes the JSON Schema of every Topline event type from one envelope and one data schema each.

The generated files under events/ are the contract; this script only keeps their envelopes identical.
Run it after changing a data schema here: python3 contracts/generate.py
"""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))
SLUG = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 64}
DECIMAL = {"type": "number"}
NULLABLE_DECIMAL = {"type": ["number", "null"]}
INSTANT = {"type": "string", "format": "date-time"}
PERIOD = {"type": "string", "pattern": "^[0-9]{4}-(W(0[1-9]|[1-4][0-9]|5[0-3])|(0[1-9]|1[0-2])|Q[1-4])$"}
FUNCTION = {"enum": ["MARKETING", "SALES", "SERVICE", "OPERATIONS", "FINANCE", "OTHER"]}
SEVERITY = {"enum": ["CRITICAL", "WARNING", "INFO"]}

def obj(props, required=None, extra=False):
    return {"type": "object", "properties": props,
            "required": list(props) if required is None else required,
            "additionalProperties": extra}

DRIVER = obj({
    "key": SLUG, "name": {"type": "string", "minLength": 1, "maxLength": 120}, "function": FUNCTION,
    "owner": {"type": "string", "minLength": 1}, "description": {"type": ["string", "null"]},
    "feedsInto": {"type": "array", "items": SLUG, "uniqueItems": True},
    "archived": {"type": "boolean"}, "revision": {"type": "integer", "minimum": 1}, "updatedAt": INSTANT,
})
TARGET = obj({
    "version": {"type": "integer", "minimum": 1}, "effectiveFrom": PERIOD,
    "successLevel": DECIMAL, "failureLevel": DECIMAL, "severity": SEVERITY,
    "note": {"type": ["string", "null"]}, "createdAt": INSTANT,
})
MEASURE = obj({
    "key": SLUG, "driverKey": SLUG, "name": {"type": "string", "minLength": 1, "maxLength": 120},
    "unit": {"enum": ["COUNT", "PERCENT", "CURRENCY", "DAYS", "HOURS", "RATIO", "NUMBER"]},
    "currency": {"type": ["string", "null"], "pattern": "^[A-Z]{3}$"},
    "aggregation": {"enum": ["SUM", "AVERAGE", "MIN", "MAX", "LAST", "COUNT"]},
    "direction": {"enum": ["HIGHER_IS_BETTER", "LOWER_IS_BETTER"]},
    "cadence": {"enum": ["WEEKLY", "MONTHLY", "QUARTERLY"]},
    "owner": {"type": "string", "minLength": 1}, "description": {"type": ["string", "null"]},
    "expectedEvery": {"type": ["string", "null"], "pattern": "^P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+S)?)?$",
                      "description": "ISO-8601 heartbeat: silent longer, the measure raises a STALE alert"},
    "archived": {"type": "boolean"}, "revision": {"type": "integer", "minimum": 1},
    "targets": {"type": "array", "items": TARGET, "description": "the whole schedule, oldest version first"},
    "updatedAt": INSTANT,
})
MEASUREMENT = obj({
    "id": {"type": ["string", "null"], "maxLength": 200}, "measure": SLUG, "value": DECIMAL,
    "occurredAt": INSTANT, "source": {"type": "string", "minLength": 1, "maxLength": 200},
}, required=["measure", "value", "occurredAt", "source"])
ACTUAL = obj({
    "measure": SLUG, "period": PERIOD, "cadence": {"enum": ["WEEKLY", "MONTHLY", "QUARTERLY"]},
    "periodStart": INSTANT, "periodEnd": INSTANT,
    "aggregation": {"enum": ["SUM", "AVERAGE", "MIN", "MAX", "LAST", "COUNT"]},
    "value": DECIMAL, "count": {"type": "integer", "minimum": 1}, "sum": DECIMAL, "min": DECIMAL,
    "max": DECIMAL, "last": DECIMAL, "lastOccurredAt": INSTANT,
    "revision": {"type": "integer", "minimum": 1}, "updatedAt": INSTANT,
})
CAUSE = obj({
    "alertId": {"type": "string", "format": "uuid"},
    "dedupKey": {"type": "string"},
    "kind": {"enum": ["MISSED", "PROJECTED_MISS"]},
    "driverKey": SLUG, "driverName": {"type": "string"},
    "measureKey": SLUG, "measureName": {"type": "string"},
    "period": PERIOD,
    "hops": {"type": "integer", "minimum": 1, "description": "feedsInto edges between the cause's driver and this one"},
})
ALERT = obj({
    "alertId": {"type": "string", "format": "uuid"},
    "dedupKey": {"type": "string", "pattern": "^[a-z0-9-]+:[0-9]{4}-[0-9WQ]+:(MISSED|PROJECTED_MISS|NO_DATA|STALE)$"},
    "kind": {"enum": ["MISSED", "PROJECTED_MISS", "NO_DATA", "STALE"]},
    "state": {"enum": ["FIRING", "ACKNOWLEDGED", "RESOLVED"]},
    "severity": SEVERITY,
    "driver": obj({"key": SLUG, "name": {"type": "string"}, "function": FUNCTION}),
    "measure": obj({"key": SLUG, "name": {"type": "string"},
                    "unit": {"enum": ["COUNT", "PERCENT", "CURRENCY", "DAYS", "HOURS", "RATIO", "NUMBER"]},
                    "currency": {"type": ["string", "null"]},
                    "direction": {"enum": ["HIGHER_IS_BETTER", "LOWER_IS_BETTER"]},
                    "cadence": {"enum": ["WEEKLY", "MONTHLY", "QUARTERLY"]}}),
    "period": PERIOD,
    "actual": NULLABLE_DECIMAL,
    "target": obj({"version": {"type": "integer", "minimum": 1}, "successLevel": DECIMAL, "failureLevel": DECIMAL}),
    "evaluation": obj({"status": {"enum": ["MET", "AT_RISK", "MISSED", "NO_DATA"]},
                       "state": {"enum": ["PROVISIONAL", "FINAL", "REVISED"]},
                       "projection": NULLABLE_DECIMAL, "evaluatedAt": INSTANT}),
    "labels": {"type": "object", "additionalProperties": {"type": "string"}},
    "summary": {"type": "string", "minLength": 1},
    "transition": obj({"from": {"enum": ["NONE", "FIRING", "ACKNOWLEDGED", "RESOLVED"]},
                       "to": {"enum": ["FIRING", "ACKNOWLEDGED", "RESOLVED"]},
                       "at": INSTANT, "by": {"type": ["string", "null"]}, "comment": {"type": ["string", "null"]}}),
    "sequence": {"type": "integer", "minimum": 1, "description": "grows with every transition of this alert"},
    "silencedBy": {"type": "array", "items": {"type": "string", "format": "uuid"}, "uniqueItems": True,
                   "description": "the silences that muted this transition: published, not notified; empty when notified"},
    "likelyCauses": {"type": "array", "items": CAUSE,
                     "description": "open red alerts of drivers upstream in the revenue flow (feedsInto, transitively) "
                                    "for an overlapping period, nearest first; a resolve keeps its firing's"},
})
MATCHER = obj({
    "label": {"enum": ["driver", "function", "measure", "kind", "severity", "period"]},
    "operator": {"enum": ["EQUALS", "NOT_EQUALS", "MATCHES", "NOT_MATCHES"]},
    "value": {"type": "string", "maxLength": 200, "description": "MATCHES: a full-match Java regular expression"},
})
LOCAL_TIME = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$"}
WINDOW = obj({
    "weekdays": {"type": "array", "items": {"enum": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY",
                                                     "SATURDAY", "SUNDAY"]}},
    "daysOfMonth": {"type": "array", "items": {"type": "integer", "minimum": -31, "maximum": 31, "not": {"const": 0}}},
    "months": {"type": "array", "items": {"enum": ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY",
                                                   "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"]}},
    "startTime": LOCAL_TIME, "endTime": LOCAL_TIME,
    "timeZone": {"type": "string", "minLength": 1, "description": "IANA time zone of the window's local times"},
})
NULLABLE_INSTANT = {"type": ["string", "null"], "format": "date-time"}
SILENCE = obj({
    "silenceId": {"type": "string", "format": "uuid"},
    "state": {"enum": ["PENDING", "ACTIVE", "EXPIRED"]},
    "matchers": {"type": "array", "items": MATCHER, "minItems": 1},
    "startsAt": INSTANT, "endsAt": NULLABLE_INSTANT,
    "untilResolved": {"type": "boolean"},
    "schedule": {"oneOf": [{"type": "null"}, WINDOW]},
    "comment": {"type": "string", "minLength": 1},
    "createdBy": {"type": "string", "minLength": 1}, "createdAt": INSTANT,
    "endedAt": NULLABLE_INSTANT,
    "endedBy": {"type": ["string", "null"], "description": "who expired it; null when it ended by itself"},
})

TYPES = {
    "topline.driver.defined": ("drivers-service", "driver:", DRIVER, "A driver was created or changed: its whole state."),
    "topline.driver.archived": ("drivers-service", "driver:", DRIVER, "A driver was archived: its whole, final state."),
    "topline.measure.defined": ("drivers-service", "measure:", MEASURE, "A measure or its target schedule changed: the whole measure."),
    "topline.measure.archived": ("drivers-service", "measure:", MEASURE, "A measure was archived: its whole, final state."),
    "topline.measurement.recorded": ("any ingesting system", "", MEASUREMENT, "A system reports one measurement (optional Kafka ingest path)."),
    "topline.actual.updated": ("metrics-service", "", ACTUAL, "The actual of one measure and period changed."),
    "topline.alert.fired": ("alerts-service", "", ALERT, "An alert started firing."),
    "topline.alert.acknowledged": ("alerts-service", "", ALERT, "A person acknowledged a firing alert."),
    "topline.alert.resolved": ("alerts-service", "", ALERT, "An alert resolved, by itself or by a person."),
    "topline.silence.created": ("alerts-service", "silence:", SILENCE, "A silence or maintenance window was created."),
    "topline.silence.expired": ("alerts-service", "silence:", SILENCE, "A silence ended: expired by a person, its endsAt passed, or every alert it muted resolved."),
}

for type_, (producer, subject_prefix, data, description) in TYPES.items():
    source = {"type": "string", "pattern": "^/"} if producer == "any ingesting system" else {"const": "/topline/" + producer}
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://topline.dev/events/" + type_ + ".schema.json",
        "title": type_,
        "description": description + " CloudEvents 1.0, structured JSON mode.",
        "type": "object",
        "properties": {
            "specversion": {"const": "1.0"},
            "id": {"type": "string", "minLength": 1},
            "source": source,
            "type": {"const": type_},
            "time": INSTANT,
            "subject": {"type": "string", "minLength": 1, **({"pattern": "^" + subject_prefix} if subject_prefix else {})},
            "datacontenttype": {"const": "application/json"},
            "data": data,
        },
        "required": ["specversion", "id", "source", "type", "time", "subject", "data"],
        "additionalProperties": False,
    }
    with open(os.path.join(HERE, "events", type_ + ".schema.json"), "w") as f:
        json.dump(schema, f, indent=2)
        f.write("\n")
