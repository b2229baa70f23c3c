//! Limits on mass viewing (SPEC §10; the 2024 werk.nl incident, in which one account viewed
//! about 150,000 CVs). Every profile an employer opens and every candidate row it is listed is
//! charged here, before the data leaves the server, against a daily ceiling per account and
//! per organisation that the region's staff set. From `WARN_PERCENT` of a ceiling the answer
//! carries a warning; passing one refuses the answer, blocks the account or organisation for
//! the day, and alerts the region's staff, who can lift the block (one more day's allowance).

use crate::access::audit::{self, Entry, record_in_region};
use crate::access::caller::Employer;
use crate::access::caller::Staff;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::{
    app_user, employer, region, viewing_block as block, viewing_count as count, viewing_limit,
    viewing_limit_proposal as proposal, viewing_opened as opened,
};
use kernel::error::AppError;
use kernel::views::viewing_limits::*;
use sea_orm::sea_query::{Expr, ExprTrait, InsertStatement, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};

/// The region's ceilings, or the defaults.
pub async fn limits_of<C: ConnectionTrait>(db: &C, region_id: i32) -> Result<Limits, AppError> {
    Ok(viewing_limit::Entity::find_by_id(region_id)
        .one(db)
        .await?
        .map(|l| Limits {
            account_opened: l.account_opened as u32,
            organisation_opened: l.organisation_opened as u32,
            account_listed: l.account_listed as u32,
            organisation_listed: l.organisation_listed as u32,
        })
        .unwrap_or(DEFAULT_LIMITS))
}

/// Account (`user_id`) or, with 0, the whole organisation.
const ORGANISATION: i32 = 0;

fn ceiling(limits: &Limits, measure: Measure, user_id: i32) -> u64 {
    u64::from(match (measure, user_id) {
        (Measure::Opened, ORGANISATION) => limits.organisation_opened,
        (Measure::Opened, _) => limits.account_opened,
        (Measure::Listed, ORGANISATION) => limits.organisation_listed,
        (Measure::Listed, _) => limits.account_listed,
    })
}

/// The day's blocks of the organisation for `measure` (account and organisation ones).
async fn blocks_of<C: ConnectionTrait>(
    db: &C,
    day: NaiveDate,
    employer_id: i32,
    measure: Measure,
) -> Result<Vec<block::Model>, AppError> {
    Ok(block::Entity::find()
        .filter(block::Column::Day.eq(day))
        .filter(block::Column::EmployerId.eq(employer_id))
        .filter(block::Column::Measure.eq(measure.code()))
        .all(db)
        .await?)
}

/// A writing transaction in which what a request is about to show is already charged: read
/// and audit in `txn`, then commit, and only then let data leave. Dropped without a commit, the
/// charge goes with it. `notice` warns that the employer nears a ceiling (Dutch).
pub struct Charged<T> {
    pub txn: T,
    pub notice: Option<String>,
}

