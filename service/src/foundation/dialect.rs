//! The SQL that differs between SQLite and PostgreSQL, in one place: full-text matching of the
//! employer-readable free text and text aggregation of id lists. Built with sea-query (values
//! bound, identifiers quoted by the query builder); the custom fragments are fixed templates
//! per backend (sea-query's placeholders differ: `?` in order on SQLite, `$n` on PostgreSQL),
//! never text formatted from input.

use crate::foundation::words;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DbBackend};

/// SQLite's full-text table over the same text (kept by triggers).
fn fts_table() -> Alias {
    Alias::new("job_seeker_fts")
}

/// The rows of `job_seeker` whose text matches: the condition on `job_seeker` itself.
/// `query` is the backend's own query syntax ([`text_query`]). With
/// `as_filter` on SQLite the id is tested on every row (`row_test`) instead of looked up, which
/// is the faster plan when the words are common.
pub fn text_matches(backend: DbBackend, query: String, as_filter: bool) -> Expr {
    match backend {
        DbBackend::Postgres => Expr::cust_with_exprs(
            "$1 @@ to_tsquery('simple', $2)",
            [
                Expr::col((Alias::new("job_seeker"), Alias::new("search_nl"))),
                Expr::val(query),
            ],
        ),
        _ => {
            let id = Expr::col((Alias::new("job_seeker"), Alias::new("id")));
            let id = if as_filter { row_test(id) } else { id };
            id.in_subquery(fts_ids(query))
        }
    }
}

/// A job seeker's preferred occupations as one JSON text, `[[id, isco_code, name], …]` (NULL or
/// `[]` for none), read beside the row itself: a list of cards then costs one statement.
pub fn occupations_json(backend: DbBackend) -> Expr {
    let (agg, array) = match backend {
        DbBackend::Postgres => ("json_agg", "json_build_array"),
        _ => ("json_group_array", "json_array"),
    };
    Expr::cust(format!(
        r#"(SELECT CAST({agg}({array}("o"."id", "o"."isco_code", "o"."name")) AS text) FROM "job_seeker_occupation" AS "jo" JOIN "occupation" AS "o" ON "o"."id" = "jo"."occupation_id" WHERE "jo"."job_seeker_id" = "job_seeker"."id")"#
    ))
}

/// SQLite: the ids (rowids) of the full-text rows that match `query`.
fn fts_ids(query: String) -> SelectStatement {
    Query::select()
        .column(Alias::new("rowid"))
        .from(fts_table())
        .and_where(fts_match(query))
        .to_owned()
}

/// SQLite: the full-text table matches `query`.
fn fts_match(query: String) -> Expr {
    Expr::cust_with_exprs("? MATCH ?", [Expr::col(fts_table()), Expr::val(query)])
}

/// SQLite: how many full-text rows match `query`, counting no further than `limit`.
pub async fn text_match_count<C: ConnectionTrait>(
    db: &C,
    query: String,
    limit: u64,
) -> Result<i64, sea_orm::DbErr> {
    let inner = fts_ids(query).limit(limit).to_owned();
    let count = Query::select()
        .expr(Func::count(Expr::col(Alias::new("rowid"))))
        .from_subquery(inner, Alias::new("m"))
        .to_owned();
    let row = db.query_one(&count).await?;
    Ok(match row {
        Some(r) => r.try_get_by_index(0)?,
        None => 0,
    })
}

/// `col` over the selected rows as one comma-separated text.
pub fn id_list(backend: DbBackend, col: Expr) -> Expr {
    match backend {
        DbBackend::Postgres => Expr::cust_with_exprs("string_agg(CAST($1 AS text), ',')", [col]),
        _ => Expr::cust_with_exprs("group_concat(?, ',')", [col]),
    }
}

/// The ids of a text [`id_list`] or [`id_list_ordered`] made (`None`: no rows), in its order.
pub fn ids_in_list(csv: Option<&str>) -> impl Iterator<Item = i32> + '_ {
    csv.unwrap_or_default()
        .split(',')
        .filter_map(|id| id.parse().ok())
}

/// `col` over the selected rows as one comma-separated text, in the order of `by`.
pub fn id_list_ordered(backend: DbBackend, col: Expr, by: [Expr; 3]) -> Expr {
    let [a, b, c] = by;
    match backend {
        DbBackend::Postgres => Expr::cust_with_exprs(
            "string_agg(CAST($1 AS text), ',' ORDER BY $2, $3, $4)",
            [col, a, b, c],
        ),
        _ => Expr::cust_with_exprs("group_concat(?, ',' ORDER BY ?, ?, ?)", [col, a, b, c]),
    }
}

