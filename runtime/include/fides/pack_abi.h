/* The pack ABI: the one contract between a compiled Fides pack (a shared
 * library made by `fides build`) and whatever runs it (the `fides-score` host,
 * `fides test`, and the reference interpreter, which implements the same entry
 * points in-process).
 *
 * Plain C, no C++ type and no exception crosses it. A pack exports exactly one
 * symbol, FIDES_PACK_ENTRY, a function returning its descriptor. Data passes
 * as columns: the host loads each record type into one column per field and
 * hands the pack pointers, never per-row objects. Results flow back through
 * the sink callbacks, so a pack needs nothing from its host but this header.
 *
 * Value encoding in columns, params and tables (all int64_t slots):
 *   bool      0 or 1
 *   int       the integer
 *   decimal   value × 10^6 (exact, 6 fractional digits); money is the same
 *   date      days since 1970-01-01
 *   severity  info 0, low 1, medium 2, high 3, critical 4
 *   reference row index in the target record's columns
 *   text      a fides_str (pointer and byte length, UTF-8, not NUL-terminated)
 * An optional column has a `present` byte per row (1 present, 0 absent).
 *
 * Every entry point is re-entrant and may be called from many threads at once
 * on disjoint row ranges. */
#ifndef FIDES_PACK_ABI_H
#define FIDES_PACK_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 6: fides_eval_ctx.row_cache and fides_pack.n_row_caches (was reserved2)
 * and row_cache_records: per-row values of aggregates that a host keeps
 * across calls on the same history (fides-serve). fides-score passes NULL.
 * 5: fides_index_data.ends, find and find_data, so that a host can add rows
 * to a loaded index without moving it (the review server, fides-serve).
 * 4: fides_field_desc.flags (was `reserved`, always 0): FIDES_FIELD_PERSONAL.
 * The layout is unchanged, but a version 3 pack names no personal field, so a
 * host masking identifiers must not take its silence for "none".
 * 3: fides_record_desc.input_file.
 * 2: groups (fides_record_desc.group_source and n_keys, FIDES_INDEX_GROUP_ROWS,
 * fides_sink_vtbl.group_member, fides_pack.eval_group), param ranges
 * (fides_param_desc.has_range, range_low, range_high), and BY_FIELD indexes
 * over a path of references with the value of each group
 * (fides_index_desc.n_path and path, fides_index_data.group_values/texts). The entry symbol keeps
 * its name; a host tells layouts apart by abi_version alone. */
#define FIDES_ABI_VERSION 6u
#define FIDES_PACK_ENTRY "fides_pack_v1"

#ifndef FIDES_STR_DEFINED
#define FIDES_STR_DEFINED
typedef struct fides_str {
  const char* ptr;
  int64_t len;
} fides_str;
#endif

typedef enum fides_type {
  FIDES_TYPE_BOOL = 1,
  FIDES_TYPE_INT = 2,
  FIDES_TYPE_DECIMAL = 3,
  FIDES_TYPE_MONEY = 4,
  FIDES_TYPE_TEXT = 5,
  FIDES_TYPE_DATE = 6,
  FIDES_TYPE_SEVERITY = 7,
  FIDES_TYPE_REF = 8
} fides_type;

/* ---- The descriptor: what the pack is. ---- */

/* fides_field_desc.flags. PERSONAL: the values identify a person (`personal`
 * in the schema); only on a TEXT field, and on a REF field exactly when its
 * target's key field has it. `fides-score --mask` replaces such values. */
#define FIDES_FIELD_PERSONAL 1u

typedef struct fides_field_desc {
  const char* name;    /* field name in the language */
  const char* column;  /* input column name */
  uint32_t type;       /* fides_type */
  uint32_t optional;   /* 1 when the type is T? */
  int32_t ref_record;  /* FIDES_TYPE_REF: index of the target record; else -1 */
  uint32_t flags;      /* FIDES_FIELD_* bits; no other bit is set */
} fides_field_desc;

