//! The in-process candidate index: for every job seeker the few facts the employer's filter
//! tests (gemeente, state, target groups, photo and video, consented work capacity, when last
//! updated), in the list's order, so filtering 200,000 profiles is a scan of small structs
//! instead of a walk through a database index.
//!
//! It is a cache and never the truth:
//! - searches read an immutable [`Snapshot`]: a base (one full read of the database) and the
//!   changes since. Before each search the `job_seeker_change` feed (kept by database
//!   triggers, so writes by any instance or code path are seen) is read and the changed rows
//!   reloaded into the next snapshot, which is swapped in; no lock is held meanwhile, so a
//!   search never waits for another's database reads;
//! - a new base is read beside the searches (`rebuild_in_background`): every few minutes as
//!   a safety net, when the changes grow many, when a name order moved, or when a page's SQL
//!   check found a stale entry. Until it is in, searches the snapshot cannot answer go to SQL;
//!   no search ever rebuilds;
//! - keywords are answered from the words of the texts, held beside the entries
//!   ([`keywords`]); occupations by the database in the same request ([`occupation_ids`]);
//! - the rows of the page shown are read with the full scope and every row criterion in SQL,
//!   and their texts as they are now checked against the keywords (`candidates::search`), so
//!   a stale entry can never show a person who is paused, erased or outside the region, nor
//!   one found by words they have since removed.
//!
//! Work capacity is held only for job seekers who consented to show it to employers: without
//! consent the entry has no capacity, so no filter can use it.

pub mod keywords;
pub mod names;

use crate::foundation::{dialect, words};
use entity::{job_seeker, job_seeker_occupation};
use kernel::domain::ProfileState;
use kernel::error::AppError;
use names::{Before, NameOrder, Placed};
// (`ExprTrait` only inside the functions that build queries: its `max` would shadow `Ord::max`.)
use sea_orm::sea_query::{Alias, Expr, Func, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// After this long the index is rebuilt from scratch in the background.
const REBUILD_AFTER: Duration = Duration::from_secs(300);
/// More changes than this since the last search: rebuilding is quicker than catching up.
const MAX_CATCH_UP: usize = 5000;
/// More changed job seekers than this since the base was read: a new base is read beside the
/// searches (each catch-up copies the changes, so they stay few).
const MAX_CHANGES: usize = 4096;
/// At most one rebuild is started per this long (a stream of new job seekers would otherwise
/// keep one running; name-sorted searches go to SQL meanwhile).
const REBUILD_GAP: Duration = Duration::from_secs(30);
/// At most this many job seekers new or renamed in one catch-up are placed in the name orders
/// (a few queries each); more, and name-ordered searches wait for a new base.
const MAX_PLACE: usize = 16;
/// PostgreSQL hands out sequence numbers before commit, so a number missing from the feed may
/// still appear; it is looked for again until it is this old.
const GAP_PATIENCE: Duration = Duration::from_secs(60);

/// Bits of [`Entry::bits`]. [`ACTIVE`]: shown to employers (active, not held back).
pub const ACTIVE: u8 = 1;
pub const BANENAFSPRAAK: u8 = 1 << 1;
pub const PRAKTIJKROUTE: u8 = 1 << 2;
pub const BBL: u8 = 1 << 3;
pub const ONDERNEMER: u8 = 1 << 4;
pub const PHOTO: u8 = 1 << 5;
pub const VIDEO: u8 = 1 << 6;
pub const CONSENT: u8 = 1 << 7;

/// "Not known" (NULL) in a work-capacity slot: below every minimum, as NULL fails `>=` in SQL.
pub const UNKNOWN: i16 = i16::MIN;

/// One job seeker as the filter sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    id: i32,
    municipality_id: i32,
    /// `updated_at` in nanoseconds (as precise as any backend stores it): the default order is
    /// newest first, then id.
    updated_at: i64,
    bits: u8,
    /// Sitting, standing, walking, bending, lifting, hours per day; only with consent.
    capacity: [i16; 6],
    /// A hash of the names, to notice a rename (the name orders come from the database).
    names: u32,
}

impl Entry {
    /// The list's order as a key: the greatest comes first (newest, then the lowest id).
    fn recency(&self) -> (i64, std::cmp::Reverse<i32>) {
        (self.updated_at, std::cmp::Reverse(self.id))
    }

    fn recent_first(a: &Entry, b: &Entry) -> std::cmp::Ordering {
        b.recency().cmp(&a.recency())
    }
}

/// The order of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Most recently updated first (the default).
    Recent,
    /// Last name, first name, id (the database's collation).
    LastName,
    /// First name, last name, id.
    FirstName,
}

impl Order {
    /// Which of the base's name orders this is; `None` for the default order.
    fn name_index(self) -> Option<usize> {
        match self {
            Order::Recent => None,
            Order::LastName => Some(0),
            Order::FirstName => Some(1),
        }
    }
}

/// A set of job-seeker ids (a bitmap: ids are small and dense).
#[derive(Clone, Debug, Default)]
pub struct IdSet(Vec<u64>);

impl IdSet {
    pub fn insert(&mut self, id: i32) {
        let Ok(i) = usize::try_from(id) else { return };
        if self.0.len() <= i / 64 {
            self.0.resize(i / 64 + 1, 0);
        }
        self.0[i / 64] |= 1 << (i % 64);
    }

    fn remove(&mut self, id: i32) {
        let Ok(i) = usize::try_from(id) else { return };
        if let Some(w) = self.0.get_mut(i / 64) {
            *w &= !(1 << (i % 64));
        }
    }

    /// An empty set with room for ids up to `max`.
    pub fn with_max(max: i32) -> Self {
        IdSet(vec![0; usize::try_from(max).unwrap_or(0) / 64 + 1])
    }

