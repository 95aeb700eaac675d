-- geoclaims claim store, schema version 3: the entities each stored document names (not only those of its
-- claims' sentences), one row per entity and label, with how often it is mentioned. Documents stored before this
-- version have none.

CREATE TABLE geoclaims.document_entities (
    doc_id TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    name TEXT NOT NULL,                 -- the canonical name, else the name as written
    name_lower TEXT NOT NULL,
    label TEXT NOT NULL,                -- spaCy's label: GPE, ORG, PERSON...
    entity_id TEXT NOT NULL,            -- the gazetteer's id when linked, else ''
    mentions BIGINT NOT NULL,
    PRIMARY KEY (doc_id, text_sha256, pipeline_version, name, label)
);

CREATE INDEX document_entities_name ON geoclaims.document_entities (name_lower);