typedef struct fides_record_desc {
  const char* name;   /* record name */
  const char* label;  /* the quoted label, or "" */
  uint32_t key_field; /* index into fields (a group: 0) */
  uint32_t n_fields;
  const fides_field_desc* fields; /* stored fields only; `via` collections are indexes */
  /* A group (a record derived from the rows of another): the index of its
   * `for` record; an input record: -1. A group reads no file: the host forms
   * its rows through eval_group, and its fields are its keys, all of them
   * (n_keys == n_fields), printed joined by '|' as its key. */
  int32_t group_source;
  uint32_t n_keys; /* an input record: 1 */
  /* An input record's file in the data folder: `record R from "MDTRT_D.csv"`.
   * NULL or "" means <name>.csv; a group: NULL. */
  const char* input_file;
} fides_record_desc;

typedef struct fides_param_desc {
  const char* name;
  const char* label;
  uint32_t type;               /* fides_type (never REF) */
  uint32_t has_range;          /* 1 when `range lo to hi` bounds the value */
  const char* default_literal; /* the default, in --param syntax */
  const char* range_low;       /* has_range: the inclusive bounds, in --param syntax; else "" */
  const char* range_high;
} fides_param_desc;

typedef struct fides_table_desc {
  const char* name;
  uint32_t is_map;
  uint32_t key_type;   /* fides_type of set elements / map keys */
  uint32_t value_type; /* fides_type of map values; 0 for sets */
  uint32_t reserved;
  const char* key_column;   /* set: the `column`; map: the `key` */
  const char* value_column; /* map: the `value`; NULL for sets */
  const char* source;       /* the file as declared, or "" for an inline table */
  const char* csv;          /* the embedded table as CSV text with a header row */
  uint64_t csv_len;
} fides_table_desc;

typedef struct fides_rule_desc {
  const char* id;
  const char* name;
  const char* category;
  uint32_t severity;       /* 0..4 */
  uint32_t verdict;        /* 0 suspicious, 1 definite */
  uint32_t subject_record; /* index of the `for` record */
  uint32_t uses_hits;      /* 1: evaluated after the findings of rules that do not */
} fides_rule_desc;

typedef struct fides_scorecard_desc {
  const char* name;
  const char* title;
  uint32_t subject_record;
  uint32_t score_is_decimal; /* 0: scores and items are int; 1: decimal × 10^6 */
  uint32_t n_items;
  uint32_t n_grades;
  const char* const* items;  /* item labels, in declaration order */
  const char* const* grades; /* grade labels, in band order */
  uint32_t reasons;          /* N of `reasons N`; 0 when absent */
  uint32_t reasons_highest;  /* 1 for `reasons N highest` */
} fides_scorecard_desc;

typedef struct fides_source_desc {
  const char* path; /* as the compiler named it, relative to the main file's folder */
  const char* text;
  uint64_t len;
} fides_source_desc;

typedef enum fides_index_kind {
  /* rows of `record` whose reference `field` points at each row of its target */
  FIDES_INDEX_REVERSE_REF = 1,
  /* rows of `record` grouped by equal values of `field` */
  FIDES_INDEX_BY_FIELD = 2,
  /* the member rows (of the group's `for` record) of each row of group `record`; field 0 */
  FIDES_INDEX_GROUP_ROWS = 3
} fides_index_kind;

typedef struct fides_index_desc {
  uint32_t kind; /* fides_index_kind */
  uint32_t record;
  /* BY_FIELD: the rows of `record` are grouped by the value reached by
   * following the n_path reference fields in `path` (path[0] a field of
   * `record`, path[i + 1] a field of path[i]'s target; none optional) and
   * then reading `field` of the record reached (of `record` itself when
   * n_path is 0). Other kinds: n_path is 0. */
  uint32_t field;
  uint32_t n_path;
  const uint32_t* path;
} fides_index_desc;

/* ---- The data handed to evaluation. ---- */

