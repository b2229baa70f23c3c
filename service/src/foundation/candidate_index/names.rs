//! The index's two name orders (last name, first name), by gemeente.
//!
//! The database decides the order (its collation compares names; this process never does): a
//! base reads each order once as a list of ids, and gives every job seeker their *rank* in
//! it. The entries are then grouped by gemeente, each group in rank order, so a search walks
//! only the gemeenten in its reach and merges them by rank, as the default order merges by
//! time (at 1,000,000 job seekers a walk of the whole order set the list's p95).
//!
//! Job seekers new or renamed since the base are [`Placed`] right after the job seeker the
//! database now puts before them, and sort by that one's rank; other changed job seekers keep
//! their base rank. [`key`] is the one sort key of all three.

use super::{Base, Entry, Order};
use crate::foundation::dialect;
use entity::job_seeker;
use kernel::domain::ProfileState;
use kernel::error::AppError;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{Condition, ConnectionTrait};
use std::collections::HashMap;
use std::ops::Range;

/// What a name-ordered walk tests of an entry, and its place in the order (24 bytes). Copies,
/// not ids pointing into the base's entries: a walk then reads memory in order (through ids it
/// took some 300 ms at 1,000,000 job seekers, a cache miss each).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Ranked {
    pub id: i32,
    pub rank: u32,
    pub bits: u8,
    pub capacity: [i16; 6],
}

/// One name order of a base: every job seeker, active or not (so becoming active or paused
/// moves nobody), grouped by gemeente, each group in the order.
#[derive(Default)]
pub(super) struct NameOrder {
    pub entries: Vec<Ranked>,
    /// Gemeente → where its entries are in `entries`.
    pub gemeenten: HashMap<i32, Range<usize>>,
    /// Job-seeker id → rank (`u32::MAX`: not in this order).
    rank: Vec<u32>,
}

/// Where a job seeker stands in a name order, as one number: the rank of the base entry it
/// stands at or after (plus one; 0: before all), then its place among those placed after that
/// entry (0: the base entry itself).
pub(super) fn key(anchor: Option<u32>, after: u32) -> u64 {
    (anchor.map_or(0, |r| u64::from(r) + 1) << 32) | u64::from(after)
}

impl NameOrder {
    /// The order of `ids` (the database's, whole), of the entries `get` finds (an id read
    /// after the entries were is left out until the next base, as one new since then is).
    pub fn new<'a>(ids: &[i32], get: impl Fn(i32) -> Option<&'a Entry>) -> NameOrder {
        let max = ids.iter().copied().max().unwrap_or(0).max(0) as usize;
        let mut rank = vec![u32::MAX; max + 1];
        // Two passes: count each gemeente, then place each entry in its group's next slot,
        // so the entries are made once, in their final place.
        let mut count: HashMap<i32, usize> = HashMap::new();
        let mut known = 0;
        for (r, id) in ids.iter().enumerate() {
            if let (Ok(i), Some(e)) = (usize::try_from(*id), get(*id)) {
                *count.entry(e.municipality_id).or_default() += 1;
                rank[i] = r as u32;
                known += 1;
            }
        }
        let mut gemeenten = HashMap::with_capacity(count.len());
        let mut next: HashMap<i32, usize> = HashMap::with_capacity(count.len());
        let mut start = 0;
        let mut ms: Vec<i32> = count.keys().copied().collect();
        ms.sort_unstable();
        for m in ms {
            let n = count[&m];
            gemeenten.insert(m, start..start + n);
            next.insert(m, start);
            start += n;
        }
        let empty = Ranked {
            id: 0,
            rank: 0,
            bits: 0,
            capacity: [0; 6],
        };
        let mut entries = vec![empty; known];
        for (r, id) in ids.iter().enumerate() {
            if let (Ok(_), Some(e)) = (usize::try_from(*id), get(*id)) {
                let at = next.get_mut(&e.municipality_id).expect("counted above");
                entries[*at] = Ranked {
                    id: e.id,
                    rank: r as u32,
                    bits: e.bits,
                    capacity: e.capacity,
                };
                *at += 1;
            }
        }
        NameOrder {
            entries,
            gemeenten,
            rank,
        }
    }

    /// `id`'s rank in this order, if it is in it.
    pub fn rank(&self, id: i32) -> Option<u32> {
        let r = *self.rank.get(usize::try_from(id).ok()?)?;
        (r != u32::MAX).then_some(r)
    }

    /// Memory the order takes.
    pub fn bytes(&self) -> usize {
        self.entries.len() * std::mem::size_of::<Ranked>() + self.rank.len() * 4
    }
}