    pub fn union_with(&mut self, other: &IdSet) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        for (w, o) in self.0.iter_mut().zip(&other.0) {
            *w |= o;
        }
    }

    pub fn intersect_with(&mut self, other: &IdSet) {
        self.0.truncate(other.0.len());
        for (w, o) in self.0.iter_mut().zip(&other.0) {
            *w &= o;
        }
    }

    /// Bytes the set takes.
    pub fn bytes(&self) -> usize {
        self.0.len() * 8
    }

    pub fn contains(&self, id: i32) -> bool {
        usize::try_from(id)
            .ok()
            .and_then(|i| self.0.get(i / 64).map(|w| w & (1 << (i % 64)) != 0))
            .unwrap_or(false)
    }

    /// From a comma-separated list (what `group_concat` / `string_agg` return).
    fn parse(csv: Option<&str>) -> Self {
        dialect::ids_in_list(csv).collect()
    }
}

impl FromIterator<i32> for IdSet {
    fn from_iter<I: IntoIterator<Item = i32>>(ids: I) -> Self {
        let mut set = IdSet::default();
        for id in ids {
            set.insert(id);
        }
        set
    }
}

/// What a search asks of the index; built by `search::Search::index_criteria`.
#[derive(Clone, Debug)]
pub struct Criteria {
    /// Gemeenten in reach (already narrowed to those the employer picked).
    pub municipalities: Vec<i32>,
    /// Bits that must all be set ([`ACTIVE`] always is).
    pub required: u8,
    /// Physical fit: the minimum of each capacity slot ([`UNKNOWN`]: no demand).
    pub fit: Option<[i16; 6]>,
    /// Keywords, folded ([`words::query`]): each must begin a word of the job seeker's
    /// text.
    pub keyword: Option<Vec<Box<str>>>,
    pub occupations: Option<IdSet>,
    pub order: Order,
}

impl Criteria {
    /// Whether `e` meets these criteria; `keyword`: the job seekers the keywords find.
    #[cfg(test)]
    fn admits(&self, e: &Entry, keyword: Option<&IdSet>) -> bool {
        self.municipalities.contains(&e.municipality_id) && self.admits_in_reach(e, keyword)
    }

    /// Whether `e`, of a gemeente in reach, meets the other criteria.
    fn admits_in_reach(&self, e: &Entry, keyword: Option<&IdSet>) -> bool {
        self.admits_facts(e.id, e.bits, &e.capacity, keyword)
    }

    /// The same test on the facts a name order holds of an entry.
    fn admits_facts(
        &self,
        id: i32,
        bits: u8,
        capacity: &[i16; 6],
        keyword: Option<&IdSet>,
    ) -> bool {
        bits & self.required == self.required
            && self
                .fit
                .is_none_or(|min| capacity.iter().zip(min).all(|(c, m)| *c >= m))
            && keyword.is_none_or(|k| k.contains(id))
            && self.occupations.as_ref().is_none_or(|o| o.contains(id))
    }
}

/// What one full read of the database found; never changed once built, shared by every
/// snapshot made from it.
struct Base {
    /// Every job seeker, by gemeente, and within each most recently updated first: a search
    /// walks only the gemeenten in its reach (a region holds 1 to 25 % of the country) and
    /// merges them.
    recent: Vec<Entry>,
    /// Gemeente → where its entries are in `recent`.
    gemeenten: HashMap<i32, std::ops::Range<usize>>,
    /// Job-seeker id → position in `recent` (`u32::MAX`: none).
    slot: Vec<u32>,
    /// The name orders (last name, first name), each by gemeente.
    names: [NameOrder; 2],
    /// The words of every job seeker's employer-readable text.
    keywords: keywords::Keywords,
    /// The change-feed number the read started after.
    cursor: i64,
    built: Instant,
}

/// The job seekers changed since their base was read (a few thousand at most: more, and a
/// new base is read beside the searches).
#[derive(Clone)]
struct Changes {
    /// Id → its entry now (`None`: deleted).
    now: HashMap<i32, Option<Entry>>,
    /// The present entries of `now`, most recently updated first.
    recent: Vec<Entry>,
    /// The ids of `now`: their entries in the base are out of date.
    ids: IdSet,
    /// The words of the present entries of `now` (shared: each catch-up copies the changes).
    words: HashMap<i32, Arc<[Box<str>]>>,
    /// Where the job seekers new or renamed since the base stand in the name orders (last
    /// name, first name); `None`: they could not be placed, the order waits for a new base.
    placed: [Option<Placed>; 2],
    /// The present entries of `now` in each name order, with their keys ([`names::key`]).
    by_name: [Vec<(u64, Entry)>; 2],
}

impl Default for Changes {
    fn default() -> Self {
        Changes {
            now: HashMap::new(),
            recent: Vec::new(),
            ids: IdSet::default(),
            words: HashMap::new(),
            placed: [Some(Placed::default()), Some(Placed::default())],
            by_name: [Vec::new(), Vec::new()],
        }
    }
}

/// What a search reads: a base and the changes since; immutable. A search that finds newer
/// changes in the feed makes the next snapshot and swaps it in, so no search waits for
/// another, and nothing holds a lock while the database is asked anything.
struct Snapshot {
    base: Arc<Base>,
    changes: Arc<Changes>,
    /// The last change-feed number applied, and numbers skipped that may still appear.
    cursor: i64,
    gaps: Vec<(i64, Instant)>,
}

/// The shared index of one server instance (one per database).
pub struct CandidateIndex {
    /// The newest snapshot. A std lock, held only to clone or swap the `Arc`: its guard
    /// cannot be held across an `.await` in a task the server spawns (it is not `Send`), so
    /// the compiler keeps database reads out of it.
    current: std::sync::RwLock<Option<Arc<Snapshot>>>,
    rebuilding: AtomicBool,
    /// A rebuild was asked for while one ran (which may have read before what prompted it):
    /// another follows at once.
    again: AtomicBool,
    /// When the last rebuild started, and how long to wait before another one may.
    last_rebuild: std::sync::Mutex<Option<Instant>>,
    rebuild_gap: Duration,
    /// How often a search found an entry stale ([`CandidateIndex::stale`]).
    stale_found: AtomicU64,
}

impl Default for CandidateIndex {
    fn default() -> Self {
        CandidateIndex::new(REBUILD_GAP)
    }
}

impl std::fmt::Debug for CandidateIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CandidateIndex")
    }
}

