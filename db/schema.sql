CREATE TABLE events (
	id VARCHAR(120) NOT NULL,
	name TEXT NOT NULL,
	name_in_sentence TEXT,
	kind VARCHAR(40) NOT NULL,
	wikidata VARCHAR(20),
	city TEXT,
	country VARCHAR(2),
	year_basis VARCHAR(20) NOT NULL,
	years_without_edition JSON NOT NULL,
	notes TEXT,
	data_file TEXT NOT NULL,
	CONSTRAINT pk_events PRIMARY KEY (id)
);

CREATE INDEX ix_events_country ON events (country);

CREATE TABLE films (
	id VARCHAR(120) NOT NULL,
	title TEXT NOT NULL,
	year INTEGER NOT NULL,
	directors JSON NOT NULL,
	wikidata VARCHAR(20),
	data_file TEXT NOT NULL,
	CONSTRAINT pk_films PRIMARY KEY (id)
);

CREATE TABLE metadata (
	"key" VARCHAR(60) NOT NULL,
	value TEXT NOT NULL,
	CONSTRAINT pk_metadata PRIMARY KEY ("key")
);

CREATE TABLE sources (
	id VARCHAR(120) NOT NULL,
	title TEXT NOT NULL,
	publisher TEXT NOT NULL,
	kind VARCHAR(40) NOT NULL,
	url TEXT,
	file TEXT,
	quoted_in JSON,
	published VARCHAR(10),
	language VARCHAR(20),
	retrieved VARCHAR(10),
	notes TEXT,
	data_file TEXT NOT NULL,
	CONSTRAINT pk_sources PRIMARY KEY (id)
);

CREATE TABLE awards (
	id VARCHAR(120) NOT NULL,
	film_id VARCHAR(120) NOT NULL,
	event_id VARCHAR(120) NOT NULL,
	year INTEGER,
	edition INTEGER,
	date VARCHAR(10),
	category TEXT NOT NULL,
	category_wikidata VARCHAR(20),
	result VARCHAR(20) NOT NULL,
	section TEXT,
	status VARCHAR(20) NOT NULL,
	pending BOOLEAN NOT NULL,
	highlight BOOLEAN NOT NULL,
	notes TEXT,
	resolution TEXT,
	data_file TEXT NOT NULL,
	data_path TEXT NOT NULL,
	list_key TEXT NOT NULL,
	cited_sources TEXT NOT NULL,
	recipient_names TEXT NOT NULL,
	result_stated BOOLEAN NOT NULL,
	result_kinds TEXT NOT NULL,
	shared_with TEXT NOT NULL,
	category_aliases TEXT NOT NULL,
	inferred TEXT NOT NULL,
	CONSTRAINT pk_awards PRIMARY KEY (id),
	CONSTRAINT fk_awards_film_id_films FOREIGN KEY(film_id) REFERENCES films (id),
	CONSTRAINT fk_awards_event_id_events FOREIGN KEY(event_id) REFERENCES events (id)
);

CREATE INDEX ix_awards_event_id_status_list_key ON awards (event_id, status, list_key);

CREATE INDEX ix_awards_film_id_status_list_key ON awards (film_id, status, list_key);

CREATE INDEX ix_awards_result_status ON awards (result, status);

CREATE INDEX ix_awards_year_status_list_key ON awards (year, status, list_key);

CREATE TABLE edition_anchors (
	id INTEGER NOT NULL,
	event_id VARCHAR(120) NOT NULL,
	edition INTEGER NOT NULL,
	year INTEGER NOT NULL,
	source_id VARCHAR(120) NOT NULL,
	CONSTRAINT pk_edition_anchors PRIMARY KEY (id),
	CONSTRAINT fk_edition_anchors_event_id_events FOREIGN KEY(event_id) REFERENCES events (id),
	CONSTRAINT fk_edition_anchors_source_id_sources FOREIGN KEY(source_id) REFERENCES sources (id)
);

CREATE INDEX ix_edition_anchors_event_id ON edition_anchors (event_id);

CREATE TABLE event_names (
	id INTEGER NOT NULL,
	event_id VARCHAR(120) NOT NULL,
	name TEXT NOT NULL,
	role VARCHAR(10) NOT NULL,
	search_key TEXT NOT NULL,
	CONSTRAINT pk_event_names PRIMARY KEY (id),
	CONSTRAINT uq_event_names_event_id_name UNIQUE (event_id, name),
	CONSTRAINT fk_event_names_event_id_events FOREIGN KEY(event_id) REFERENCES events (id)
);

CREATE INDEX ix_event_names_event_id ON event_names (event_id);

CREATE INDEX ix_event_names_search_key ON event_names (search_key);

CREATE TABLE film_facts (
	id INTEGER NOT NULL,
	film_id VARCHAR(120) NOT NULL,
	fact VARCHAR(60) NOT NULL,
	position INTEGER NOT NULL,
	value JSON NOT NULL,
	source_id VARCHAR(120) NOT NULL,
	wording TEXT NOT NULL,
	qualifier TEXT,
	CONSTRAINT pk_film_facts PRIMARY KEY (id),
	CONSTRAINT fk_film_facts_film_id_films FOREIGN KEY(film_id) REFERENCES films (id),
	CONSTRAINT fk_film_facts_source_id_sources FOREIGN KEY(source_id) REFERENCES sources (id)
);

CREATE INDEX ix_film_facts_film_id ON film_facts (film_id);

