//! The Netherlands as a national measurement needs it (issue 35, item 4): the 35
//! labour-market regions (arbeidsmarktregio's) and about 340 gemeenten of unequal size — a few
//! large cities and many small towns — made beside the demo ones, each with its share of the
//! job seekers. The gemeenten beyond the demo ones have made-up names.

use chrono::Utc;
use entity::{municipality, region};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

/// The 35 labour-market regions.
pub const REGIONS: [&str; 35] = [
    "Groningen",
    "Friesland",
    "Drenthe",
    "Regio Zwolle",
    "Twente",
    "Stedendriehoek en Noordwest Veluwe",
    "Achterhoek",
    "Midden-Gelderland",
    "Rijk van Nijmegen",
    "Rivierenland",
    "FoodValley",
    "Amersfoort",
    "Midden-Utrecht",
    "Gooi en Vechtstreek",
    "Groot Amsterdam",
    "Zaanstreek/Waterland",
    "Zuid-Kennemerland en IJmond",
    "Noord-Holland Noord",
    "Holland Rijnland",
    "Midden-Holland",
    "Haaglanden",
    "Zuid-Holland Centraal",
    "Rijnmond",
    "Drechtsteden",
    "Gorinchem",
    "Zeeland",
    "West-Brabant",
    "Midden-Brabant",
    "Noordoost-Brabant",
    "Zuidoost-Brabant",
    "Helmond-De Peel",
    "Noord-Limburg",
    "Midden-Limburg",
    "Zuid-Limburg",
    "Flevoland",
];

/// About as many gemeenten as the country has.
pub const GEMEENTEN: usize = 340;

/// The share of the job seekers of the gemeente of this size rank (1 is the largest): a
/// Zipf-like fall, so the largest has some 6% of everyone and the smallest a few hundredths
/// of a percent, as between Amsterdam and Schiermonnikoog.
pub fn weight(rank: usize) -> f64 {
    1.0 / (rank as f64).powf(0.9)
}

/// Makes the regions and gemeenten that are not there yet (an existing region keeps its
/// gemeenten and gets more up to its share of [`GEMEENTEN`]) and returns every active
/// gemeente with its weight. The demo gemeenten, made first, rank as large cities; the others
/// take their ranks in turn over the regions, so every region has large and small ones.
pub async fn ensure<C: ConnectionTrait>(db: &C) -> Result<Vec<(municipality::Model, f64)>, DbErr> {
    let now = Utc::now();
    let per_region = GEMEENTEN.div_ceil(REGIONS.len());
    // The gemeenten there before (the demo cities) rank first.
    let existed: Vec<i32> = municipality::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    for name in REGIONS {
        let r = match region::Entity::find()
            .filter(region::Column::Name.eq(name))
            .one(db)
            .await?
        {
            Some(r) => r,
            None => {
                region::ActiveModel {
                    name: Set(name.into()),
                    department_email: Set(None),
                    active: Set(true),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(db)
                .await?
            }
        };
        let have = municipality::Entity::find()
            .filter(municipality::Column::RegionId.eq(r.id))
            .all(db)
            .await?
            .len();
        for k in have..per_region {
            municipality::ActiveModel {
                region_id: Set(r.id),
                name: Set(format!("{name} gemeente {}", k + 1)),
                retention_months: Set(0),
                active: Set(true),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    // Ranks: the gemeenten there before first, then the new ones round the regions.
    let all = municipality::Entity::find()
        .filter(municipality::Column::Active.eq(true))
        .order_by_asc(municipality::Column::Id)
        .all(db)
        .await?;
    let mut by_region: Vec<Vec<municipality::Model>> = Vec::new();
    let (old, new): (Vec<_>, Vec<_>) = all.into_iter().partition(|m| existed.contains(&m.id));
    for m in new {
        match by_region.iter_mut().find(|g| g[0].region_id == m.region_id) {
            Some(g) => g.push(m),
            None => by_region.push(vec![m]),
        }
    }
    let mut ranked = old;
    for i in 0..per_region {
        ranked.extend(by_region.iter().filter_map(|g| g.get(i).cloned()));
    }
    Ok(ranked
        .into_iter()
        .enumerate()
        .map(|(i, m)| (m, weight(i + 1)))
        .collect())
}