/// The job seekers new or renamed since a base, in one name order: each stands right after
/// the base entry that precedes it in the database's order now (or at the start), so a new
/// job seeker never makes name-ordered searches wait for a new base. Only the database
/// compares names (its collation decides), one seek per placed job seeker.
#[derive(Clone, Default)]
pub(super) struct Placed {
    /// Base id (`None`: the start) → the placed ids that follow it, in order.
    after: HashMap<Option<i32>, Vec<i32>>,
    /// Placed id → its group and the names (hash) it was placed with.
    pub at: HashMap<i32, (Option<i32>, u32)>,
}

impl Placed {
    pub fn remove(&mut self, id: i32) {
        if let Some((group, _)) = self.at.remove(&id)
            && let Some(g) = self.after.get_mut(&group)
        {
            g.retain(|x| *x != id);
        }
    }

    /// Places `id` right after `before`, the job seeker that precedes it in the database's
    /// order now (`None`: it comes first). False when `before` is neither placed nor in
    /// `order`: it cannot be placed.
    pub fn place(&mut self, order: &NameOrder, id: i32, names: u32, before: Option<i32>) -> bool {
        self.remove(id);
        let (group, pos) = match before {
            Some(b) if b != id => match self.at.get(&b) {
                // After a placed one: right behind it, in its group.
                Some((g, _)) => {
                    let g = *g;
                    let i = self.after[&g]
                        .iter()
                        .position(|x| *x == b)
                        .map_or(0, |i| i + 1);
                    (g, i)
                }
                // After a base entry: first in its group (those already there come later,
                // or they would precede `id` instead of `b`).
                None if order.rank(b).is_some() => (Some(b), 0),
                None => return false,
            },
            _ => (None, 0),
        };
        self.after.entry(group).or_default().insert(pos, id);
        self.at.insert(id, (group, names));
        true
    }

    /// Where `id` stands in `order` with these placements ([`key`]): placed, or at its base
    /// rank; `None` when neither (not in the base, and could not be placed: a row gone).
    pub fn key(&self, order: &NameOrder, id: i32) -> Option<u64> {
        match self.at.get(&id) {
            Some((group, _)) => {
                let pos = self.after.get(group)?.iter().position(|x| *x == id)?;
                let anchor = match group {
                    Some(b) => Some(order.rank(*b)?),
                    None => None,
                };
                Some(key(anchor, pos as u32 + 1))
            }
            None => Some(key(Some(order.rank(id)?), 0)),
        }
    }
}

/// The name orders of `base` with `placed`: each present changed entry with its key, in the
/// order (empty for an order that could not be placed: it is not answered).
pub(super) fn changed_in_order<'a>(
    base: &Base,
    placed: &[Option<Placed>; 2],
    present: impl Iterator<Item = &'a Entry> + Clone,
) -> [Vec<(u64, Entry)>; 2] {
    [0, 1].map(|o| {
        let Some(p) = &placed[o] else {
            return Vec::new();
        };
        let order = &base.names[o];
        let mut v: Vec<(u64, Entry)> = present
            .clone()
            .filter_map(|e| Some((p.key(order, e.id)?, *e)))
            .collect();
        v.sort_unstable_by_key(|(k, _)| *k);
        v
    })
}