/// Opens one person for this employer account, by any channel (the profile, its photo or video,
/// an invitation): the first opening of the person by the account today charges one opened
/// profile to the account and the organisation; later ones that day are free. Past a ceiling,
/// or while the account or organisation is blocked, nothing is charged or read:
/// `Err(ViewingLimit)`, and the region's staff are alerted once.
pub async fn open<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Employer,
    job_seeker_id: i32,
    now: DateTime<Utc>,
) -> Result<Charged<C::Transaction>, AppError> {
    let txn = crate::foundation::db::begin_write(db).await?;
    let day = now.date_naive();
    let first = opened::Entity::insert(opened::ActiveModel {
        day: Set(day),
        user_id: Set(p.user_id),
        job_seeker_id: Set(job_seeker_id),
    })
    .on_conflict(
        OnConflict::columns([
            opened::Column::Day,
            opened::Column::UserId,
            opened::Column::JobSeekerId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?
        > 0;
    if first {
        // Earlier days no longer count for anything.
        opened::Entity::delete_many()
            .filter(opened::Column::UserId.eq(p.user_id))
            .filter(opened::Column::Day.lt(day))
            .exec(&txn)
            .await?;
    }
    settle(
        db,
        txn,
        p,
        Measure::Opened,
        u32::from(first),
        Vec::new(),
        now,
    )
    .await
}

/// Lists candidate cards to this employer account, `shown` holding one audit entry per card:
/// the cards are charged to the account and the organisation against their own ceilings on
/// listed rows, as [`open`] does, and the entries are written with the charge, so a list is
/// never charged without its audit or audited without its charge. On PostgreSQL the entries'
/// inserts go into the charge's one statement (as data-modifying WITH queries, undone with it
/// when it is refused); SQLite, which has none, writes them next in the same transaction,
/// in one statement (`audit::Batch::inserts`).
pub async fn list<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Employer,
    shown: Vec<Entry>,
    now: DateTime<Utc>,
) -> Result<Charged<C::Transaction>, AppError> {
    let n = shown.len() as u32;
    let mut batch = audit::Batch::of(Some(p), shown);
    let txn = crate::foundation::db::begin_write(db).await?;
    let entries = batch.inserts(db.get_database_backend());
    let charged = settle(db, txn, p, Measure::Listed, n, entries, now).await?;
    batch.stored();
    Ok(charged)
}

/// Charges `n` in `txn` (running `entries`, the inserts of its audit entries, with it) and
/// hands it back, or rolls it back, blocks and alerts (in a transaction of its own, so the
/// block stays), and refuses.
async fn settle<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    txn: C::Transaction,
    p: &Employer,
    measure: Measure,
    n: u32,
    entries: Vec<InsertStatement>,
    now: DateTime<Utc>,
) -> Result<Charged<C::Transaction>, AppError> {
    match charge_in(&txn, p, measure, n, entries, now).await? {
        Ok(notice) => Ok(Charged { txn, notice }),
        Err(Refused {
            subject,
            blocked_already,
        }) => {
            txn.rollback().await?;
            if !blocked_already {
                block_and_alert(db, p, p.employer_id, p.region_id, subject, measure, now).await?;
            }
            Err(refusal(measure, subject))
        }
    }
}

/// Who a refused charge was refused for (an account, or `ORGANISATION`), and whether a block
/// was in place already.
struct Refused {
    subject: i32,
    blocked_already: bool,
}

/// Adds `n` to today's count of the account and to its organisation's total in `txn`, then
/// checks both against their allowance: `Ok(Ok(warning))` when within it (a warning from
/// `WARN_PERCENT`), `Ok(Err(refused))` past it or while blocked, even for `n == 0`.
async fn charge_in<C: ConnectionTrait>(
    txn: &C,
    p: &Employer,
    measure: Measure,
    n: u32,
    entries: Vec<InsertStatement>,
    now: DateTime<Utc>,
) -> Result<Result<Option<String>, Refused>, AppError> {
    let mut statement = charge(p, measure, n, now);
    // On PostgreSQL the entries go into the charge's statement; SQLite runs them after it.
    let mut after = entries;
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres && !after.is_empty() {
        use sea_orm::sea_query::{Alias, CommonTableExpression, WithClause};
        let mut with = WithClause::new();
        for (i, insert) in std::mem::take(&mut after).into_iter().enumerate() {
            with.cte(
                CommonTableExpression::new()
                    .query(insert)
                    .table_name(Alias::new(format!("entries_{i}")))
                    .to_owned(),
            );
        }
        statement.with_cte(with);
    }
    let day_of = counted(txn, &statement, measure).await?;
    let mut warning = None;
    for (subject, c) in [(p.user_id, &day_of[0]), (ORGANISATION, &day_of[1])] {
        let allowance = c.allowance();
        if c.refuses(n) {
            return Ok(Err(Refused {
                subject,
                blocked_already: c.blocked,
            }));
        }
        if n > 0 && c.used * 100 >= allowance * WARN_PERCENT {
            let whose = if subject == ORGANISATION {
                "je organisatie"
            } else {
                "jij"
            };
            warning.get_or_insert(format!(
                "Let op: {whose} zit vandaag op {} van de {allowance} {}. Daarboven worden \
                 verdere profielen voor vandaag geblokkeerd en krijgt de regio een melding.",
                c.used,
                measure.label()
            ));
        }
    }
    for insert in after {
        txn.execute(&insert).await?;
    }
    Ok(Ok(warning))
}

/// Runs a charge statement ([`charge`]) and reads back the account's day and the
/// organisation's, in that order.
async fn counted<C: ConnectionTrait>(
    txn: &C,
    statement: &InsertStatement,
    measure: Measure,
) -> Result<[Counted; 2], AppError> {
    let mut day_of = [None, None];
    for row in txn.query_all(statement).await? {
        let subject: i32 = row.try_get_by_index(0)?;
        let counted = Counted {
            used: natural(row.try_get_by_index::<i32>(1)?.into()),
            lifted: natural(row.try_get_by_index::<i64>(2)?),
            blocked: row.try_get_by_index::<i64>(3)? > 0,
            ceiling: row.try_get_by_index::<Option<i32>>(4)?.map_or_else(
                || ceiling(&DEFAULT_LIMITS, measure, subject),
                |c| natural(c.into()),
            ),
        };
        day_of[usize::from(subject == ORGANISATION)] = Some(counted);
    }
    match day_of {
        [Some(account), Some(organisation)] => Ok([account, organisation]),
        _ => Err(AppError::Internal),
    }
}

/// How many more of `measure` the account may take today before a charge is refused: the
/// least of what its own and its organisation's allowances leave, 0 while either is blocked
/// ([`Counted::left`], the charge's rule). Plain reads of what the charge reads (the day's
/// counts, the blocks, the region's ceilings): no lock is taken and nothing is written, so a
/// start page never waits for, nor holds up, a charge.
pub async fn left_today<C: ConnectionTrait>(
    db: &C,
    p: &Employer,
    measure: Measure,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let day = now.date_naive();
    let limits = limits_of(db, p.region_id).await?;
    let counts = count::Entity::find()
        .filter(count::Column::Day.eq(day))
        .filter(count::Column::EmployerId.eq(p.employer_id))
        .filter(count::Column::UserId.is_in([p.user_id, ORGANISATION]))
        .all(db)
        .await?;
    let blocks = blocks_of(db, day, p.employer_id, measure).await?;
    Ok([p.user_id, ORGANISATION]
        .into_iter()
        .map(|subject| {
            let used = counts
                .iter()
                .find(|c| c.user_id == subject)
                .map_or(0, |c| match measure {
                    Measure::Opened => c.opened,
                    Measure::Listed => c.listed,
                });
            let of_subject = || blocks.iter().filter(|b| b.user_id == subject);
            Counted {
                used: natural(used.into()),
                lifted: of_subject().filter(|b| b.lifted_at.is_some()).count() as u64,
                blocked: of_subject().any(|b| b.lifted_at.is_none()),
                ceiling: ceiling(&limits, measure, subject),
            }
            .left()
        })
        .min()
        .unwrap_or(0))
}

/// A count read back from the database (never negative there).
fn natural(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

/// One subject's day for one measure, as the charge returned it.
struct Counted {
    /// Its count, this charge included.
    used: u64,
    /// Its blocks of the day that staff lifted, and whether one is in force.
    lifted: u64,
    blocked: bool,
    /// The region's ceiling for it (or the default).
    ceiling: u64,
}

impl Counted {
    /// What may be used today: each lifted block grants one more day's allowance.
    fn allowance(&self) -> u64 {
        self.ceiling * (1 + self.lifted)
    }

    /// A charge of `n` (its count included in `used`) is refused: blocked, or past the
    /// allowance. A repeat opening (`n == 0`) passes unless blocked.
    fn refuses(&self, n: u32) -> bool {
        self.blocked || (n > 0 && self.used > self.allowance())
    }

    /// How many more may be charged one at a time before one is refused, as read before any:
    /// the largest k with `used + k` within the allowance, 0 while blocked ([`Counted::refuses`]).
    fn left(&self) -> u64 {
        if self.blocked {
            0
        } else {
            self.allowance().saturating_sub(self.used)
        }
    }
}

/// The charge as one statement: `n` added to today's row of the account and to the
/// organisation's total row (made at 0 if absent), returning per row (account, count,
/// lifted blocks, blocks in force, the region's ceiling or NULL). The organisation's total is
/// a row of its own so that charges of one organisation take turns on it (the upsert locks
/// it; on PostgreSQL a second account waits and then adds to the committed total), and no
/// two accounts charging at once can together pass its ceiling. Every charge locks the
/// account's row before the organisation's (their order in VALUES), so they cannot deadlock.
/// A repeat opening (`n == 0`) takes the same turn, as it took the organisation's lock before.
///
/// The blocks are read as the statement began (PostgreSQL): a block set by a request refused
/// while this one waited for the row is not seen, so this charge passes if its count fits
/// the allowance. The count is never passed; the block holds from the next charge on (the
/// lock-then-read before had the same window: a block is set after the refused charge's
/// rollback, in a transaction of its own).
fn charge(p: &Employer, measure: Measure, n: u32, now: DateTime<Utc>) -> InsertStatement {
    use sea_orm::sea_query::{Alias, Query, SubQueryStatement};
    let day = now.date_naive();
    let (column, account, organisation) = match measure {
        Measure::Opened => (
            count::Column::Opened,
            viewing_limit::Column::AccountOpened,
            viewing_limit::Column::OrganisationOpened,
        ),
        Measure::Listed => (
            count::Column::Listed,
            viewing_limit::Column::AccountListed,
            viewing_limit::Column::OrganisationListed,
        ),
    };
    let (opened, listed) = match measure {
        Measure::Opened => (n as i32, 0),
        Measure::Listed => (0, n as i32),
    };
    let own = |c: count::Column| Expr::col((count::Entity, c));
    let blocks = |in_force: bool| {
        let lifted = block::Column::LiftedAt;
        let sub = Query::select()
            .expr(Expr::col(block::Column::Id).count())
            .from(block::Entity)
            .and_where(Expr::col((block::Entity, block::Column::Day)).eq(own(count::Column::Day)))
            .and_where(
                Expr::col((block::Entity, block::Column::EmployerId))
                    .eq(own(count::Column::EmployerId)),
            )
            .and_where(
                Expr::col((block::Entity, block::Column::UserId)).eq(own(count::Column::UserId)),
            )
            .and_where(block::Column::Measure.eq(measure.code()))
            .and_where(if in_force {
                lifted.is_null()
            } else {
                lifted.is_not_null()
            })
            .to_owned();
        Expr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(sub)))
    };
    let limit = |c: viewing_limit::Column| {
        let sub = Query::select()
            .column(c)
            .from(viewing_limit::Entity)
            .and_where(viewing_limit::Column::RegionId.eq(p.region_id))
            .to_owned();
        Expr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(sub)))
    };
    let ceiling = Expr::case(
        own(count::Column::UserId).eq(ORGANISATION),
        limit(organisation),
    )
    .finally(limit(account));
    let mut insert = Query::insert();
    insert.into_table(count::Entity).columns([
        count::Column::Day,
        count::Column::UserId,
        count::Column::EmployerId,
        count::Column::Opened,
        count::Column::Listed,
    ]);
    for subject in [p.user_id, ORGANISATION] {
        insert.values_panic([
            day.into(),
            subject.into(),
            p.employer_id.into(),
            opened.into(),
            listed.into(),
        ]);
    }
    insert
        .on_conflict(
            OnConflict::columns([
                count::Column::Day,
                count::Column::EmployerId,
                count::Column::UserId,
            ])
            .value(
                column,
                own(column).add(Expr::col((Alias::new("excluded"), column))),
            )
            .to_owned(),
        )
        .returning(Query::returning().exprs([
            own(count::Column::UserId),
            own(column),
            blocks(false),
            blocks(true),
            ceiling.into(),
        ]));
    insert
}