/// `col` (a time written by the database's own clock, as the change-feed triggers do) is more
/// than a day ago.
pub fn over_a_day_ago(backend: DbBackend, col: Expr) -> Expr {
    match backend {
        DbBackend::Postgres => {
            Expr::cust_with_exprs("$1 < clock_timestamp() - interval '1 day'", [col])
        }
        _ => Expr::cust_with_exprs("? < strftime('%Y-%m-%d %H:%M:%f', 'now', '-1 day')", [col]),
    }
}

/// PostgreSQL: moves the id sequence of `table` past its largest id (after rows were inserted
/// with explicit ids).
pub fn move_id_sequence(table: &'static str) -> SelectStatement {
    let largest = Query::select()
        .expr(Func::max(Expr::col(Alias::new("id"))))
        .from(Alias::new(table))
        .to_owned();
    Query::select()
        .expr(Expr::cust_with_exprs(
            "setval(pg_get_serial_sequence($1, 'id'), $2)",
            [
                Expr::val(table),
                Expr::SubQuery(None, Box::new(largest.into())),
            ],
        ))
        .to_owned()
}

/// A test on every row rather than an index to search by: an expression of `col` (here
/// `col + 0`) keeps the planner (SQLite's in particular) from using an index on it.
pub fn row_test(col: Expr) -> Expr {
    col.add(0)
}

/// The keywords in the full-text query syntax of the backend, every word as a prefix, all
/// required; `None` without keywords. The words are folded letters and digits only
/// ([`words::query`]), so nothing typed can change the query.
pub fn text_query(backend: DbBackend, q: &str) -> Option<String> {
    let w = words::query(q)?;
    Some(match backend {
        DbBackend::Postgres => w
            .iter()
            .map(|w| format!("{w}:*"))
            .collect::<Vec<_>>()
            .join(" & "),
        _ => w
            .iter()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" "),
    })
}

/// The initial of a job seeker's last name, as the database computes it: all a list card shows
/// of the last name. Written out, the same on both databases, so it is the expression the
/// indexes of migration m20261206_000004 hold.
pub fn last_initial() -> Expr {
    Expr::cust(r#"upper(substr("job_seeker"."last_name", 1, 1))"#)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::sea_query::{PostgresQueryBuilder, SqliteQueryBuilder};

    #[test]
    fn each_backend_gets_its_own_text_search() {
        let sql = |backend, q: &str| {
            let cond = text_matches(backend, q.into(), false);
            let q = Query::select().expr(cond).to_owned();
            match backend {
                DbBackend::Postgres => q.to_string(PostgresQueryBuilder),
                _ => q.to_string(SqliteQueryBuilder),
            }
        };
        assert_eq!(
            sql(DbBackend::Postgres, "bakker:*"),
            r#"SELECT "job_seeker"."search_nl" @@ to_tsquery('simple', 'bakker:*')"#
        );
        assert_eq!(
            sql(DbBackend::Sqlite, "\"bakker\"*"),
            r#"SELECT "job_seeker"."id" IN (SELECT "rowid" FROM "job_seeker_fts" WHERE "job_seeker_fts" MATCH '"bakker"*')"#
        );
    }

    #[test]
    fn keywords_are_folded_letters_and_digits_only() {
        assert_eq!(
            text_query(DbBackend::Postgres, "Zorg\" OR 1=1; -- Café").as_deref(),
            Some("zorg:* & or:* & 1:* & cafe:*")
        );
        assert_eq!(
            text_query(DbBackend::Sqlite, "kok  bakker").as_deref(),
            Some("\"kok\"* \"bakker\"*")
        );
        assert_eq!(text_query(DbBackend::Postgres, "&&"), None);
    }

    #[test]
    fn a_common_word_is_a_row_test_on_sqlite() {
        let cond = text_matches(DbBackend::Sqlite, "x".into(), true);
        let sql = Query::select()
            .expr(cond)
            .to_owned()
            .to_string(SqliteQueryBuilder);
        assert_eq!(
            sql,
            r#"SELECT "job_seeker"."id" + 0 IN (SELECT "rowid" FROM "job_seeker_fts" WHERE "job_seeker_fts" MATCH 'x')"#
        );
    }
}

#[cfg(test)]
mod on_sqlite {
    use super::*;
    use sea_orm::{Database, Statement};

    #[tokio::test]
    async fn counts_full_text_matches() {
        let db = Database::connect("sqlite::memory:").await.unwrap();
        for sql in [
            "CREATE VIRTUAL TABLE job_seeker_fts USING fts5(text)",
            "INSERT INTO job_seeker_fts(rowid, text) VALUES (3, 'bakker'), (5, 'bakkerij'), (8, 'kapper')",
        ] {
            db.execute_raw(Statement::from_string(DbBackend::Sqlite, sql))
                .await
                .unwrap();
        }
        let q = "\"bakker\"*".to_string();
        assert_eq!(text_match_count(&db, q.clone(), 10).await.unwrap(), 2);
        assert_eq!(text_match_count(&db, q.clone(), 1).await.unwrap(), 1);
    }
}