/// A list sorted by name, on what its cards show and nothing more (SPEC §3: an employer can
/// neither filter nor sort on what it cannot read, or the order would tell it): by initial of
/// the last name then first name, or by first name then initial; ties by id. The SQL search,
/// its few-matches sort and the index's name orders all sort by this.
pub fn name_order_by(order: Order) -> [Expr; 3] {
    let first = Expr::col((job_seeker::Entity, job_seeker::Column::FirstName));
    let id = Expr::col((job_seeker::Entity, job_seeker::Column::Id));
    match order {
        Order::FirstName => [first, dialect::last_initial(), id],
        _ => [dialect::last_initial(), first, id],
    }
}

/// Ids of every job seeker in name order, from the database (its collation decides).
pub(super) async fn name_order<C: ConnectionTrait>(
    db: &C,
    order: Order,
) -> Result<Vec<i32>, AppError> {
    use job_seeker::Column as C;
    let by = name_order_by(order);
    let query = Query::select()
        .expr(dialect::id_list_ordered(
            db.get_database_backend(),
            Expr::col(C::Id),
            by,
        ))
        .from(job_seeker::Entity)
        .to_owned();
    let csv = super::scalar_text(db, &query).await?;
    Ok(dialect::ids_in_list(csv.as_deref()).collect())
}

/// `ids` in the name order `order` (the database's collation decides).
pub(super) async fn in_name_order<C: ConnectionTrait>(
    db: &C,
    order: Order,
    ids: impl IntoIterator<Item = i32>,
) -> Result<Vec<i32>, AppError> {
    use job_seeker::Column as C;
    use sea_orm::sea_query::ExprTrait;
    let mut query = Query::select()
        .column(C::Id)
        .from(job_seeker::Entity)
        .and_where(Expr::col(C::Id).is_in(ids))
        .to_owned();
    for by in name_order_by(order) {
        query.order_by_expr(by, sea_orm::sea_query::Order::Asc);
    }
    Ok(db
        .query_all(&query)
        .await?
        .iter()
        .map(|r| r.try_get_by_index::<i32>(0))
        .collect::<Result<_, _>>()?)
}

/// Where a job seeker stands in a name order, as the database orders them now.
pub(super) enum Before {
    /// First of all.
    Nobody,
    /// Right after this job seeker.
    Id(i32),
    /// The row is gone (deleted since the feed was read): the next catch-up sees it.
    Gone,
}