#[derive(FromQueryResult)]
struct Row {
    id: i32,
    municipality_id: i32,
    state: String,
    updated_at: chrono::DateTime<chrono::Utc>,
    target_banenafspraak: bool,
    target_praktijkroute: bool,
    target_bbl: bool,
    target_ondernemer: bool,
    has_photo: bool,
    has_video: bool,
    work_capacity_consent: bool,
    wc_sitting: Option<i16>,
    wc_standing: Option<i16>,
    wc_walking: Option<i16>,
    wc_bending: Option<i16>,
    wc_lifting: Option<i16>,
    wc_hours_per_day: Option<i16>,
    last_name: String,
    first_name: String,
    held_back: bool,
    // The text keywords search: exactly the employer-readable free text.
    interests: Option<String>,
    talents: Option<String>,
    motivation: Option<String>,
    desired_work: Option<String>,
}

impl Row {
    fn words(&self) -> Vec<Box<str>> {
        words::of_profile([
            &self.interests,
            &self.talents,
            &self.motivation,
            &self.desired_work,
        ])
    }

    fn entry(&self) -> Entry {
        let mut bits = 0;
        for (on, bit) in [
            // Shown to employers: active and not held back by the consultant (dual consent;
            // the same rule as `access::scope::shown_to_employers`).
            (
                self.state == ProfileState::Active.code() && !self.held_back,
                ACTIVE,
            ),
            (self.target_banenafspraak, BANENAFSPRAAK),
            (self.target_praktijkroute, PRAKTIJKROUTE),
            (self.target_bbl, BBL),
            (self.target_ondernemer, ONDERNEMER),
            (self.has_photo, PHOTO),
            (self.has_video, VIDEO),
            (self.work_capacity_consent, CONSENT),
        ] {
            if on {
                bits |= bit;
            }
        }
        let capacity = if self.work_capacity_consent {
            [
                self.wc_sitting,
                self.wc_standing,
                self.wc_walking,
                self.wc_bending,
                self.wc_lifting,
                self.wc_hours_per_day,
            ]
            .map(|c| c.unwrap_or(UNKNOWN))
        } else {
            [UNKNOWN; 6]
        };
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (&self.last_name, &self.first_name).hash(&mut h);
        Entry {
            id: self.id,
            municipality_id: self.municipality_id,
            updated_at: self.updated_at.timestamp_nanos_opt().unwrap_or(i64::MAX),
            bits,
            capacity,
            names: h.finish() as u32,
        }
    }
}

/// The filter's columns of job seekers, `ids` only (or all when `None`, in the order of their
/// ids); the words of each one's text go to `words` as they are read, so the texts are never
/// all in memory at once.
async fn load<C: ConnectionTrait>(
    db: &C,
    ids: Option<&[i32]>,
    words: &mut impl FnMut(i32, Vec<Box<str>>),
) -> Result<Vec<Entry>, AppError> {
    use job_seeker::Column as C;
    let mut q = job_seeker::Entity::find().select_only().columns([
        C::Id,
        C::MunicipalityId,
        C::State,
        C::UpdatedAt,
        C::TargetBanenafspraak,
        C::TargetPraktijkroute,
        C::TargetBbl,
        C::TargetOndernemer,
        C::WorkCapacityConsent,
        C::WcSitting,
        C::WcStanding,
        C::WcWalking,
        C::WcBending,
        C::WcLifting,
        C::WcHoursPerDay,
        C::LastName,
        C::FirstName,
        C::Interests,
        C::Talents,
        C::Motivation,
        C::DesiredWork,
    ]);
    q = q
        .expr_as(
            sea_orm::sea_query::ExprTrait::is_not_null(Expr::col(C::PhotoKey)),
            "has_photo",
        )
        .expr_as(
            sea_orm::sea_query::ExprTrait::is_not_null(Expr::col(C::VideoKey)),
            "has_video",
        )
        .expr_as(
            sea_orm::sea_query::ExprTrait::is_not_null(Expr::col(C::HeldBackAt)),
            "held_back",
        );
    let mut out = Vec::new();
    let mut take = |rows: &[Row], out: &mut Vec<Entry>| {
        for r in rows {
            words(r.id, r.words());
            out.push(r.entry());
        }
    };
    match ids {
        // In slices by id: a driver buffers a whole result, and 200,000 buffered rows take
        // hundreds of MB that the allocator then keeps.
        None => loop {
            let rows = q
                .clone()
                .filter(C::Id.gt(out.last().map_or(i32::MIN, |e: &Entry| e.id)))
                .order_by_asc(C::Id)
                .limit(5000)
                .into_model::<Row>()
                .all(db)
                .await?;
            if rows.is_empty() {
                break;
            }
            take(&rows, &mut out);
        },
        Some(ids) => {
            for chunk in ids.chunks(500) {
                let rows = q
                    .clone()
                    .filter(C::Id.is_in(chunk.iter().copied()))
                    .into_model::<Row>()
                    .all(db)
                    .await?;
                take(&rows, &mut out);
            }
        }
    }
    Ok(out)
}

/// The one text value of a query that aggregates (an id list), if any.
async fn scalar_text<C: ConnectionTrait>(
    db: &C,
    query: &SelectStatement,
) -> Result<Option<String>, AppError> {
    Ok(match db.query_one(query).await? {
        Some(row) => row.try_get_by_index::<Option<String>>(0)?,
        None => None,
    })
}

/// Job seekers with at least one of these preferred occupations; `None` when none are asked.
pub async fn occupation_ids<C: ConnectionTrait>(
    db: &C,
    occupations: &[i32],
) -> Result<Option<IdSet>, AppError> {
    use job_seeker_occupation::Column as O;
    use sea_orm::sea_query::ExprTrait;
    if occupations.is_empty() {
        return Ok(None);
    }
    let wanted = occupations.iter().take(kernel::candidates::MAX_OCCUPATIONS);
    let query = Query::select()
        .expr(dialect::id_list(
            db.get_database_backend(),
            Expr::col(O::JobSeekerId),
        ))
        .from(job_seeker_occupation::Entity)
        .and_where(Expr::col(O::OccupationId).is_in(wanted.copied()))
        .to_owned();
    let csv = scalar_text(db, &query).await?;
    Ok(Some(IdSet::parse(csv.as_deref())))
}

/// The change feed kept by the database triggers (no entity: nothing but this reads it).
fn feed() -> Alias {
    Alias::new("job_seeker_change")
}

