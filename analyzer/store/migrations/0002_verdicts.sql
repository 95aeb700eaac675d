-- geoclaims claim store, schema version 2: verdicts of `geoclaims check --store`, each with the reference row
-- it was checked against and when. The same claim checked against the same reference file (by its SHA-256)
-- with the same tolerance is one verdict; another reference file, or the same file changed, adds one.

CREATE TABLE geoclaims.verdicts (
    doc_id TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    reference_sha256 TEXT NOT NULL,
    reference_name TEXT NOT NULL,       -- the reference file's name as given
    tolerance DOUBLE PRECISION NOT NULL,
    verdict TEXT NOT NULL,              -- consistent, inconsistent, unverifiable
    explanation TEXT NOT NULL,
    relative_difference DOUBLE PRECISION,
    ref_metric TEXT NOT NULL,
    ref_value DOUBLE PRECISION,
    ref_unit TEXT NOT NULL,
    ref_period TEXT NOT NULL,
    ref_source TEXT NOT NULL,
    ref_source_url TEXT NOT NULL,
    ref_line TEXT NOT NULL,             -- file:line of the reference row
    metric_score DOUBLE PRECISION,
    checked_at TEXT NOT NULL,
    PRIMARY KEY (doc_id, text_sha256, pipeline_version, claim_id, reference_sha256, tolerance)
);

CREATE INDEX verdicts_verdict ON geoclaims.verdicts (verdict);