fn refusal(measure: Measure, subject: i32) -> AppError {
    let whose = if subject == ORGANISATION {
        "Je organisatie heeft"
    } else {
        "Je hebt"
    };
    AppError::ViewingLimit {
        message: format!(
            "{whose} vandaag de daggrens voor {} bereikt. Om misbruik van gegevens van \
             werkzoekenden te voorkomen zijn verdere profielen voor vandaag geblokkeerd. De regio \
             is gewaarschuwd en kan de blokkade opheffen; neem contact op met de regio als je \
             vandaag verder moet.",
            measure.label()
        ),
    }
}

/// Records the block, its audit entry and the alert mail to the region's desk, together.
async fn block_and_alert<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Employer,
    employer_id: i32,
    region_id: i32,
    subject: i32,
    measure: Measure,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = crate::foundation::db::begin_write(db).await?;
    // Another request may have set it in the meantime.
    if blocks_of(&txn, now.date_naive(), employer_id, measure)
        .await?
        .iter()
        .any(|b| b.user_id == subject && b.lifted_at.is_none())
    {
        txn.rollback().await?;
        return Ok(());
    }
    let b = block::ActiveModel {
        day: Set(now.date_naive()),
        employer_id: Set(employer_id),
        user_id: Set(subject),
        measure: Set(measure.code().into()),
        region_id: Set(region_id),
        created_at: Set(now),
        lifted_at: Set(None),
        lifted_by: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(p),
        Entry::object("viewing_blocked", "viewing_block", b.id),
    )
    .await?;
    let r = region::Entity::find_by_id(region_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(to) = &r.department_email {
        let mail = crate::foundation::mail::Mail::ViewingLimitReached {
            region: r.name.clone(),
            organisation: p.organisation.clone(),
            what: measure.label().into(),
            link: "/kijklimieten".into(),
        };
        crate::foundation::mail::enqueue(&txn, to, &mail).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Staff: their region's ceilings and its blocks of the last seven days.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    p: &Staff,
    now: DateTime<Utc>,
) -> Result<LimitsPage, AppError> {
    let r = region::Entity::find_by_id(p.region_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let own = viewing_limit::Entity::find_by_id(r.id).one(db).await?;
    let since = now.date_naive() - Duration::days(7);
    let rows = block::Entity::find()
        .filter(block::Column::RegionId.eq(r.id))
        .filter(block::Column::Day.gte(since))
        .order_by_desc(block::Column::CreatedAt)
        .limit(MAX_BLOCKS)
        .all(db)
        .await?;
    // Staff read the names and addresses of the blocked accounts: one entry per person.
    audit::record_many(
        db,
        Some(p),
        rows.iter().filter(|b| b.user_id != ORGANISATION).map(|b| {
            Entry::object("list", "app_user", b.user_id)
                .about(kernel::processing::DataSubject::EmployerContact(b.user_id))
        }),
    )
    .await?;
    let mut blocks = Vec::with_capacity(rows.len());
    for b in rows {
        let organisation = employer::Entity::find_by_id(b.employer_id)
            .one(db)
            .await?
            .map(|e| e.name)
            .unwrap_or_default();
        let account = match b.user_id {
            ORGANISATION => None,
            id => app_user::Entity::find_by_id(id)
                .one(db)
                .await?
                .map(|u| crate::access::principal::name_and_email(&u)),
        };
        blocks.push(BlockView {
            id: b.id,
            day: b.day,
            organisation,
            account,
            measure: Measure::from_code(&b.measure).unwrap_or(Measure::Opened),
            created_at: b.created_at,
            lifted_at: b.lifted_at,
            lift_requested_by: match b.lift_requested_by {
                None => None,
                Some(id) => app_user::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .map(|u| crate::access::principal::name_and_email(&u)),
            },
            lift_requested_by_me: b.lift_requested_by == Some(p.user_id),
        });
    }
    let pending = match proposal::Entity::find()
        .filter(proposal::Column::RegionId.eq(r.id))
        .one(db)
        .await?
    {
        None => None,
        Some(pp) => Some(PendingLimits {
            id: pp.id,
            limits: proposed(&pp),
            proposed_by: app_user::Entity::find_by_id(pp.proposed_by)
                .one(db)
                .await?
                .map(|u| crate::access::principal::name_and_email(&u))
                .unwrap_or_default(),
            proposed_at: pp.proposed_at,
            mine: pp.proposed_by == p.user_id,
        }),
    };
    Ok(LimitsPage {
        region: r.name,
        limits: limits_of(db, r.id).await?,
        is_default: own.is_none(),
        pending,
        blocks,
    })
}

/// Staff set their region's ceilings (each from 1 to `MAX_LIMIT`, an organisation's at least
/// an account's). At or below the defaults they are in force at once; above a default they
/// wait for a second staff member of the region ([`confirm`]).
pub async fn set<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Staff,
    limits: Limits,
    now: DateTime<Utc>,
) -> Result<LimitsSaved, AppError> {
    let region_id = p.region_id;
    for (field, v) in [
        ("account_opened", limits.account_opened),
        ("organisation_opened", limits.organisation_opened),
        ("account_listed", limits.account_listed),
        ("organisation_listed", limits.organisation_listed),
    ] {
        if v == 0 || v > MAX_LIMIT {
            return Err(AppError::invalid(
                field,
                format!("Kies een aantal van 1 tot en met {MAX_LIMIT}."),
            ));
        }
    }
    if limits.organisation_opened < limits.account_opened {
        return Err(AppError::invalid(
            "organisation_opened",
            "De grens voor de organisatie kan niet lager zijn dan die voor één account.",
        ));
    }
    if limits.organisation_listed < limits.account_listed {
        return Err(AppError::invalid(
            "organisation_listed",
            "De grens voor de organisatie kan niet lager zijn dan die voor één account.",
        ));
    }
    let txn = crate::foundation::db::begin_write(db).await?;
    let saved = if limits.above_default() {
        // More data for employers: one person's decision waits for a second.
        // A new proposal replaces the region's earlier one, under a new id.
        proposal::Entity::delete_many()
            .filter(proposal::Column::RegionId.eq(region_id))
            .exec(&txn)
            .await?;
        proposal::ActiveModel {
            region_id: Set(region_id),
            account_opened: Set(limits.account_opened as i32),
            organisation_opened: Set(limits.organisation_opened as i32),
            account_listed: Set(limits.account_listed as i32),
            organisation_listed: Set(limits.organisation_listed as i32),
            proposed_by: Set(p.user_id),
            proposed_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        record_in_region(
            &txn,
            p,
            region_id,
            region_entry("propose_viewing_limits", region_id),
        )
        .await?;
        LimitsSaved::AwaitingSecond
    } else {
        apply(&txn, region_id, limits, now).await?;
        // A setting within the defaults replaces any higher one still waiting.
        proposal::Entity::delete_many()
            .filter(proposal::Column::RegionId.eq(region_id))
            .exec(&txn)
            .await?;
        record_in_region(
            &txn,
            p,
            region_id,
            region_entry("set_viewing_limits", region_id),
        )
        .await?;
        LimitsSaved::Applied
    };
    txn.commit().await?;
    Ok(saved)
}

/// A second staff member of the region confirms the higher ceilings another one proposed
/// (`proposal_id`: the one they saw); they are in force from the commit. Nobody confirms their
/// own proposal; another region's is `NotFound`.
pub async fn confirm<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Staff,
    proposal_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = crate::foundation::db::begin_write(db).await?;
    let Some(pending) = proposal::Entity::find_by_id(proposal_id)
        .filter(proposal::Column::RegionId.eq(p.region_id))
        .one(&txn)
        .await?
    else {
        txn.rollback().await?;
        return Err(AppError::NotFound);
    };
    if pending.proposed_by == p.user_id {
        txn.rollback().await?;
        return Err(AppError::invalid(
            "limits",
            "Je kunt je eigen voorstel niet bevestigen: een andere medewerker van de regio moet \
             hogere daggrenzen bevestigen.",
        ));
    }
    apply(&txn, p.region_id, proposed(&pending), now).await?;
    proposal::Entity::delete_by_id(pending.id)
        .exec(&txn)
        .await?;
    record_in_region(
        &txn,
        p,
        p.region_id,
        region_entry("confirm_viewing_limits", p.region_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The ceilings a proposal names.
fn proposed(pp: &proposal::Model) -> Limits {
    Limits {
        account_opened: pp.account_opened as u32,
        organisation_opened: pp.organisation_opened as u32,
        account_listed: pp.account_listed as u32,
        organisation_listed: pp.organisation_listed as u32,
    }
}

/// An audit entry on the region's ceilings.
fn region_entry(action: &'static str, region_id: i32) -> Entry {
    Entry::object(action, "region", region_id)
}

/// Puts `limits` in force for the region.
async fn apply<C: ConnectionTrait>(
    txn: &C,
    region_id: i32,
    limits: Limits,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    viewing_limit::Entity::insert(viewing_limit::ActiveModel {
        region_id: Set(region_id),
        account_opened: Set(limits.account_opened as i32),
        organisation_opened: Set(limits.organisation_opened as i32),
        account_listed: Set(limits.account_listed as i32),
        organisation_listed: Set(limits.organisation_listed as i32),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(viewing_limit::Column::RegionId)
            .update_columns([
                viewing_limit::Column::AccountOpened,
                viewing_limit::Column::OrganisationOpened,
                viewing_limit::Column::AccountListed,
                viewing_limit::Column::OrganisationListed,
                viewing_limit::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec(txn)
    .await?;
    Ok(())
}

/// Staff lift a block of their region: the account or organisation gets one more day's
/// allowance for today. Four eyes: the first staff member's click asks for it
/// (`Requested`), a second one of the region lifts it (`Lifted`); the asker cannot.
pub async fn lift<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Staff,
    block_id: i32,
    now: DateTime<Utc>,
) -> Result<LiftOutcome, AppError> {
    let region_id = p.region_id;
    let txn = crate::foundation::db::begin_write(db).await?;
    let b = block::Entity::find_by_id(block_id)
        .filter(block::Column::RegionId.eq(region_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if b.lifted_at.is_some() {
        txn.rollback().await?;
        return Ok(LiftOutcome::Lifted);
    }
    // Four eyes: the first staff member asks, a second one of the region lifts.
    let outcome = match b.lift_requested_by {
        None => {
            let mut row: block::ActiveModel = b.into();
            row.lift_requested_by = Set(Some(p.user_id));
            row.lift_requested_at = Set(Some(now));
            row.update(&txn).await?;
            LiftOutcome::Requested
        }
        Some(asker) if asker == p.user_id => {
            txn.rollback().await?;
            return Err(AppError::invalid(
                "block_id",
                "Je vroeg zelf om het opheffen: een andere medewerker van de regio moet de \
                 blokkade opheffen.",
            ));
        }
        Some(_) => {
            let mut row: block::ActiveModel = b.into();
            row.lifted_at = Set(Some(now));
            row.lifted_by = Set(Some(p.user_id));
            row.update(&txn).await?;
            LiftOutcome::Lifted
        }
    };
    let action = match outcome {
        LiftOutcome::Requested => "request_lift_viewing_block",
        LiftOutcome::Lifted => "lift_viewing_block",
    };
    record_in_region(
        &txn,
        p,
        region_id,
        Entry::object(action, "viewing_block", block_id),
    )
    .await?;
    txn.commit().await?;
    Ok(outcome)
}

#[cfg(test)]
mod counted_tests {
    use super::Counted;

    /// What `left` promises is what `refuses` keeps: that many single charges pass, the next
    /// is refused; through lifted blocks, a lowered ceiling and a block in force.
    #[test]
    fn left_is_how_many_charges_pass() {
        for (used, lifted, blocked, ceiling) in [
            (0, 0, false, 5),
            (3, 0, false, 5),
            (5, 0, false, 5),
            (7, 1, false, 5),
            (9, 0, false, 5),
            (2, 0, true, 5),
        ] {
            let mut c = Counted {
                used,
                lifted,
                blocked,
                ceiling,
            };
            let left = c.left();
            for _ in 0..left {
                c.used += 1;
                assert!(!c.refuses(1), "{used}/{lifted}/{blocked}/{ceiling}");
            }
            c.used += 1;
            assert!(
                c.refuses(1),
                "{used}/{lifted}/{blocked}/{ceiling}: one past {left}"
            );
        }
    }
}
