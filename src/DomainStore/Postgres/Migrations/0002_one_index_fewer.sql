-- One index fewer to update per row written. Uniqueness moves from (device_id, sample_id) to the same columns led by
-- sample_id, so the one index both deduplicates and finds a sample's results; ix_results_hospital_sample goes.
CREATE UNIQUE INDEX ux_results_sample_device ON results (sample_id, device_id);
ALTER TABLE results DROP CONSTRAINT results_device_id_sample_id_key;
DROP INDEX ix_results_hospital_sample;
