-- geoclaims claim store, schema version 1: runs, documents, their claims and the entities of each claim.
-- One definition for DuckDB and PostgreSQL: standard SQL types only (TEXT, BIGINT, DOUBLE PRECISION,
-- BOOLEAN); times are ISO-8601 UTC text ('2026-12-07T15:04:05.123456Z'), which sorts as time does; a claim
-- table's list columns are JSON text. Every table lives in the schema "geoclaims", so a shared PostgreSQL
-- database keeps its own tables apart.

CREATE TABLE geoclaims.runs (
    run_id TEXT PRIMARY KEY,
    pipeline_version TEXT NOT NULL,     -- what analysed: geoclaims, its data, the base model, the mode
    geoclaims_version TEXT NOT NULL,
    command TEXT NOT NULL,              -- the command line or the library call that wrote
    host TEXT NOT NULL,
    pid BIGINT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,               -- running, complete, interrupted
    documents BIGINT NOT NULL,          -- documents this run added
    claims BIGINT NOT NULL              -- claims this run added
);

CREATE TABLE geoclaims.documents (
    doc_id TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,          -- SHA-256 of the text analysed (UTF-8)
    pipeline_version TEXT NOT NULL,
    run_id TEXT NOT NULL,               -- the run that added it
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    source TEXT NOT NULL,               -- the publisher: the URL's host without www., else ''
    published TEXT NOT NULL,            -- YYYY-MM-DD or ''
    language TEXT NOT NULL,
    chars BIGINT NOT NULL,
    claims BIGINT NOT NULL,             -- how many claim rows it has (the integrity check counts them)
    stored_at TEXT NOT NULL,
    ordinal BIGINT NOT NULL,            -- its place among the documents written in the same transaction
    PRIMARY KEY (doc_id, text_sha256, pipeline_version)
);

CREATE TABLE geoclaims.claims (
    doc_id TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    row_number BIGINT NOT NULL,         -- the row's place in its document's claim table
    kind TEXT NOT NULL,
    "text" TEXT NOT NULL,
    start_char BIGINT NOT NULL,
    end_char BIGINT NOT NULL,
    sentence TEXT NOT NULL,
    "value" DOUBLE PRECISION,           -- NULL where the claim table has NaN
    value_to DOUBLE PRECISION,
    qualifier TEXT NOT NULL,
    low DOUBLE PRECISION,
    high DOUBLE PRECISION,
    unit TEXT NOT NULL,
    quantity_of TEXT NOT NULL,
    per TEXT NOT NULL,
    period TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    entities TEXT NOT NULL,             -- JSON list
    speaker TEXT NOT NULL,
    modality TEXT NOT NULL,
    checkworthiness DOUBLE PRECISION,
    qualifier_cue TEXT NOT NULL,
    direction TEXT NOT NULL,
    speaker_cue TEXT NOT NULL,
    dimension TEXT NOT NULL,
    is_claim BOOLEAN NOT NULL,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    published TEXT NOT NULL,
    entity_mentions TEXT NOT NULL,      -- JSON list
    entity_stance TEXT NOT NULL,        -- JSON list
    language TEXT NOT NULL,
    sentence_start BIGINT NOT NULL,
    sentence_end BIGINT NOT NULL,
    subject TEXT NOT NULL,              -- JSON list
    checkworthiness_rank BIGINT NOT NULL,
    sentence_checkworthiness DOUBLE PRECISION,
    metric TEXT NOT NULL,               -- what is measured, as the claim clusters compare it ('' for statements)
    cluster TEXT,                       -- the claim cluster (analyzer.store.clusters), NULL when it has none
    PRIMARY KEY (doc_id, text_sha256, pipeline_version, claim_id)
);

CREATE TABLE geoclaims.claim_entities (
    doc_id TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    role TEXT NOT NULL,                 -- 'entity' (named in the sentence) or 'subject' (what the figure is about)
    "position" BIGINT NOT NULL,
    name TEXT NOT NULL,
    name_lower TEXT NOT NULL,
    PRIMARY KEY (doc_id, text_sha256, pipeline_version, claim_id, role, "position")
);

CREATE INDEX claims_cluster ON geoclaims.claims (cluster);
CREATE INDEX claims_metric ON geoclaims.claims (metric);
CREATE INDEX claim_entities_name ON geoclaims.claim_entities (name_lower);
CREATE INDEX documents_doc_id ON geoclaims.documents (doc_id);