fn seq() -> Alias {
    Alias::new("seq")
}

/// The change feed's head: its last number (0 when empty). The session query reads it too
/// (`access::principal`), so a search whose snapshot is at that number does not read the feed.
pub(crate) fn feed_head() -> SelectStatement {
    Query::select()
        .expr(Func::coalesce([
            Func::max(Expr::col(seq())).into(),
            Expr::val(0i64),
        ]))
        .from(feed())
        .to_owned()
}

async fn last_change<C: ConnectionTrait>(db: &C) -> Result<i64, AppError> {
    Ok(db
        .query_one(&feed_head())
        .await?
        .ok_or(AppError::Internal)?
        .try_get_by_index::<i64>(0)?)
}

/// `entries` grouped by gemeente, each group most recently updated first, and where each
/// group is.
fn by_gemeente(mut entries: Vec<Entry>) -> (Vec<Entry>, HashMap<i32, std::ops::Range<usize>>) {
    entries.sort_unstable_by(|a, b| {
        a.municipality_id
            .cmp(&b.municipality_id)
            .then(Entry::recent_first(a, b))
    });
    let mut gemeenten = HashMap::new();
    let mut start = 0;
    for (i, e) in entries.iter().enumerate() {
        if entries
            .get(i + 1)
            .is_none_or(|n| n.municipality_id != e.municipality_id)
        {
            gemeenten.insert(e.municipality_id, start..i + 1);
            start = i + 1;
        }
    }
    (entries, gemeenten)
}

fn slots(recent: &[Entry]) -> Vec<u32> {
    let max = recent.iter().map(|e| e.id).max().unwrap_or(0);
    let mut slot = vec![u32::MAX; max.max(0) as usize + 1];
    for (i, e) in recent.iter().enumerate() {
        if let Ok(id) = usize::try_from(e.id) {
            slot[id] = i as u32;
        }
    }
    slot
}

impl Base {
    async fn read<C: ConnectionTrait>(db: &C) -> Result<Base, AppError> {
        let mut cursor = last_change(db).await?;
        if db.get_database_backend() == DbBackend::Postgres {
            // Changes numbered just before the maximum may not have been committed yet when
            // the rows are read: read them again at the first catch-up.
            cursor = (cursor - 256).max(0);
        }
        let mut lists = keywords::Builder::default();
        let recent = load(db, None, &mut |id, w| lists.add(id, &w)).await?;
        let (recent, gemeenten) = by_gemeente(recent);
        let slot = slots(&recent);
        let mut base = Base {
            recent,
            gemeenten,
            slot,
            names: Default::default(),
            keywords: lists.finish(),
            cursor,
            built: Instant::now(),
        };
        // One order's ids at a time: at 1,000,000 each is some 7 MB of text and 4 MB of ids.
        for order in [Order::LastName, Order::FirstName] {
            base.set_name_order(order, &names::name_order(db, order).await?);
        }
        Ok(base)
    }

    /// The name order `order` as the database gave it (`ids`, every job seeker).
    fn set_name_order(&mut self, order: Order, ids: &[i32]) {
        let Some(o) = order.name_index() else { return };
        let named = NameOrder::new(ids, |id| self.get(id));
        self.names[o] = named;
    }

    fn get(&self, id: i32) -> Option<&Entry> {
        let i = *self.slot.get(usize::try_from(id).ok()?)?;
        self.recent.get(i as usize)
    }
}

/// What a catch-up found.
enum CatchUp {
    /// Nothing new in the feed.
    Current,
    Newer(Snapshot),
    /// Too much to catch up with: a new base is needed.
    TooFar,
}

impl Snapshot {
    fn fresh(base: Base) -> Snapshot {
        Snapshot {
            cursor: base.cursor,
            base: Arc::new(base),
            changes: Arc::default(),
            gaps: Vec::new(),
        }
    }

    /// The next snapshot: this one with the changes in the feed since its cursor applied.
    /// Reads the database; holds no lock.
    async fn catch_up<C: ConnectionTrait>(&self, db: &C) -> Result<CatchUp, AppError> {
        let now = Instant::now();
        // Gaps past their patience are looked for this once more, then given up.
        let mut gaps = self.gaps.clone();
        let expired: Vec<i64> = gaps
            .iter()
            .filter(|(_, since)| now.duration_since(*since) >= GAP_PATIENCE)
            .map(|(s, _)| *s)
            .collect();
        use sea_orm::sea_query::ExprTrait;
        let mut newer = Condition::any().add(Expr::col(seq()).gt(self.cursor));
        if !gaps.is_empty() {
            newer = newer.add(Expr::col(seq()).is_in(gaps.iter().map(|(s, _)| *s)));
        }
        let query = Query::select()
            .column(seq())
            .column(Alias::new("job_seeker_id"))
            .from(feed())
            .cond_where(newer)
            .order_by(seq(), sea_orm::sea_query::Order::Asc)
            .limit(MAX_CATCH_UP as u64 + 1)
            .to_owned();
        let rows = db.query_all(&query).await?;
        if rows.len() > MAX_CATCH_UP {
            return Ok(CatchUp::TooFar);
        }
        let mut cursor = self.cursor;
        let mut changed = HashSet::new();
        for r in &rows {
            let seq: i64 = r.try_get_by_index(0)?;
            changed.insert(r.try_get_by_index::<i32>(1)?);
            if let Some(i) = gaps.iter().position(|(s, _)| *s == seq) {
                gaps.remove(i);
            } else if seq > cursor {
                if seq - cursor > MAX_CATCH_UP as i64 {
                    return Ok(CatchUp::TooFar);
                }
                gaps.extend((cursor + 1..seq).map(|s| (s, now)));
                cursor = seq;
            }
        }
        gaps.retain(|(s, _)| !expired.contains(s));
        if gaps.len() > MAX_CATCH_UP {
            return Ok(CatchUp::TooFar);
        }
        if changed.is_empty() && gaps.len() == self.gaps.len() {
            return Ok(CatchUp::Current);
        }
        let ids: Vec<i32> = changed.iter().copied().collect();
        let mut fresh: HashMap<i32, Option<Entry>> = ids.iter().map(|id| (*id, None)).collect();
        let mut fresh_words = HashMap::new();
        for e in load(db, Some(&ids), &mut |id, w| {
            fresh_words.insert(id, w.into());
        })
        .await?
        {
            fresh.insert(e.id, Some(e));
        }
        let placed = self.changes.placed_with(db, &self.base, &fresh).await?;
        Ok(CatchUp::Newer(Snapshot {
            base: self.base.clone(),
            changes: Arc::new(self.changes.with(&self.base, fresh, fresh_words, placed)),
            cursor,
            gaps,
        }))
    }