CREATE INDEX ix_film_facts_source_id ON film_facts (source_id);

CREATE TABLE film_names (
	id INTEGER NOT NULL,
	film_id VARCHAR(120) NOT NULL,
	name TEXT NOT NULL,
	role VARCHAR(10) NOT NULL,
	search_key TEXT NOT NULL,
	CONSTRAINT pk_film_names PRIMARY KEY (id),
	CONSTRAINT uq_film_names_film_id_name UNIQUE (film_id, name),
	CONSTRAINT fk_film_names_film_id_films FOREIGN KEY(film_id) REFERENCES films (id)
);

CREATE INDEX ix_film_names_film_id ON film_names (film_id);

CREATE INDEX ix_film_names_search_key ON film_names (search_key);

CREATE TABLE refuted_claims (
	id VARCHAR(120) NOT NULL,
	film_id VARCHAR(120) NOT NULL,
	claim TEXT NOT NULL,
	event_name TEXT NOT NULL,
	category TEXT,
	result VARCHAR(20) NOT NULL,
	year INTEGER,
	edition INTEGER,
	reason TEXT NOT NULL,
	notes TEXT,
	data_file TEXT NOT NULL,
	CONSTRAINT pk_refuted_claims PRIMARY KEY (id),
	CONSTRAINT fk_refuted_claims_film_id_films FOREIGN KEY(film_id) REFERENCES films (id)
);

CREATE INDEX ix_refuted_claims_film_id ON refuted_claims (film_id);

CREATE TABLE claims (
	id INTEGER NOT NULL,
	award_id VARCHAR(120) NOT NULL,
	source_id VARCHAR(120) NOT NULL,
	position INTEGER NOT NULL,
	wording TEXT NOT NULL,
	year INTEGER,
	edition INTEGER,
	date VARCHAR(10),
	category TEXT,
	result VARCHAR(20),
	translation TEXT,
	CONSTRAINT pk_claims PRIMARY KEY (id),
	CONSTRAINT uq_claims_award_id_source_id UNIQUE (award_id, source_id),
	CONSTRAINT fk_claims_award_id_awards FOREIGN KEY(award_id) REFERENCES awards (id),
	CONSTRAINT fk_claims_source_id_sources FOREIGN KEY(source_id) REFERENCES sources (id)
);

CREATE INDEX ix_claims_source_id ON claims (source_id);

CREATE TABLE recipients (
	id INTEGER NOT NULL,
	award_id VARCHAR(120) NOT NULL,
	position INTEGER NOT NULL,
	name TEXT NOT NULL,
	role TEXT,
	CONSTRAINT pk_recipients PRIMARY KEY (id),
	CONSTRAINT fk_recipients_award_id_awards FOREIGN KEY(award_id) REFERENCES awards (id)
);

CREATE INDEX ix_recipients_award_id ON recipients (award_id);

CREATE TABLE refuted_citations (
	id INTEGER NOT NULL,
	refuted_id VARCHAR(120) NOT NULL,
	role VARCHAR(10) NOT NULL,
	position INTEGER NOT NULL,
	source_id VARCHAR(120) NOT NULL,
	wording TEXT NOT NULL,
	translation TEXT,
	CONSTRAINT pk_refuted_citations PRIMARY KEY (id),
	CONSTRAINT fk_refuted_citations_refuted_id_refuted_claims FOREIGN KEY(refuted_id) REFERENCES refuted_claims (id),
	CONSTRAINT fk_refuted_citations_source_id_sources FOREIGN KEY(source_id) REFERENCES sources (id)
);

CREATE INDEX ix_refuted_citations_refuted_id ON refuted_citations (refuted_id);

CREATE INDEX ix_refuted_citations_source_id ON refuted_citations (source_id);

CREATE VIRTUAL TABLE awards_fts USING fts5(
	category,
	category_aliases,
	film_names,
	event_names,
	recipients,
	shared_with,
	wordings,
	content='',
	tokenize='unicode61 remove_diacritics 2'
);

CREATE VIEW accolades AS SELECT
	films.title AS film,
	awards.year AS year,
	awards.date AS date,
	events.name AS event,
	awards.edition AS edition,
	awards.category AS category,
	awards.result AS result,
	(SELECT group_concat(item, '; ') FROM (SELECT value AS item FROM json_each(awards.recipient_names) ORDER BY id)) AS recipients,
	(SELECT group_concat(item, '; ') FROM (SELECT value AS item FROM json_each(awards.shared_with) ORDER BY id)) AS shared_with,
	awards.section AS section,
	events.city AS city,
	events.country AS country,
	awards.status AS status,
	awards.pending AS pending,
	awards.result_stated AS result_stated,
	(SELECT group_concat(item, '; ') FROM (SELECT value AS item FROM json_each(awards.cited_sources) ORDER BY id)) AS sources,
	(SELECT group_concat(item, '; ') FROM (SELECT value AS item FROM json_each(awards.category_aliases) ORDER BY id)) AS category_aliases,
	awards.category_wikidata AS category_wikidata,
	(SELECT group_concat(item, '; ') FROM (SELECT key || ': ' || value AS item FROM json_each(awards.inferred) ORDER BY id)) AS inferred,
	awards.notes AS notes,
	awards.resolution AS resolution,
	awards.id AS id,
	awards.rowid AS rowid
FROM awards JOIN events ON events.id = awards.event_id JOIN films ON films.id = awards.film_id
ORDER BY awards.list_key;
