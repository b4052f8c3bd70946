-- One index fewer to update per row written. Uniqueness moves from (device_id, sample_id) to the same columns led by
-- sample_id, so the one index both deduplicates and finds a sample's results; ix_results_hospital_sample goes. SQLite
-- cannot drop a table's UNIQUE constraint, so the table is rebuilt with its ids unchanged (cursors stay valid).
CREATE TABLE results_v2 (
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
    shear_stress  TEXT    NOT NULL
);

INSERT INTO results_v2 (id, hospital_id, device_id, sample_id, taken_at, received_at, processed_at, model_version, input_hash,
    low_shear, high_shear, class, confidence, flags, temperature_c, hematocrit, firmware, shear_rate, shear_stress)
SELECT id, hospital_id, device_id, sample_id, taken_at, received_at, processed_at, model_version, input_hash,
    low_shear, high_shear, class, confidence, flags, temperature_c, hematocrit, firmware, shear_rate, shear_stress
FROM results;

DROP TABLE results;
ALTER TABLE results_v2 RENAME TO results;

CREATE UNIQUE INDEX ux_results_sample_device ON results (sample_id, device_id);
CREATE INDEX ix_results_hospital_received ON results (hospital_id, received_at DESC, id DESC);
CREATE INDEX ix_results_device_received ON results (hospital_id, device_id, received_at DESC, id DESC);