typedef struct fides_column {
  const int64_t* values;  /* every type but text */
  const fides_str* texts; /* text */
  const uint8_t* present; /* optional fields; NULL otherwise */
} fides_column;

typedef struct fides_record_data {
  int64_t n_rows;
  const fides_column* columns; /* one per field of the record's descriptor */
} fides_record_data;

/* Compressed sparse rows: the rows of group g are rows[offsets[g] .. end(g)),
 * in input order, where end(g) is ends[g] when ends is not NULL and
 * offsets[g+1] otherwise. REVERSE_REF: g is a row of the target record.
 * BY_FIELD: group g's value is group_values[g] (group_texts[g] for text), and
 * group_of_row[r] is the group of row r (-1: none); the group of a value is
 * find(index, value, text, text_len) (-1: none; value for a non-text value,
 * text and text_len for text) when find is not NULL, and otherwise found by
 * binary search, the groups being ordered by value (int64 numerically, text
 * bytewise).
 *
 * ends and find let a host add rows to an index it built without moving it
 * (fides-serve: a request's rows joined to the history): a group that gains
 * rows gets them elsewhere in `rows` with its own end, and a new value's group
 * comes after the others. fides-score leaves both NULL. */
typedef struct fides_index_data fides_index_data;
typedef int64_t (*fides_find_group_fn)(const fides_index_data* index, int64_t value, const char* text,
                                       int64_t text_len);
struct fides_index_data {
  int64_t n_groups;
  const int64_t* offsets;
  const int64_t* rows;
  const int64_t* group_of_row;  /* BY_FIELD only */
  const int64_t* group_values;  /* BY_FIELD over a non-text value */
  const fides_str* group_texts; /* BY_FIELD over a text value */
  const int64_t* ends;          /* NULL: offsets[g + 1] */
  fides_find_group_fn find;     /* BY_FIELD; NULL: binary search */
  const void* find_data;        /* for find's own use */
};

/* A table as sorted, de-duplicated keys (bytewise for text, numeric otherwise);
 * for a map, values[i] belongs to keys[i]. */
typedef struct fides_table_data {
  int64_t n;
  const int64_t* keys;
  const fides_str* key_texts;
  const int64_t* values;
  const fides_str* value_texts;
} fides_table_data;

typedef struct fides_param_value {
  int64_t value;
  fides_str text;
} fides_param_value;

/* Findings visible to `hits(x)`: one entry per finding, and for every record
 * type an index from its rows to the findings attributed to them. */
typedef struct fides_findings_view {
  int64_t n;
  const uint32_t* rule;
  const int64_t* amount; /* decimal × 10^6 */
  const int64_t* points;
  const fides_str* subject_key;
  const fides_index_data* by_record; /* [n_records]; rows hold finding numbers */
} fides_findings_view;

typedef enum fides_error_kind {
  FIDES_ERROR_RULE = 0,
  FIDES_ERROR_SCORECARD = 1,
  FIDES_ERROR_GROUP = 2 /* index: the group's record; row: a row of its `for` record */
} fides_error_kind;

/* Where results go. Every callback may be called from several threads, each
 * with its own sink. Strings are copied by the callee before it returns. */
typedef struct fides_sink_vtbl {
  void (*finding)(void* sink, uint32_t rule, int64_t row, int64_t amount, int64_t points,
                  const char* message, int64_t message_len);
  /* items: one value per item, the clamped value that was added to the score */
  void (*score)(void* sink, uint32_t scorecard, int64_t row, int64_t score, uint32_t grade,
                const int64_t* items);
  void (*error)(void* sink, uint32_t kind, uint32_t index, int64_t row, const char* message,
                int64_t message_len);
  /* eval_group: `row` of the group's `for` record passed `where` and has every
   * key; key k is values[k] (texts[k] for a text key). Called in increasing
   * row order within one call. */
  void (*group_member)(void* sink, uint32_t group_record, int64_t row, const int64_t* values,
                       const fides_str* texts);
} fides_sink_vtbl;