/// The job seeker right before `id` in the name order `order` (every state), as the database
/// orders them now: the greatest of the one before it in each state. The name indexes begin
/// with the state, then the order's two name keys and the id, so each state takes two seeks:
/// the same first key with a smaller (second key, id), else a smaller first key. (One row-value
/// comparison over all three would not seek on SQLite where the second key is an expression.)
pub(super) async fn preceding<C: ConnectionTrait>(
    db: &C,
    order: Order,
    id: i32,
) -> Result<Before, AppError> {
    use job_seeker::Column as C;
    use sea_orm::sea_query::ExprTrait;
    let key = Query::select()
        .exprs(name_order_by(order))
        .from(job_seeker::Entity)
        .and_where(Expr::col((job_seeker::Entity, C::Id)).eq(id))
        .to_owned();
    let Some(row) = db.query_one(&key).await? else {
        return Ok(Before::Gone);
    };
    let (a, b): (String, String) = (row.try_get_by_index(0)?, row.try_get_by_index(1)?);
    let mut before = Vec::new();
    for state in ProfileState::ALL {
        let [k1, k2, k3] = name_order_by(order);
        let seeks = [
            Condition::all()
                .add(k1.clone().eq(a.clone()))
                .add(Expr::tuple([k2, k3]).lt(Expr::tuple([Expr::val(b.clone()), Expr::val(id)]))),
            Condition::all().add(k1.lt(a.clone())),
        ];
        for seek in seeks {
            let mut q = Query::select()
                .column((job_seeker::Entity, C::Id))
                .from(job_seeker::Entity)
                .and_where(Expr::col((job_seeker::Entity, C::State)).eq(state.code()))
                .cond_where(seek)
                .limit(1)
                .to_owned();
            for by in name_order_by(order) {
                q.order_by_expr(by, sea_orm::sea_query::Order::Desc);
            }
            if let Some(r) = db.query_one(&q).await? {
                before.push(r.try_get_by_index::<i32>(0)?);
                break;
            }
        }
    }
    let last = match before.len() {
        0 | 1 => before.pop(),
        _ => in_name_order(db, order, before).await?.pop(),
    };
    Ok(last.map_or(Before::Nobody, Before::Id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundation::candidate_index::tests::{base, base_of, criteria, entry, numbers};
    use crate::foundation::candidate_index::{ACTIVE, BBL, Changes, Criteria, Snapshot};
    use std::sync::Arc;

    /// A job seeker new or renamed since the base stands right after the one the database
    /// puts before them, not at their old place; one placed after someone unknown cannot be.
    #[test]
    fn placed_job_seekers_stand_after_the_one_before_them() {
        let base = base();
        let named = &base.names[0];
        let order = |p: &Placed| {
            let mut ids: Vec<(u64, i32)> = (1..=9)
                .filter_map(|id| Some((p.key(named, id)?, id)))
                .collect();
            ids.sort();
            ids.into_iter().map(|(_, id)| id).collect::<Vec<_>>()
        };
        let mut p = Placed::default();
        assert_eq!(order(&p), [2, 1], "the base's order");
        assert!(p.place(named, 3, 30, Some(2)), "new, after a base entry");
        assert!(p.place(named, 4, 40, Some(3)), "new, after a placed one");
        assert!(p.place(named, 5, 50, None), "new, first of all");
        assert_eq!(order(&p), [5, 2, 3, 4, 1]);
        assert!(
            p.place(named, 2, 21, Some(1)),
            "renamed: leaves its old place"
        );
        assert_eq!(order(&p), [5, 3, 4, 1, 2]);
        assert!(
            p.place(named, 6, 60, Some(2)),
            "after a renamed one: behind it"
        );
        assert_eq!(order(&p), [5, 3, 4, 1, 2, 6]);
        p.remove(2);
        assert_eq!(order(&p), [5, 2, 3, 4, 1, 6], "names back as in the base");
        assert!(
            !p.place(named, 7, 70, Some(99)),
            "after someone neither placed nor in the base"
        );
    }

    /// A name-ordered search over the gemeenten in reach, merged from each gemeente's list and
    /// the changes, lists exactly what sorting every job seeker as they are now would, whatever
    /// the reach: with job seekers moved to another gemeente, deleted, renamed and new, and
    /// many equal names (ties broken by id).
    #[test]
    fn gemeenten_merged_keep_the_name_order() {
        let mut next = numbers(11);
        // The database's order: by name (a number here, few distinct), then id.
        let sorted = |people: &HashMap<i32, (u32, Entry)>| {
            let mut v: Vec<(u32, i32)> = people.iter().map(|(id, (n, _))| (*n, *id)).collect();
            v.sort();
            v.into_iter().map(|(_, id)| id).collect::<Vec<i32>>()
        };
        let mut then: HashMap<i32, (u32, Entry)> = HashMap::new();
        for id in 1..=400 {
            let e = Entry {
                municipality_id: 1 + next(5) as i32,
                bits: if next(4) == 0 { BBL | ACTIVE } else { ACTIVE },
                ..entry(id, next(50) as i64, ACTIVE)
            };
            then.insert(id, (1 + next(30) as u32, e));
        }
        let mut base = base_of(then.values().map(|(_, e)| *e).collect());
        base.set_name_order(Order::LastName, &sorted(&then));

        // What changed since: moved, deleted, renamed, new.
        let mut now = then.clone();
        let mut fresh: HashMap<i32, Option<Entry>> = HashMap::new();
        let mut renamed = Vec::new();
        for id in (1..=400).step_by(13) {
            let (name, e) = now[&id];
            match next(3) {
                0 => {
                    let moved = Entry {
                        municipality_id: 1 + next(5) as i32,
                        ..e
                    };
                    now.insert(id, (name, moved));
                    fresh.insert(id, Some(moved));
                }
                1 => {
                    now.remove(&id);
                    fresh.insert(id, None);
                }
                _ => {
                    now.insert(id, (1 + next(30) as u32, e));
                    fresh.insert(id, Some(e));
                    renamed.push(id);
                }
            }
        }
        for id in 401..=420 {
            let e = Entry {
                municipality_id: 1 + next(5) as i32,
                ..entry(id, next(50) as i64, ACTIVE)
            };
            now.insert(id, (1 + next(30) as u32, e));
            fresh.insert(id, Some(e));
            renamed.push(id);
        }
        // Placed as a catch-up places them: in the order, each after the one before it now.
        let place = |placed: &mut Placed,
                     base: &Base,
                     mut ids: Vec<i32>,
                     now: &HashMap<i32, (u32, Entry)>| {
            let order_now = sorted(now);
            ids.sort_by_key(|id| order_now.iter().position(|x| x == id));
            for id in ids {
                let at = order_now.iter().position(|x| *x == id).unwrap();
                let before = at.checked_sub(1).map(|i| order_now[i]);
                assert!(placed.place(&base.names[0], id, now[&id].0, before));
            }
        };
        let check = |snapshot: &Snapshot, now: &HashMap<i32, (u32, Entry)>, round: &str| {
            let order_now = sorted(now);
            for (reach, required, limit) in [
                (vec![1, 2, 3, 4, 5], ACTIVE, 1000),
                (vec![2, 5, 2], ACTIVE | BBL, 1000),
                (vec![3], ACTIVE, 10),
                (vec![4, 1, 9], ACTIVE, 50),
                (vec![9], ACTIVE, 1000),
            ] {
                let c = Criteria {
                    municipalities: reach.clone(),
                    required,
                    order: Order::LastName,
                    ..criteria()
                };
                let expected: Vec<i32> = order_now
                    .iter()
                    .filter(|id| {
                        let e = now[id].1;
                        reach.contains(&e.municipality_id) && e.bits & required == required
                    })
                    .take(limit)
                    .copied()
                    .collect();
                assert_eq!(
                    snapshot.matches(&c, limit),
                    Some(expected),
                    "{round}: {reach:?}"
                );
            }
        };
        let mut placed = Placed::default();
        place(&mut placed, &base, renamed, &now);
        let changes =
            Changes::default().with(&base, fresh, HashMap::new(), [Some(placed.clone()), None]);
        let base = Arc::new(base);
        let snapshot = |changes: &Changes| Snapshot {
            base: base.clone(),
            changes: Arc::new(changes.clone()),
            cursor: 0,
            gaps: Vec::new(),
        };
        check(&snapshot(&changes), &now, "first catch-up");

        // A later catch-up: job seekers others were placed after are renamed or leave, and a
        // newcomer comes before everyone.
        let mut anchors: Vec<i32> = placed
            .at
            .values()
            .filter_map(|(group, _)| *group)
            .filter(|b| now.contains_key(b) && !placed.at.contains_key(b))
            .collect();
        anchors.sort_unstable();
        anchors.dedup();
        anchors.truncate(4);
        assert!(anchors.len() >= 2, "the data has anchors: {anchors:?}");
        let mut fresh = HashMap::new();
        let mut again = Vec::new();
        for (k, b) in anchors.iter().enumerate() {
            if k % 2 == 0 {
                let e = now[b].1;
                now.insert(*b, (1 + next(30) as u32, e));
                fresh.insert(*b, Some(e));
                again.push(*b);
            } else {
                now.remove(b);
                fresh.insert(*b, None);
                placed.remove(*b);
            }
        }
        let first = entry(999, 1, ACTIVE);
        now.insert(999, (0, first));
        fresh.insert(999, Some(first));
        again.push(999);
        place(&mut placed, &base, again, &now);
        let changes = changes.with(&base, fresh, HashMap::new(), [Some(placed), None]);
        check(&snapshot(&changes), &now, "second catch-up");
    }
}
