/* -f sqlite: the records as a SQLite database.

   One row in `documents` per record: one per input, or one per paragraph
   of minutes that hold several (numbered by `record`, 0-based in the
   order of the input, and tied by meeting_id to their row in `meetings`,
   one per such input); a failed input keeps its source and its error in
   record 0. One row per array element in `decisions`, `units`,
   `people`, `dates` and `registration_numbers`, each tied to its document
   by document_id (ON DELETE CASCADE) and ordered by `position` (0-based,
   the index in the record's array). Spans are byte offsets [start, end)
   into the original input, as in the JSON record, each with its `page`
   (1-based: 1 + the form feeds before the start). Unknown strings are
   NULL, and so are years that are 0 (unknown) and the spans of fields
   that were not found.

   The whole run is one transaction: BEGIN IMMEDIATE in sqlite_out_open,
   COMMIT (or ROLLBACK) in sqlite_out_close, with every statement prepared
   once. Writing a source that is already in the file replaces it: the old
   rows are deleted (their children go with them) and the new ones inserted, so
   re-running over the same inputs never duplicates them, and documents of
   other sources stay. */
#include "cli.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bumped whenever a table, column, index or the view changes; a file of
   an older version is brought up to this one by migrate_sql. */
#define SCHEMA_VERSION 4
/* PRAGMA application_id of a protokoll database: "PKDB". */
#define APPLICATION_ID 0x504B4442

/* The columns of `documents` and `meetings`, here once: schema_sql makes
   the tables of a new file with them, and migrate_sql rebuilds the
   documents of a version 3 file with them. */
#define DOCUMENTS_COLUMNS                                                                                       \
    "  id INTEGER PRIMARY KEY,\n"                                                                             \
    "  source TEXT NOT NULL,\n"                                                                               \
    "  doc_type TEXT,\n"                                                                                      \
    "  title TEXT, title_start INTEGER, title_end INTEGER,\n"                                                 \
    "  body TEXT, body_canonical TEXT, body_start INTEGER, body_end INTEGER,\n"                               \
    "  administration TEXT, administration_start INTEGER, administration_end INTEGER,\n"                      \
    "  paragraph TEXT, paragraph_start INTEGER, paragraph_end INTEGER,\n"                                     \
    "  document_date TEXT,\n"                                                                                 \
    "  meeting_date TEXT,\n"                                                                                  \
    "  award_name TEXT, award_year INTEGER, award_class TEXT,\n"                                              \
    "  warnings TEXT,\n"                                                                                      \
    "  error TEXT,\n"                                                                                         \
    "  title_page INTEGER, body_page INTEGER, administration_page INTEGER, paragraph_page INTEGER,\n"          \
    "  record INTEGER NOT NULL DEFAULT 0,\n"                                                                  \
    "  meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,\n"                                      \
    "  UNIQUE (source, record)\n"