    /// The first `limit` matches in the criteria's order; `None` when this snapshot cannot
    /// tell the name order (someone new or renamed since its base was read who could not be
    /// placed).
    fn matches(&self, c: &Criteria, limit: usize) -> Option<Vec<i32>> {
        let keyword = c.keyword.as_deref().map(|q| self.keyword_matches(q));
        let keyword = keyword.as_ref();
        let reach: IdSet = c.municipalities.iter().copied().collect();
        let reach = &reach;
        // Each gemeente once, or its job seekers would be listed twice.
        let mut gemeenten = c.municipalities.clone();
        gemeenten.sort_unstable();
        gemeenten.dedup();
        // Each gemeente in reach is filtered on its own (an entry changed since the base is
        // left to the changes), then all are merged with the changes: only matches reach the
        // merge, and a gemeente is walked only as far as the first `limit` matches need.
        let changed = &self.changes.ids;
        Some(match c.order.name_index() {
            None => {
                let mut streams: Vec<Box<dyn Iterator<Item = &Entry> + '_>> = gemeenten
                    .iter()
                    .filter_map(|m| self.base.gemeenten.get(m))
                    .map(|r| -> Box<dyn Iterator<Item = &Entry> + '_> {
                        Box::new(self.base.recent[r.clone()].iter().filter(move |e| {
                            !changed.contains(e.id) && c.admits_in_reach(e, keyword)
                        }))
                    })
                    .collect();
                streams.push(Box::new(self.changes.recent.iter().filter(move |e| {
                    reach.contains(e.municipality_id) && c.admits_in_reach(e, keyword)
                })));
                merge(streams, |e| e.recency())
                    .take(limit)
                    .map(|e| e.id)
                    .collect()
            }
            Some(o) => {
                self.changes.placed[o].as_ref()?;
                let order = &self.base.names[o];
                let mut streams: Vec<Box<dyn Iterator<Item = (u64, i32)> + '_>> = gemeenten
                    .iter()
                    .filter_map(|m| order.gemeenten.get(m))
                    .map(|r| -> Box<dyn Iterator<Item = (u64, i32)> + '_> {
                        Box::new(
                            order.entries[r.clone()]
                                .iter()
                                .filter(move |e| {
                                    !changed.contains(e.id)
                                        && c.admits_facts(e.id, e.bits, &e.capacity, keyword)
                                })
                                .map(|e| (names::key(Some(e.rank), 0), e.id)),
                        )
                    })
                    .collect();
                streams.push(Box::new(
                    self.changes.by_name[o]
                        .iter()
                        .filter(move |(_, e)| {
                            reach.contains(e.municipality_id) && c.admits_in_reach(e, keyword)
                        })
                        .map(|(k, e)| (*k, e.id)),
                ));
                merge(streams, |(k, _)| std::cmp::Reverse(*k))
                    .take(limit)
                    .map(|(_, id)| id)
                    .collect()
            }
        })
    }

    /// The job seekers whose text every keyword of `query` begins a word of: the base's
    /// lists, with each changed job seeker's words as they are now instead.
    fn keyword_matches(&self, query: &[Box<str>]) -> IdSet {
        let mut found = self.base.keywords.find(query);
        for id in self.changes.now.keys() {
            found.remove(*id);
        }
        for (id, theirs) in &self.changes.words {
            if words::admit(theirs, query) {
                found.insert(*id);
            }
        }
        found
    }
}

impl Changes {
    /// The name orders' placements with `fresh` (newer) applied: each job seeker new or
    /// renamed since `base` placed where the database's order puts it now; one whose names
    /// are back to the base's, or who was deleted, unplaced.
    async fn placed_with<C: ConnectionTrait>(
        &self,
        db: &C,
        base: &Base,
        fresh: &HashMap<i32, Option<Entry>>,
    ) -> Result<[Option<Placed>; 2], AppError> {
        let mut to_place = Vec::new();
        let mut to_unplace = Vec::new();
        for (id, e) in fresh {
            match e {
                Some(e) if base.get(*id).is_none_or(|old| old.names != e.names) => {
                    to_place.push((*id, e.names))
                }
                _ => to_unplace.push(*id),
            }
        }
        let mut out = self.placed.clone();
        for ((order, named), placed) in [Order::LastName, Order::FirstName]
            .into_iter()
            .zip(&base.names)
            .zip(&mut out)
        {
            let Some(p) = placed else { continue };
            for id in &to_unplace {
                p.remove(*id);
            }
            // Only those not placed with these names already.
            let mut todo: Vec<(i32, u32)> = to_place
                .iter()
                .filter(|(id, names)| p.at.get(id).is_none_or(|(_, n)| n != names))
                .copied()
                .collect();
            if todo.is_empty() {
                continue;
            }
            if todo.len() > MAX_PLACE {
                *placed = None;
                continue;
            }
            // In the order's sequence, so one placed after another of the same batch finds
            // it placed.
            let sorted = names::in_name_order(db, order, todo.iter().map(|(id, _)| *id)).await?;
            todo.sort_by_key(|(id, _)| sorted.iter().position(|s| s == id));
            for (id, names) in todo {
                let before = match names::preceding(db, order, id).await? {
                    Before::Gone => continue,
                    Before::Nobody => None,
                    Before::Id(b) => Some(b),
                };
                if !p.place(named, id, names, before) {
                    *placed = None;
                    break;
                }
            }
        }
        Ok(out)
    }

