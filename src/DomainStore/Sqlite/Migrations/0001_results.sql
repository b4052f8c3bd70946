-- Results projection of the measurements stream. Times are UTC microseconds since the Unix epoch; arrays are JSON.
CREATE TABLE results (
    id            INTEGER PRIMARY KEY,
    hospital_id   TEXT    NOT NULL,
    device_id     TEXT    NOT NULL,
    sample_id     TEXT    NOT NULL,
    taken_at      INTEGER NOT NULL,
    received_at   INTEGER NOT NULL,
    processed_at  INTEGER NOT NULL,
    model_version TEXT    NOT NULL,
    input_hash    TEXT    NOT NULL,
    low_shear     REAL,
    high_shear    REAL,
    class         TEXT    NOT NULL,
    confidence    REAL    NOT NULL,
    flags         TEXT    NOT NULL,
    temperature_c REAL    NOT NULL,
    hematocrit    REAL,
    firmware      TEXT,
    shear_rate    TEXT    NOT NULL,
    shear_stress  TEXT    NOT NULL,
    UNIQUE (device_id, sample_id)
);

CREATE INDEX ix_results_hospital_received ON results (hospital_id, received_at DESC, id DESC);
CREATE INDEX ix_results_device_received ON results (hospital_id, device_id, received_at DESC, id DESC);
CREATE INDEX ix_results_hospital_sample ON results (hospital_id, sample_id);
