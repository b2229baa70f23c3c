//! Deterministic, realistic Dutch profile data for the demo and for benchmarks.

use chrono::NaiveDate;
use rand::Rng;
use rand::seq::IndexedRandom;

pub const FIRST_NAMES: &[&str] = &[
    "Emma",
    "Daan",
    "Sophie",
    "Lucas",
    "Julia",
    "Sem",
    "Fatima",
    "Mohamed",
    "Yasmina",
    "Ahmed",
    "Sanne",
    "Thijs",
    "Noa",
    "Bram",
    "Lotte",
    "Kevin",
    "Priya",
    "Jayden",
    "Anouk",
    "Milan",
    "Esra",
    "Mehmet",
    "Zeynep",
    "Jordy",
    "Shanti",
    "Rik",
    "Femke",
    "Dewi",
    "Tom",
    "Lisa",
    "Nadia",
    "Youssef",
    "Ilse",
    "Stefan",
    "Maria",
    "Joost",
    "Ayoub",
    "Chantal",
    "Gert",
    "Ingrid",
    "Kofi",
    "Agnieszka",
    "Dirk",
    "Naima",
    "Wesley",
    "Gloria",
    "Hanna",
    "Bilal",
    "Romy",
    "Marco",
];

pub const LAST_NAMES: &[&str] = &[
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "El Amrani",
    "Yilmaz",
    "Kaya",
    "Bouzid",
    "Ramdin",
    "Tjon A Fong",
    "Martina",
    "Kowalski",
    "Nowak",
    "Öztürk",
    "van der Linden",
    "Koster",
    "Verbeek",
    "Kuijpers",
    "Boateng",
    "Hoekstra",
    "Postma",
    "Sedney",
    "Maas",
    "Wijnands",
];

pub const INTERESTS: &[&str] = &[
    "koken",
    "techniek",
    "sport",
    "muziek",
    "tuinieren",
    "klussen",
    "auto's",
    "computers",
    "dieren",
    "mode",
    "fietsen",
    "natuur",
    "lezen",
    "gamen",
    "verzorging",
    "logistiek",
    "schoonmaken",
    "bakken",
    "timmeren",
    "mensen helpen",
];

pub const TALENTS: &[&str] = &[
    "nauwkeurig",
    "zorgzaam",
    "sterk in teamwork",
    "punctueel",
    "handig met gereedschap",
    "goed met klanten",
    "rustig onder druk",
    "snel van begrip",
    "creatief",
    "meertalig",
    "leergierig",
    "zelfstandig",
    "georganiseerd",
    "vriendelijk",
    "doorzetter",
];

pub const MOTIVATIONS: &[&str] = &[
    "Ik wil graag weer aan het werk en iets betekenen voor anderen.",
    "Ik zoek een vaste plek in een team waar ik kan groeien.",
    "Na een periode thuis wil ik stap voor stap weer gaan werken.",
    "Ik wil een vak leren en daar een diploma voor halen.",
    "Ik werk graag met mijn handen en zie graag resultaat.",
    "Ik wil mijn eigen geld verdienen en zelfstandig zijn.",
    "Ik ben op zoek naar werk dicht bij huis, in de ochtend.",
    "Ik wil graag mijn ervaring uit mijn geboorteland inzetten.",
];

pub const DESIRED_WORK: &[&str] = &[
    "werk in de keuken of bediening",
    "buitenwerk in het groen",
    "productiewerk in ploegendienst",
    "magazijn en logistiek",
    "zorg en welzijn",
    "schoonmaak in kantoren",
    "winkel en kassa",
    "bouw en onderhoud",
    "administratief werk",
    "chauffeurswerk",
    "werken met kinderen",
    "techniek en installatie",
];

/// A gemeente with its client-number prefix and postcode range.
#[derive(Clone, Copy, Debug)]
pub struct Place {
    pub municipality_id: i32,
    pub prefix: &'static str,
    pub postcodes: (u16, u16),
}

#[derive(Clone, Debug)]
pub struct FakeProfile {
    pub client_number: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub gender: &'static str,
    pub birth_date: NaiveDate,
    pub postal_code: String,
    pub phone: String,
    pub targets: [bool; 4],
    pub interests: String,
    pub talents: String,
    pub motivation: String,
    pub desired_work: String,
    pub work_capacity: [i16; 6],
    pub consent: bool,
    pub paused: bool,
}

fn ascii_slug(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' => Some(c.to_ascii_lowercase()),
            'ö' | 'Ö' => Some('o'),
            'é' | 'ë' => Some('e'),
            _ => None,
        })
        .collect()
}