    /// These changes and `fresh` (newer) with the words of its present entries, and the name
    /// orders' placements of both (in `base`'s name orders).
    fn with(
        &self,
        base: &Base,
        fresh: HashMap<i32, Option<Entry>>,
        fresh_words: HashMap<i32, Arc<[Box<str>]>>,
        placed: [Option<Placed>; 2],
    ) -> Changes {
        let mut words = self.words.clone();
        for id in fresh.keys() {
            words.remove(id);
        }
        words.extend(fresh_words);
        let mut now = self.now.clone();
        now.extend(fresh);
        let mut recent: Vec<Entry> = now.values().flatten().copied().collect();
        recent.sort_unstable_by(Entry::recent_first);
        let ids = now.keys().copied().collect();
        let by_name = names::changed_in_order(base, &placed, recent.iter());
        Changes {
            now,
            recent,
            ids,
            words,
            placed,
            by_name,
        }
    }
}

/// Lists each in its order (the greatest `key` first), merged into one in that order.
fn merge<'a, T: Copy + 'a, K: Ord>(
    mut lists: Vec<Box<dyn Iterator<Item = T> + 'a>>,
    key: impl Fn(&T) -> K,
) -> impl Iterator<Item = T> {
    use std::collections::BinaryHeap;
    // The head of each list, by its key (the greatest is the first).
    let mut heads = BinaryHeap::with_capacity(lists.len());
    let mut head: Vec<Option<T>> = Vec::with_capacity(lists.len());
    for (i, list) in lists.iter_mut().enumerate() {
        let e = list.next();
        if let Some(e) = &e {
            heads.push((key(e), std::cmp::Reverse(i)));
        }
        head.push(e);
    }
    std::iter::from_fn(move || {
        let (_, std::cmp::Reverse(i)) = heads.pop()?;
        let e = head[i].take();
        head[i] = lists[i].next();
        if let Some(n) = &head[i] {
            heads.push((key(n), std::cmp::Reverse(i)));
        }
        e
    })
}

impl CandidateIndex {
    /// An index that starts a rebuild at most once per `rebuild_gap`.
    pub fn new(rebuild_gap: Duration) -> Self {
        CandidateIndex {
            current: Default::default(),
            rebuilding: AtomicBool::new(false),
            again: AtomicBool::new(false),
            last_rebuild: Default::default(),
            rebuild_gap,
            stale_found: AtomicU64::new(0),
        }
    }