#define MEETINGS_COLUMNS                                                                                        \
    "  id INTEGER PRIMARY KEY,\n"                                                                             \
    "  source TEXT UNIQUE NOT NULL,\n"                                                                        \
    "  body TEXT, body_canonical TEXT, date TEXT,\n"                                                          \
    "  first_paragraph TEXT, last_paragraph TEXT, paragraphs INTEGER,\n"                                      \
    "  span_start INTEGER, span_end INTEGER, page INTEGER\n"

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS meta (\n"
    "  key TEXT PRIMARY KEY,\n"
    "  value TEXT\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS meetings (\n" MEETINGS_COLUMNS ");\n"
    "CREATE TABLE IF NOT EXISTS documents (\n" DOCUMENTS_COLUMNS ");\n"
    "CREATE TABLE IF NOT EXISTS decisions (\n"
    "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  position INTEGER NOT NULL,\n"
    "  kind TEXT, formula TEXT, actor TEXT, text TEXT,\n"
    "  span_start INTEGER, span_end INTEGER, page INTEGER\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS units (\n"
    "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  position INTEGER NOT NULL,\n"
    "  name TEXT, key TEXT, parent TEXT, class TEXT,\n"
    "  span_start INTEGER, span_end INTEGER, page INTEGER\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS people (\n"
    "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  position INTEGER NOT NULL,\n"
    "  name TEXT, title TEXT, party TEXT, role TEXT,\n"
    "  span_start INTEGER, span_end INTEGER, page INTEGER\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS dates (\n"
    "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  position INTEGER NOT NULL,\n"
    "  text TEXT, iso TEXT, role TEXT, year_inferred INTEGER,\n"
    "  span_start INTEGER, span_end INTEGER, page INTEGER\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS registration_numbers (\n"
    "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  position INTEGER NOT NULL,\n"
    "  text TEXT, value TEXT, prefix TEXT, year INTEGER,\n"
    "  span_start INTEGER, span_end INTEGER, page INTEGER\n"
    ");\n"
    "CREATE INDEX IF NOT EXISTS decisions_document ON decisions(document_id, position);\n"
    "CREATE INDEX IF NOT EXISTS units_document ON units(document_id, position);\n"
    "CREATE INDEX IF NOT EXISTS units_key ON units(key);\n"
    "CREATE INDEX IF NOT EXISTS people_document ON people(document_id, position);\n"
    "CREATE INDEX IF NOT EXISTS dates_document ON dates(document_id, position);\n"
    "CREATE INDEX IF NOT EXISTS registration_numbers_document ON registration_numbers(document_id, position);\n"
    "CREATE INDEX IF NOT EXISTS documents_award_year ON documents(award_year);\n"
    "CREATE INDEX IF NOT EXISTS documents_body_canonical ON documents(body_canonical);\n"
    "CREATE INDEX IF NOT EXISTS documents_meeting ON documents(meeting_id);\n"
    /* One row per (document, unit) of the documents about an award: the
       table a participation count starts from. The unit key falls back to
       the name in lower case; SQLite's lower() folds ASCII only, so the
       Swedish capitals are folded by hand. */
    "CREATE VIEW IF NOT EXISTS participations AS\n"
    "SELECT d.award_year AS award_year,\n"
    "       d.award_class AS award_class,\n"
    "       COALESCE(d.body_canonical, d.body) AS body_canonical,\n"
    "       d.body AS body,\n"
    "       u.name AS unit,\n"
    "       COALESCE(u.key, replace(replace(replace(replace(replace(lower(u.name),\n"
    "                'Å', 'å'), 'Ä', 'ä'), 'Ö', 'ö'), 'É', 'é'), 'Ü', 'ü')) AS unit_key,\n"
    "       u.parent AS unit_parent,\n"
    "       u.class AS unit_class,\n"
    "       (SELECT k.kind FROM decisions k WHERE k.document_id = d.id\n"
    "        ORDER BY k.position LIMIT 1) AS decision_kind,\n"
    "       d.award_name AS award_name,\n"
    "       d.meeting_date AS meeting_date,\n"
    "       d.source AS source,\n"
    "       d.id AS document_id,\n"
    "       u.position AS unit_position\n"
    "FROM documents d JOIN units u ON u.document_id = d.id\n"
    "WHERE d.award_name IS NOT NULL;\n";

/* From each older version to the next, run in order before schema_sql
   (whose CREATE ... IF NOT EXISTS leaves existing tables and the view as
   they are). The rows already there keep NULL in a new column until their
   documents are written again. Version 3 -> 4 rebuilds `documents` (a
   source may now have several rows), so the migration runs with foreign
   keys off, in a transaction of its own, before the run's. */
static const char *const migrate_sql[SCHEMA_VERSION] = {
    [1] = "ALTER TABLE units ADD COLUMN class TEXT;\n" /* 1 -> 2: units' classes, in the view too */
          "DROP VIEW IF EXISTS participations;\n",
    [2] = "ALTER TABLE documents ADD COLUMN title_page INTEGER;\n" /* 2 -> 3: the pages beside the spans */
          "ALTER TABLE documents ADD COLUMN body_page INTEGER;\n"
          "ALTER TABLE documents ADD COLUMN administration_page INTEGER;\n"
          "ALTER TABLE documents ADD COLUMN paragraph_page INTEGER;\n"
          "ALTER TABLE decisions ADD COLUMN page INTEGER;\n"
          "ALTER TABLE units ADD COLUMN page INTEGER;\n"
          "ALTER TABLE people ADD COLUMN page INTEGER;\n"
          "ALTER TABLE dates ADD COLUMN page INTEGER;\n"
          "ALTER TABLE registration_numbers ADD COLUMN page INTEGER;\n",
    [3] = "DROP VIEW IF EXISTS participations;\n" /* 3 -> 4: a row per record, and the meetings */
          "CREATE TABLE meetings (\n" MEETINGS_COLUMNS ");\n"
          "CREATE TABLE documents_v4 (\n" DOCUMENTS_COLUMNS ");\n"
          "INSERT INTO documents_v4 (id, source, doc_type, title, title_start, title_end, body, body_canonical,\n"
          "  body_start, body_end, administration, administration_start, administration_end, paragraph,\n"
          "  paragraph_start, paragraph_end, document_date, meeting_date, award_name, award_year, award_class,\n"
          "  warnings, error, title_page, body_page, administration_page, paragraph_page)\n"
          "SELECT id, source, doc_type, title, title_start, title_end, body, body_canonical,\n"
          "  body_start, body_end, administration, administration_start, administration_end, paragraph,\n"
          "  paragraph_start, paragraph_end, document_date, meeting_date, award_name, award_year, award_class,\n"
          "  warnings, error, title_page, body_page, administration_page, paragraph_page FROM documents;\n"
          "DROP TABLE documents;\n"
          "ALTER TABLE documents_v4 RENAME TO documents;\n",
};

enum { S_DELETE, S_DELETE_MEETING, S_MEETING, S_DOCUMENT, S_DECISION, S_UNIT, S_PERSON, S_DATE, S_REGNUM, S_COUNT };

static const char *const statement_sql[S_COUNT] = {
    [S_DELETE] = "DELETE FROM documents WHERE source = ?1 RETURNING id, record",
    [S_DELETE_MEETING] = "DELETE FROM meetings WHERE source = ?1 RETURNING id",
    [S_MEETING] = "INSERT INTO meetings (source, body, body_canonical, date, first_paragraph, last_paragraph, "
                  "paragraphs, span_start, span_end, page, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [S_DOCUMENT] = "INSERT INTO documents (source, doc_type, title, title_start, title_end, body, "
                   "body_canonical, body_start, body_end, administration, administration_start, "
                   "administration_end, paragraph, paragraph_start, paragraph_end, document_date, "
                   "meeting_date, award_name, award_year, award_class, warnings, error, id, title_page, body_page, "
                   "administration_page, paragraph_page, record, meeting_id) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                   "?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)",
    [S_DECISION] = "INSERT INTO decisions (document_id, position, kind, formula, actor, text, span_start, "
                   "span_end, page) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [S_UNIT] = "INSERT INTO units (document_id, position, name, key, parent, class, span_start, span_end, page) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [S_PERSON] = "INSERT INTO people (document_id, position, name, title, party, role, span_start, span_end, "
                 "page) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [S_DATE] = "INSERT INTO dates (document_id, position, text, iso, role, year_inferred, span_start, "
               "span_end, page) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [S_REGNUM] = "INSERT INTO registration_numbers (document_id, position, text, value, prefix, year, "
                 "span_start, span_end, page) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
};

struct sqlite_out {
    sqlite3 *db;
    sqlite3_stmt *st[S_COUNT];
    char *path;  /* to remove the file again when this run created it and wrote nothing */
    int created; /* the file did not exist before sqlite_out_open */
    int in_txn;  /* BEGIN IMMEDIATE succeeded */
};

/* ---- binding ---- */

static int bind_text(sqlite3_stmt *st, int i, const char *s)
{
    return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

static int bind_size(sqlite3_stmt *st, int i, size_t v)
{
    return sqlite3_bind_int64(st, i, (sqlite3_int64)v);
}

/* A year; 0 (unknown) is NULL. */
static int bind_year(sqlite3_stmt *st, int i, int year)
{
    return year ? sqlite3_bind_int(st, i, year) : sqlite3_bind_null(st, i);
}

/* A field's span, or two NULLs when the field was not found. */
static int bind_span(sqlite3_stmt *st, int i, const char *field, pk_span sp)
{
    if (!field)
        return sqlite3_bind_null(st, i) | sqlite3_bind_null(st, i + 1);
    return bind_size(st, i, sp.start) | bind_size(st, i + 1, sp.end);
}

/* A field's page, or NULL when the field was not found. */
static int bind_page(sqlite3_stmt *st, int i, const char *field, pk_span sp)
{
    return field ? bind_size(st, i, sp.page) : sqlite3_bind_null(st, i);
}

/* Runs a statement whose parameters are bound, then resets it. */
static int step(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The warnings as a JSON array of strings; NULL when out of memory. Free with sqlite3_free(). */
static char *warnings_json(const pk_record *r)
{
    sqlite3_str *s = sqlite3_str_new(NULL);
    sqlite3_str_appendchar(s, 1, '[');
    for (size_t i = 0; i < r->n_warnings; i++) {
        const unsigned char *w = (const unsigned char *)(r->warnings[i] ? r->warnings[i] : "");
        if (i)
            sqlite3_str_appendchar(s, 1, ',');
        sqlite3_str_appendchar(s, 1, '"');
        for (; *w; w++) {
            if (*w == '"' || *w == '\\') {
                sqlite3_str_appendchar(s, 1, '\\');
                sqlite3_str_appendchar(s, 1, (char)*w);
            } else if (*w == '\n') {
                sqlite3_str_appendall(s, "\\n");
            } else if (*w == '\r') {
                sqlite3_str_appendall(s, "\\r");
            } else if (*w == '\t') {
                sqlite3_str_appendall(s, "\\t");
            } else if (*w < 0x20) {
                sqlite3_str_appendf(s, "\\u%04x", (unsigned)*w);
            } else {
                sqlite3_str_appendchar(s, 1, (char)*w);
            }
        }
        sqlite3_str_appendchar(s, 1, '"');
    }
    sqlite3_str_appendchar(s, 1, ']');
    return sqlite3_str_finish(s);
}

/* ---- errors and cleanup ---- */

static void set_err(char *err, size_t errn, sqlite3 *db, int rc)
{
    if (!err || !errn)
        return;
    const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    int sys = db ? sqlite3_system_errno(db) : 0;
    if ((rc & 0xff) == SQLITE_CANTOPEN && sys)
        snprintf(err, errn, "%s (%s)", msg, strerror(sys));
    else
        snprintf(err, errn, "%s", msg);
}

/* Finalizes, closes and frees o; removes the file when this run created it and committed nothing. */
static void destroy(sqlite_out *o, int remove_file)
{
    for (int i = 0; i < S_COUNT; i++)
        sqlite3_finalize(o->st[i]);
    sqlite3_close(o->db);
    if (remove_file && o->created && o->path) {
        unlink(o->path);
        /* a journal left by an interrupted write has no database to go with */
        size_t n = strlen(o->path) + sizeof "-journal";
        char *j = malloc(n);
        if (j) {
            snprintf(j, n, "%s-journal", o->path);
            unlink(j);
            free(j);
        }
    }
    free(o->path);
    free(o);
}

/* ---- the interface ---- */

sqlite_out *sqlite_out_open(const char *path, char *err, size_t errn)
{
    if (!path || !*path) {
        snprintf(err, errn, "no database file given");
        return NULL;
    }
    sqlite_out *o = calloc(1, sizeof *o);
    if (!o || !(o->path = strdup(path))) {
        free(o);
        snprintf(err, errn, "out of memory");
        return NULL;
    }
    struct stat sb;
    o->created = stat(path, &sb) != 0 && errno == ENOENT;

    int rc = sqlite3_open_v2(path, &o->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        set_err(err, errn, o->db, rc);
        destroy(o, 1);
        return NULL;
    }
    sqlite3_extended_result_codes(o->db, 1);
    sqlite3_busy_timeout(o->db, 5000);

    /* Read the header before anything is written: a file that is not a
       database, or a database of another application or of a newer
       schema, is reported and left as it is. */
    sqlite3_stmt *q = NULL;
    int app_id = 0, version = 0;
    rc = sqlite3_prepare_v2(o->db, "PRAGMA application_id", -1, &q, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        app_id = sqlite3_column_int(q, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(q);
    q = NULL;
    if (rc == SQLITE_OK && (rc = sqlite3_prepare_v2(o->db, "PRAGMA user_version", -1, &q, NULL)) == SQLITE_OK &&
        (rc = sqlite3_step(q)) == SQLITE_ROW) {
        version = sqlite3_column_int(q, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_OK) {
        set_err(err, errn, o->db, rc);
        destroy(o, 1);
        return NULL;
    }
    if (app_id != 0 && app_id != APPLICATION_ID) {
        snprintf(err, errn, "not a protokoll database (application_id %d)", app_id);
        destroy(o, 0);
        return NULL;
    }
    if (version > SCHEMA_VERSION) {
        snprintf(err, errn, "database schema version %d is newer than this protokoll's (%d)", version,
                 SCHEMA_VERSION);
        destroy(o, 0);
        return NULL;
    }
    if (app_id == 0 && version == 0) {
        /* no protokoll schema yet: an empty file, or another
           application's database that happens to have a documents table */
        rc = sqlite3_prepare_v2(o->db, "SELECT 1 FROM sqlite_master WHERE name = 'documents'", -1, &q, NULL);
        int taken = rc == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW;
        sqlite3_finalize(q);
        if (rc != SQLITE_OK) {
            set_err(err, errn, o->db, rc);
            destroy(o, 1);
            return NULL;
        }
        if (taken) {
            snprintf(err, errn, "not a protokoll database (it has a documents table of its own)");
            destroy(o, 0);
            return NULL;
        }
    }

    /* a file of version 3 or older: its migration first, foreign keys
       off (rebuilding `documents` must not cascade to its children), in a
       transaction of its own that leaves it a valid file of this version */
    if (version >= 1 && version < SCHEMA_VERSION) {
        rc = sqlite3_exec(o->db, "PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE;", NULL, NULL, NULL);
        for (int v = version; rc == SQLITE_OK && v < SCHEMA_VERSION; v++)
            if (migrate_sql[v])
                rc = sqlite3_exec(o->db, migrate_sql[v], NULL, NULL, NULL);
        char *done = rc == SQLITE_OK ? sqlite3_mprintf("%sPRAGMA user_version = %d;\nCOMMIT;", schema_sql,
                                                       SCHEMA_VERSION)
                                     : NULL;
        if (rc == SQLITE_OK)
            rc = done ? sqlite3_exec(o->db, done, NULL, NULL, NULL) : SQLITE_NOMEM;
        sqlite3_free(done);
        if (rc != SQLITE_OK) {
            set_err(err, errn, o->db, rc);
            sqlite3_exec(o->db, "ROLLBACK", NULL, NULL, NULL);
            destroy(o, 0);
            return NULL;
        }
        version = SCHEMA_VERSION;
    }

    /* foreign_keys must be set outside a transaction; 32 MiB of page
       cache keeps the indices of a large run in memory */
    rc = sqlite3_exec(o->db, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768; BEGIN IMMEDIATE;", NULL, NULL,
                      NULL);
    if (rc != SQLITE_OK) {
        set_err(err, errn, o->db, rc);
        destroy(o, 1);
        return NULL;
    }
    o->in_txn = 1;

    char *setup = sqlite3_mprintf("%s"
                                  "PRAGMA application_id = %d;\n"
                                  "PRAGMA user_version = %d;\n"
                                  "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', '%d');\n"
                                  "INSERT OR REPLACE INTO meta (key, value) VALUES ('protokoll_version', %Q);\n",
                                  schema_sql, APPLICATION_ID, SCHEMA_VERSION, SCHEMA_VERSION, pk_version());
    rc = setup ? sqlite3_exec(o->db, setup, NULL, NULL, NULL) : SQLITE_NOMEM;
    sqlite3_free(setup);
    for (int i = 0; rc == SQLITE_OK && i < S_COUNT; i++)
        rc = sqlite3_prepare_v3(o->db, statement_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &o->st[i], NULL);
    if (rc != SQLITE_OK) {
        set_err(err, errn, o->db, rc);
        sqlite3_exec(o->db, "ROLLBACK", NULL, NULL, NULL);
        destroy(o, 1);
        return NULL;
    }
    return o;
}

/* Inserts record r (NULL: a failed input, with its error) as row `record`
   of the source, with the id it had before when have_old. An SQLite code. */
static int add_record(sqlite_out *o, const char *source, size_t record, sqlite3_int64 meeting_id, int have_old,
                      sqlite3_int64 old_id, const pk_record *r, const char *error)
{
    char *warnings = NULL;
    int rc;
    sqlite3_stmt *st;
    if (r && !(warnings = warnings_json(r)))
        return SQLITE_NOMEM;
    st = o->st[S_DOCUMENT];
    bind_text(st, 1, source);
    if (have_old)
        sqlite3_bind_int64(st, 23, old_id);
    bind_size(st, 28, record);
    if (meeting_id)
        sqlite3_bind_int64(st, 29, meeting_id);
    if (r) {
        const pk_award *aw = r->award;
        bind_text(st, 2, r->doc_type);
        bind_text(st, 3, r->title);
        bind_span(st, 4, r->title, r->title_span);
        bind_text(st, 6, r->body);
        bind_text(st, 7, r->body_canonical);
        bind_span(st, 8, r->body, r->body_span);
        bind_text(st, 10, r->administration);
        bind_span(st, 11, r->administration, r->administration_span);
        bind_text(st, 13, r->paragraph);
        bind_span(st, 14, r->paragraph, r->paragraph_span);
        bind_text(st, 16, r->document_date);
        bind_text(st, 17, r->meeting_date);
        bind_text(st, 18, aw ? aw->name : NULL);
        bind_year(st, 19, aw ? aw->year : 0);
        bind_text(st, 20, aw ? aw->klass : NULL);
        bind_text(st, 21, warnings);
        bind_page(st, 24, r->title, r->title_span);
        bind_page(st, 25, r->body, r->body_span);
        bind_page(st, 26, r->administration, r->administration_span);
        bind_page(st, 27, r->paragraph, r->paragraph_span);
    } else {
        /* a failed input: its source and its error, nothing else */
        bind_text(st, 22, error ? error : "unknown error");
    }
    rc = step(st);
    sqlite3_free(warnings);
    if (rc != SQLITE_OK)
        goto fail;
    if (!r)
        return 0;
    sqlite3_int64 id = sqlite3_last_insert_rowid(o->db);

    st = o->st[S_DECISION];
    for (size_t i = 0; i < r->n_decisions; i++) {
        const pk_decision *d = &r->decisions[i];
        sqlite3_bind_int64(st, 1, id);
        bind_size(st, 2, i);
        bind_text(st, 3, d->kind);
        bind_text(st, 4, d->formula);
        bind_text(st, 5, d->actor);
        bind_text(st, 6, d->text);
        bind_size(st, 7, d->span.start);
        bind_size(st, 8, d->span.end);
        bind_size(st, 9, d->span.page);
        if ((rc = step(st)) != SQLITE_OK)
            goto fail;
    }
    st = o->st[S_UNIT];
    for (size_t i = 0; i < r->n_units; i++) {
        const pk_unit *u = &r->units[i];
        sqlite3_bind_int64(st, 1, id);
        bind_size(st, 2, i);
        bind_text(st, 3, u->name);
        bind_text(st, 4, u->key);
        bind_text(st, 5, u->parent);
        bind_text(st, 6, u->klass);
        bind_size(st, 7, u->span.start);
        bind_size(st, 8, u->span.end);
        bind_size(st, 9, u->span.page);
        if ((rc = step(st)) != SQLITE_OK)
            goto fail;
    }
    st = o->st[S_PERSON];
    for (size_t i = 0; i < r->n_people; i++) {
        const pk_person *p = &r->people[i];
        sqlite3_bind_int64(st, 1, id);
        bind_size(st, 2, i);
        bind_text(st, 3, p->name);
        bind_text(st, 4, p->title);
        bind_text(st, 5, p->party);
        bind_text(st, 6, p->role);
        bind_size(st, 7, p->span.start);
        bind_size(st, 8, p->span.end);
        bind_size(st, 9, p->span.page);
        if ((rc = step(st)) != SQLITE_OK)
            goto fail;
    }
    st = o->st[S_DATE];
    for (size_t i = 0; i < r->n_dates; i++) {
        const pk_date *d = &r->dates[i];
        sqlite3_bind_int64(st, 1, id);
        bind_size(st, 2, i);
        bind_text(st, 3, d->text);
        bind_text(st, 4, d->iso);
        bind_text(st, 5, d->role);
        sqlite3_bind_int(st, 6, d->year_inferred != 0);
        bind_size(st, 7, d->span.start);
        bind_size(st, 8, d->span.end);
        bind_size(st, 9, d->span.page);
        if ((rc = step(st)) != SQLITE_OK)
            goto fail;
    }
    st = o->st[S_REGNUM];
    for (size_t i = 0; i < r->n_registration_numbers; i++) {
        const pk_regnum *g = &r->registration_numbers[i];
        sqlite3_bind_int64(st, 1, id);
        bind_size(st, 2, i);
        bind_text(st, 3, g->text);
        bind_text(st, 4, g->value);
        bind_text(st, 5, g->prefix);
        bind_year(st, 6, g->year);
        bind_size(st, 7, g->span.start);
        bind_size(st, 8, g->span.end);
        bind_size(st, 9, g->span.page);
        if ((rc = step(st)) != SQLITE_OK)
            goto fail;
    }
    return 0;

fail:
    return rc;
}

/* The meeting's row, with the id it had before when have_old; its id in *id. An SQLite code. */
static int add_meeting(sqlite_out *o, const char *source, const pk_meeting *m, int have_old, sqlite3_int64 old_id,
                       sqlite3_int64 *id)
{
    sqlite3_stmt *st = o->st[S_MEETING];
    bind_text(st, 1, source);
    bind_text(st, 2, m->body);
    bind_text(st, 3, m->body_canonical);
    bind_text(st, 4, m->date);
    bind_text(st, 5, m->first_paragraph);
    bind_text(st, 6, m->last_paragraph);
    bind_size(st, 7, m->n_paragraphs);
    bind_size(st, 8, m->span.start);
    bind_size(st, 9, m->span.end);
    bind_size(st, 10, m->span.page);
    if (have_old)
        sqlite3_bind_int64(st, 11, old_id);
    int rc = step(st);
    *id = sqlite3_last_insert_rowid(o->db);
    return rc;
}

int sqlite_out_add(sqlite_out *o, const char *source, const pk_doc *doc, const char *error, char *err, size_t errn)
{
    if (!o || !o->db || !source) {
        snprintf(err, errn, "no database open");
        return -1;
    }
    size_t n = doc ? pk_doc_count(doc) : 1;
    /* the earlier rows of this source, if any, go (their children with
       them), and the new ones take their ids, record by record, so that
       ids stay stable from run to run */
    sqlite3_int64 *old = calloc(n, sizeof *old);
    if (!old) {
        snprintf(err, errn, "out of memory");
        return -1;
    }
    sqlite3_stmt *st = o->st[S_DELETE];
    bind_text(st, 1, source);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 k = sqlite3_column_int64(st, 1);
        if (k >= 0 && (size_t)k < n)
            old[k] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    sqlite3_int64 old_meeting = 0, meeting_id = 0;
    if (rc == SQLITE_DONE) {
        st = o->st[S_DELETE_MEETING];
        bind_text(st, 1, source);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            old_meeting = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
    rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    const pk_record *first = doc ? pk_doc_record(doc) : NULL;
    if (rc == SQLITE_OK && first && first->meeting)
        rc = add_meeting(o, source, first->meeting, old_meeting != 0, old_meeting, &meeting_id);
    for (size_t k = 0; rc == SQLITE_OK && k < n; k++)
        rc = add_record(o, source, k, meeting_id, old[k] != 0, old[k], doc ? pk_doc_record_at(doc, k) : NULL,
                        error);
    free(old);
    if (rc != SQLITE_OK) {
        set_err(err, errn, o->db, rc);
        return -1;
    }
    return 0;
}

int sqlite_out_close(sqlite_out *o, int commit, char *err, size_t errn)
{
    if (!o)
        return 0;
    int ret = 0, committed = 0;
    if (o->in_txn) {
        /* statements are reset after every step, so none holds the transaction open */
        int rc = sqlite3_exec(o->db, commit ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
        if (rc == SQLITE_OK) {
            committed = commit;
        } else {
            set_err(err, errn, o->db, rc);
            ret = -1;
            if (commit && !sqlite3_get_autocommit(o->db))
                sqlite3_exec(o->db, "ROLLBACK", NULL, NULL, NULL);
        }
    }
    destroy(o, !committed);
    return ret;
}