fn pick_some(rng: &mut impl Rng, pool: &[&str], n: usize) -> String {
    let mut picked: Vec<&str> = pool.choose_multiple(rng, n).copied().collect();
    picked.sort_unstable();
    picked.join(", ")
}

/// Profile number `n` in `place` (n makes the e-mail address and client number unique).
pub fn profile(rng: &mut impl Rng, n: u32, place: &Place, email_domain: &str) -> FakeProfile {
    let first = *FIRST_NAMES.choose(rng).expect("names");
    let last = *LAST_NAMES.choose(rng).expect("names");
    let letters = loop {
        let a = rng.random_range(b'A'..=b'Z') as char;
        let b = rng.random_range(b'A'..=b'Z') as char;
        let pair = format!("{a}{b}");
        if !matches!(pair.as_str(), "SA" | "SD" | "SS") {
            break pair;
        }
    };
    let year = rng.random_range(1965..=2005);
    let level = |rng: &mut dyn rand::RngCore| rng.random_range(0..=3) as i16;
    FakeProfile {
        client_number: format!("{}-{:06}", place.prefix, 100_000 + n),
        first_name: first.to_string(),
        last_name: last.to_string(),
        email: format!(
            "{}.{}{}@{email_domain}",
            ascii_slug(first),
            ascii_slug(last),
            n
        ),
        gender: ["vrouw", "man", "vrouw", "man", "anders", "onbekend"]
            .choose(rng)
            .expect("genders"),
        birth_date: NaiveDate::from_ymd_opt(
            year,
            rng.random_range(1..=12),
            rng.random_range(1..=28),
        )
        .expect("valid date"),
        postal_code: format!(
            "{} {letters}",
            rng.random_range(place.postcodes.0..=place.postcodes.1)
        ),
        phone: format!("06{:08}", rng.random_range(10_000_000..99_999_999)),
        targets: [
            rng.random_bool(0.3),
            rng.random_bool(0.2),
            rng.random_bool(0.15),
            rng.random_bool(0.1),
        ],
        interests: pick_some(rng, INTERESTS, 3),
        talents: pick_some(rng, TALENTS, 2),
        motivation: MOTIVATIONS.choose(rng).expect("motivations").to_string(),
        desired_work: DESIRED_WORK.choose(rng).expect("work").to_string(),
        work_capacity: [
            level(rng),
            level(rng),
            level(rng),
            level(rng),
            level(rng),
            *[2i16, 4, 6, 8].choose(rng).expect("hours"),
        ],
        consent: rng.random_bool(0.4),
        paused: rng.random_bool(0.12),
    }
}

/// A generated portrait placeholder (PNG, 96×96): a head-and-shoulders silhouette on a
/// background colour derived from `seed`. Demo data only — real profiles have real photos.
pub fn avatar_png(seed: u32) -> Vec<u8> {
    const W: u32 = 96;
    const H: u32 = 96;
    let palette = [
        [0x1f, 0x4e, 0x79],
        [0x5b, 0x8c, 0x5a],
        [0xa3, 0x4a, 0x28],
        [0x6a, 0x4c, 0x93],
        [0x2e, 0x7d, 0x7a],
        [0x9c, 0x6b, 0x30],
    ];
    let bg = palette[seed as usize % palette.len()];
    let fg = [0xf2, 0xe6, 0xd8];
    let mut raw = Vec::with_capacity(((W * 3 + 1) * H) as usize);
    for y in 0..H {
        raw.push(0); // filter: none
        for x in 0..W {
            let (dx, dy) = (x as i32 - 48, y as i32);
            let head = dx * dx + (dy - 38) * (dy - 38) <= 18 * 18;
            let shoulders = dy >= 66 && dx * dx * 4 + (dy - 96) * (dy - 96) * 9 <= 90 * 90;
            raw.extend_from_slice(if head || shoulders { &fg } else { &bg });
        }
    }
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&W.to_be_bytes());
    ihdr.extend_from_slice(&H.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB
    png_chunk(&mut png, b"IHDR", &ihdr);
    png_chunk(&mut png, b"IDAT", &zlib_stored(&raw));
    png_chunk(&mut png, b"IEND", &[]);
    png
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// zlib stream with uncompressed ("stored") deflate blocks.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = data.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        out.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for byte in data {
        a = (a + u32::from(*byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_of_a_known_string() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn avatars_are_pngs() {
        let png = avatar_png(3);
        assert_eq!(kernel::views::media::sniff(&png), Some("image/png"));
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(&png[png.len() - 8..png.len() - 4], b"IEND");
    }
}