    fn current(&self) -> Option<Arc<Snapshot>> {
        self.current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Swaps `next` in, unless a newer snapshot got there first (a newer base, or the same
    /// base caught up further).
    fn install(&self, next: Arc<Snapshot>) {
        let mut current = self
            .current
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let newer = match current.as_ref() {
            None => true,
            // Same base: the one further on, or at the same number the one missing fewer
            // (a search that began earlier may still miss a change another has loaded).
            Some(cur) if Arc::ptr_eq(&cur.base, &next.base) => {
                next.cursor > cur.cursor
                    || (next.cursor == cur.cursor && next.gaps.len() <= cur.gaps.len())
            }
            Some(cur) => next.base.built > cur.base.built,
        };
        if newer {
            *current = Some(next);
        }
    }

    /// The first `limit` job seekers meeting `c`, in its order, as of now (every change the
    /// feed holds when it is asked). `None` when the index cannot answer yet (not built,
    /// too far behind, or a name order moved): the caller asks SQL, and a rebuild is under
    /// way beside the searches. A search never rebuilds.
    ///
    /// `head` is the feed's head as the caller's request read it with its session
    /// ([`feed_head`]): a snapshot at that number, missing nothing before it, is current as of
    /// the request's start without asking the feed again. `None` asks the feed.
    pub async fn matches(
        self: &Arc<Self>,
        db: &DatabaseConnection,
        c: &Criteria,
        limit: usize,
        head: Option<i64>,
    ) -> Result<Option<Vec<i32>>, AppError> {
        let Some(snapshot) = self.current() else {
            tracing::debug!("candidate index cannot answer: not built yet");
            self.rebuild_in_background(db.clone());
            return Ok(None);
        };
        if snapshot.base.built.elapsed() > REBUILD_AFTER || snapshot.changes.now.len() > MAX_CHANGES
        {
            self.rebuild_in_background(db.clone());
        }
        let seen = head.is_some_and(|h| h <= snapshot.cursor && snapshot.gaps.is_empty());
        let caught_up = if seen {
            CatchUp::Current
        } else {
            snapshot.catch_up(db).await?
        };
        let snapshot = match caught_up {
            CatchUp::Current => snapshot,
            CatchUp::Newer(next) => {
                let next = Arc::new(next);
                self.install(next.clone());
                next
            }
            CatchUp::TooFar => {
                tracing::debug!("candidate index cannot answer: too far behind");
                self.rebuild_in_background(db.clone());
                return Ok(None);
            }
        };
        let found = snapshot.matches(c, limit);
        if found.is_none() {
            tracing::debug!(order = ?c.order, "candidate index cannot answer: name order moved");
            self.rebuild_in_background(db.clone());
        }
        Ok(found)
    }

    /// The first `limit` matches in the snapshot as it stands, without asking the feed for
    /// changes: the bare scan a search's own work is measured against (`server bench`).
    /// `None` when not built or a name order moved.
    pub fn scan(&self, c: &Criteria, limit: usize) -> Option<Vec<i32>> {
        self.current()?.matches(c, limit)
    }

    /// Reads a new base now and swaps it in; how long the read took. For the background
    /// rebuild, tests and benchmarks; searches never call it.
    pub async fn rebuild(&self, db: &DatabaseConnection) -> Result<Duration, AppError> {
        let started = Instant::now();
        let base = Base::read(db).await?;
        let entries = base.recent.len();
        let keyword_bytes = base.keywords.size();
        let name_bytes: usize = base.names.iter().map(NameOrder::bytes).sum();
        self.install(Arc::new(Snapshot::fresh(base)));
        let took = started.elapsed();
        tracing::debug!(
            entries,
            keyword_bytes,
            name_bytes,
            ms = took.as_millis() as u64,
            "candidate index built"
        );
        Ok(took)
    }

    /// A stale entry was found (a row the page's SQL check refused, even after catching up
    /// once more): a new base is read beside the searches, which meanwhile go on with what
    /// they have.
    pub fn stale(self: &Arc<Self>, db: &DatabaseConnection) {
        self.stale_found.fetch_add(1, Ordering::Relaxed);
        tracing::warn!("candidate index out of date: rebuilding it beside the searches");
        self.rebuild_in_background(db.clone());
    }

    /// Reads a fresh base without holding up searches, then swaps it in; the change feed
    /// brings it up to date at the next search. At most one at a time, and one per
    /// `rebuild_gap`. Also called at start-up, so the first employer's search does not wait.
    pub fn rebuild_in_background(self: &Arc<Self>, db: DatabaseConnection) {
        {
            let mut last = self
                .last_rebuild
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if self.rebuilding.load(Ordering::Acquire) {
                self.again.store(true, Ordering::Release);
                return;
            }
            if last.is_some_and(|at| at.elapsed() < self.rebuild_gap)
                || self.rebuilding.swap(true, Ordering::AcqRel)
            {
                return;
            }
            *last = Some(Instant::now());
        }
        let me = self.clone();
        tokio::spawn(async move {
            loop {
                if let Err(e) = me.rebuild(&db).await {
                    tracing::warn!(error = %e, "rebuilding the candidate index");
                }
                if me.again.swap(false, Ordering::AcqRel) {
                    continue;
                }
                me.rebuilding.store(false, Ordering::Release);
                // Asked again between that check and this store: take it, unless another
                // rebuild has started meanwhile.
                if !me.again.swap(false, Ordering::AcqRel)
                    || me.rebuilding.swap(true, Ordering::AcqRel)
                {
                    break;
                }
            }
        });
    }

    /// Whether the index can answer searches: a base has been read (until then they go to
    /// SQL, some ten times slower at 1,000,000 job seekers).
    pub fn ready(&self) -> bool {
        self.current().is_some()
    }

    /// How many times a search found an entry stale since start (tests, diagnostics).
    pub fn stale_found(&self) -> u64 {
        self.stale_found.load(Ordering::Relaxed)
    }

    /// Waits until no rebuild is running (tests).
    pub async fn settled(&self) {
        while self.rebuilding.load(Ordering::Acquire) {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
}

/// Deletes change-feed entries older than a day (every instance has rebuilt since).
pub async fn prune_changes<C: ConnectionTrait>(db: &C) -> Result<u64, sea_orm::DbErr> {
    let at = Expr::col(Alias::new("at"));
    let old = Query::delete()
        .from_table(feed())
        .and_where(dialect::over_a_day_ago(db.get_database_backend(), at))
        .to_owned();
    Ok(db.execute(&old).await?.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn entry(id: i32, updated_at: i64, bits: u8) -> Entry {
        Entry {
            id,
            municipality_id: 1,
            updated_at,
            bits,
            capacity: [UNKNOWN; 6],
            names: 0,
        }
    }

    pub(super) fn criteria() -> Criteria {
        Criteria {
            municipalities: vec![1],
            required: ACTIVE,
            fit: None,
            keyword: None,
            occupations: None,
            order: Order::Recent,
        }
    }

    #[test]
    fn id_sets_hold_exactly_their_ids() {
        let s = IdSet::parse(Some("3,64,200000,x,-5"));
        assert!(s.contains(3) && s.contains(64) && s.contains(200_000));
        assert!(!s.contains(4) && !s.contains(63) && !s.contains(-5) && !s.contains(1 << 30));
        assert!(!IdSet::parse(None).contains(0));
    }

    #[test]
    fn only_active_entries_of_the_gemeenten_and_with_every_required_bit_match() {
        let mut c = criteria();
        assert!(c.admits(&entry(1, 0, ACTIVE), None));
        assert!(!c.admits(&entry(1, 0, BBL), None), "not active");
        c.required |= BBL;
        assert!(!c.admits(&entry(1, 0, ACTIVE), None));
        assert!(c.admits(&entry(1, 0, ACTIVE | BBL | PHOTO), None));
        c.municipalities = vec![2];
        assert!(
            !c.admits(&entry(1, 0, ACTIVE | BBL), None),
            "other gemeente"
        );
    }

    #[test]
    fn unknown_capacity_never_fits_a_demand() {
        let mut c = criteria();
        c.fit = Some([2, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, 0]);
        let mut e = entry(1, 0, ACTIVE | CONSENT);
        assert!(!c.admits(&e, None));
        e.capacity = [3, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, 0];
        assert!(c.admits(&e, None));
        e.capacity[0] = 1;
        assert!(!c.admits(&e, None));
    }

    #[test]
    fn without_consent_an_entry_has_no_capacity() {
        let row = |consent| Row {
            id: 1,
            municipality_id: 1,
            state: "active".into(),
            updated_at: chrono::Utc::now(),
            target_banenafspraak: false,
            target_praktijkroute: false,
            target_bbl: false,
            target_ondernemer: false,
            has_photo: false,
            has_video: false,
            work_capacity_consent: consent,
            wc_sitting: Some(4),
            wc_standing: Some(4),
            wc_walking: Some(4),
            wc_bending: Some(4),
            wc_lifting: Some(4),
            wc_hours_per_day: Some(8),
            last_name: "A".into(),
            first_name: "B".into(),
            held_back: false,
            interests: Some("Koken".into()),
            talents: None,
            motivation: Some("Ik wil werken".into()),
            desired_work: Some("keuken".into()),
        };
        assert_eq!(
            row(false).words(),
            ["ik", "keuken", "koken", "werken", "wil"].map(Box::from)
        );
        assert_eq!(row(false).entry().capacity, [UNKNOWN; 6]);
        assert_eq!(row(true).entry().capacity, [4, 4, 4, 4, 4, 8]);
    }

    /// A base of job seekers 1 and 2 with names 10 and 20, both active, one a cook, the other
    /// a baker.
    pub(super) fn base() -> Base {
        let mut base = base_of(vec![entry(1, 9, ACTIVE), entry(2, 5, ACTIVE)]);
        let mut lists = keywords::Builder::default();
        lists.add(1, &words::words(["Kok in een restaurant"]));
        lists.add(2, &words::words(["bakker"]));
        base.keywords = lists.finish();
        base.recent[0].names = 10;
        base.recent[1].names = 20;
        base.set_name_order(Order::LastName, &[2, 1]);
        base.set_name_order(Order::FirstName, &[1, 2]);
        base
    }

    /// Reproducible pseudo-random numbers from `seed`: each call gives one below its argument.
    pub(super) fn numbers(mut seed: u64) -> impl FnMut(u64) -> u64 {
        move |n| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        }
    }

    /// A base of `entries`, without words or name orders.
    pub(super) fn base_of(entries: Vec<Entry>) -> Base {
        let (recent, gemeenten) = by_gemeente(entries);
        Base {
            slot: slots(&recent),
            recent,
            gemeenten,
            names: Default::default(),
            keywords: keywords::Builder::default().finish(),
            cursor: 0,
            built: Instant::now(),
        }
    }

    /// The newest-first order over the gemeenten in reach, merged from each gemeente's own
    /// list and the changes, is the order of all entries sorted at once, whatever the reach,
    /// ties in time and changed entries.
    #[test]
    fn gemeenten_merged_keep_the_list_order() {
        let mut next = numbers(7);
        let all: Vec<Entry> = (1..=500)
            .map(|id| Entry {
                municipality_id: 1 + next(6) as i32,
                // Few distinct times: many ties, broken by id.
                updated_at: next(40) as i64,
                bits: if next(4) == 0 { BBL | ACTIVE } else { ACTIVE },
                ..entry(id, 0, ACTIVE)
            })
            .collect();
        let base = base_of(all.clone());
        // Some changed since: moved to another gemeente, newer, or deleted.
        let mut now = HashMap::new();
        for id in (1..=500).step_by(37) {
            let moved = Entry {
                municipality_id: 1 + next(6) as i32,
                updated_at: next(60) as i64,
                ..all[id as usize - 1]
            };
            now.insert(id, (id % 3 != 0).then_some(moved));
        }
        let changes = Changes::default().with(&base, now.clone(), HashMap::new(), [None, None]);
        let snapshot = Snapshot {
            base: Arc::new(base),
            changes: Arc::new(changes),
            cursor: 0,
            gaps: Vec::new(),
        };
        let current: Vec<Entry> = all
            .iter()
            .filter_map(|e| now.get(&e.id).copied().unwrap_or(Some(*e)))
            .collect();
        for (reach, required, limit) in [
            (vec![1, 2, 3, 4, 5, 6], ACTIVE, 1000),
            (vec![2, 5, 2], ACTIVE | BBL, 1000),
            (vec![3], ACTIVE, 10),
            (vec![6, 1, 9], ACTIVE, 50),
            (vec![9], ACTIVE, 1000),
        ] {
            let c = Criteria {
                municipalities: reach.clone(),
                required,
                ..criteria()
            };
            let mut expected: Vec<Entry> = current
                .iter()
                .filter(|e| reach.contains(&e.municipality_id) && e.bits & required == required)
                .copied()
                .collect();
            expected.sort_by(Entry::recent_first);
            let expected: Vec<i32> = expected.iter().take(limit).map(|e| e.id).collect();
            assert_eq!(snapshot.matches(&c, limit), Some(expected), "{reach:?}");
        }
    }

    /// A snapshot answers a name order with a newcomer at their place, and a catch-up that
    /// could not place everyone leaves that order to SQL.
    #[test]
    fn a_snapshot_lists_newcomers_in_name_order() {
        let base = base();
        let mut placed = Placed::default();
        assert!(placed.place(&base.names[0], 3, 30, Some(2)));
        let fresh = HashMap::from([(3, Some(entry(3, 20, ACTIVE)))]);
        let changes = Changes::default().with(&base, fresh, HashMap::new(), [Some(placed), None]);
        let snapshot = Snapshot {
            base: Arc::new(base),
            changes: Arc::new(changes),
            cursor: 0,
            gaps: Vec::new(),
        };
        let mut c = criteria();
        c.order = Order::LastName;
        assert_eq!(snapshot.matches(&c, 10), Some(vec![2, 3, 1]));
        c.order = Order::FirstName;
        assert_eq!(snapshot.matches(&c, 10), None);
        c.order = Order::Recent;
        assert_eq!(snapshot.matches(&c, 10), Some(vec![3, 1, 2]));
    }

    /// Keywords find the words of the base, and of a changed job seeker only the words they
    /// have now.
    #[test]
    fn keywords_find_each_job_seeker_by_the_words_they_have_now() {
        let snapshot = |fresh: Vec<(i32, Option<&str>)>| {
            let words = fresh
                .iter()
                .filter_map(|(id, t)| Some((*id, words::words([(*t)?]).into())))
                .collect();
            let fresh = fresh
                .iter()
                .map(|(id, t)| (*id, t.map(|_| entry(*id, 1, ACTIVE))))
                .collect();
            let base = base();
            let changes = Changes::default().with(&base, fresh, words, [None, None]);
            Snapshot {
                base: Arc::new(base),
                changes: Arc::new(changes),
                cursor: 0,
                gaps: Vec::new(),
            }
        };
        let found = |s: &Snapshot, q: &str| {
            let mut c = criteria();
            c.keyword = words::query(q);
            s.matches(&c, 10).unwrap()
        };
        let before = snapshot(vec![]);
        assert_eq!(found(&before, "kok"), [1]);
        assert_eq!(found(&before, "RESTAURANT kok"), [1]);
        assert_eq!(found(&before, "bak"), [2]);
        assert!(found(&before, "kok bak").is_empty());
        // 1 is a gardener now, 3 is new and a cook, 2 is gone.
        let after = snapshot(vec![(1, Some("tuinier")), (3, Some("kokkin")), (2, None)]);
        assert_eq!(found(&after, "kok"), [3]);
        assert_eq!(found(&after, "tuin"), [1]);
        assert!(found(&after, "bak").is_empty());
        assert!(found(&after, "restaurant").is_empty());
    }

    #[test]
    fn the_list_is_newest_first_then_by_id() {
        let mut v = [
            entry(2, 5, ACTIVE),
            entry(1, 5, ACTIVE),
            entry(3, 9, ACTIVE),
        ];
        v.sort_by(Entry::recent_first);
        assert_eq!(v.iter().map(|e| e.id).collect::<Vec<_>>(), [3, 1, 2]);
    }
}
