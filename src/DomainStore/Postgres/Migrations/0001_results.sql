-- Results projection of the measurements stream. Times are UTC microseconds since the Unix epoch (the same encoding
-- as the SQLite store, so cursors are interchangeable); arrays are JSON text.
CREATE TABLE results (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hospital_id   text             NOT NULL,
    device_id     text             NOT NULL,
    sample_id     text             NOT NULL,
    taken_at      bigint           NOT NULL,
    received_at   bigint           NOT NULL,
    processed_at  bigint           NOT NULL,
    model_version text             NOT NULL,
    input_hash    text             NOT NULL,
    low_shear     double precision,
    high_shear    double precision,
    class         text             NOT NULL,
    confidence    double precision NOT NULL,
    flags         text             NOT NULL,
    temperature_c double precision NOT NULL,
    hematocrit    double precision,
    firmware      text,
    shear_rate    text             NOT NULL,
    shear_stress  text             NOT NULL,
    UNIQUE (device_id, sample_id)
);

CREATE INDEX ix_results_hospital_received ON results (hospital_id, received_at DESC, id DESC);
CREATE INDEX ix_results_device_received ON results (hospital_id, device_id, received_at DESC, id DESC);
CREATE INDEX ix_results_hospital_sample ON results (hospital_id, sample_id);