/* One element of a row cache: the state of one row of the cached
 * aggregate's collection. */
typedef struct fides_cached_element {
  int64_t value; /* the element's value (bool: 0 or 1; count/exists: 0) */
  uint8_t state; /* FIDES_CACHED_* */
  uint8_t reserved[7];
} fides_cached_element;

enum {
  FIDES_CACHED_UNKNOWN = 0,  /* not computed yet */
  FIDES_CACHED_EXCLUDED = 1, /* `where` is false for the row */
  FIDES_CACHED_INCLUDED = 2  /* `where` is true (or absent); value is its value */
};

/* Per-row values of a pack's cached aggregates (fides_pack.n_row_caches):
 * the aggregates whose elements are the rows of one record and whose `where`
 * and value depend on the element only through the element's own fields,
 * references followed forward, and via lists followed from the element (so a
 * row's value can change only when a row added to the history references it,
 * directly or through such rows). A host that evaluates the same history many
 * times with a few rows added (fides-serve) keeps them: elements[c] has one
 * entry per row below history_rows[r] of cache c's record r
 * (fides_pack.row_cache_records[c]), zeroed at first. The pack reads an
 * entry of a history row that dirty does not mark, and fills it when it is
 * FIDES_CACHED_UNKNOWN (the value first, then the state with release order,
 * read with acquire order: several threads may fill the same entry, with the
 * same value). dirty[r] (NULL: none) marks, per history row of record r, a row
 * whose value may differ from the history's: every row that an added row
 * reaches through references. Rows at or above history_rows[r] are always
 * computed. */
typedef struct fides_row_cache {
  const int64_t* history_rows;        /* [n_records] */
  const uint8_t* const* dirty;        /* [n_records], each NULL or [history_rows[r]] */
  fides_cached_element* const* elements; /* [n_row_caches] */
} fides_row_cache;

typedef struct fides_eval_ctx {
  const fides_record_data* records;   /* [n_records] */
  const fides_param_value* params;    /* [n_params] */
  const fides_table_data* tables;     /* [n_tables] */
  const fides_index_data* indexes;    /* [n_indexes], as the descriptor lists them */
  const fides_findings_view* findings; /* NULL while the first stratum runs */
  void* sink;
  const fides_sink_vtbl* out;
  const fides_row_cache* row_cache; /* NULL: every aggregate computes every element */
} fides_eval_ctx;

/* Evaluates one rule (or scorecard) for the subjects in rows [begin, end) of
 * its `for` record. Returns 0, or non-zero when it could not run at all (out
 * of memory); an evaluation error of one subject is reported through
 * out->error and does not stop the others. */
typedef int (*fides_eval_fn)(const fides_eval_ctx* ctx, uint32_t index, int64_t begin, int64_t end);

typedef struct fides_pack {
  uint32_t abi_version; /* FIDES_ABI_VERSION */
  uint32_t reserved;
  const char* name;
  const char* version;
  const char* compiler; /* "fides 0.1.0" */
  const char* hash;     /* hex SHA-256 over sources and embedded tables */
  uint32_t n_sources, n_records, n_params, n_tables, n_rules, n_scorecards, n_indexes, n_row_caches;
  const fides_source_desc* sources;
  const fides_record_desc* records;
  const fides_param_desc* params;
  const fides_table_desc* tables;
  const fides_rule_desc* rules;
  const fides_scorecard_desc* scorecards;
  const fides_index_desc* indexes;
  fides_eval_fn eval_rule;
  fides_eval_fn eval_scorecard;
  /* index: a group's record; rows [begin, end) of its `for` record. NULL
   * when the pack has no groups. */
  fides_eval_fn eval_group;
  /* [n_row_caches]: the record whose rows are cache c's elements (fides_row_cache). */
  const uint32_t* row_cache_records;
} fides_pack;

typedef const fides_pack* (*fides_pack_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* FIDES_PACK_ABI_H */
