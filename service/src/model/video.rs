//! Removing what a phone writes into a video besides picture and sound: the place it was made
//! (MP4 `©xyz`, Apple's `com.apple.quicktime.location.ISO6709`), the device and software, and
//! the times. The file is rewritten in place at the same length, so every offset inside it
//! (MP4's chunk offsets, WebM's cues) stays right and the video plays as before:
//! - MP4 (ISO base media): every `udta`, `meta` and `uuid` box, at any depth, becomes a `free`
//!   box of the same size filled with zeros (players skip those); creation and modification
//!   times in `mvhd`, `tkhd` and `mdhd` become zero; a timed-metadata track (handler `meta` or
//!   `camm`: the GPS track of an action camera or drone, Apple's location samples) becomes
//!   `free` and its samples in `mdat` zeros. (In a fragmented file the samples of such a track
//!   in later fragments are not found; phones and cameras write fragmented files rarely.)
//! - WebM (Matroska/EBML): `Tags`, `Attachments` and `Chapters`, and in `Info` the `Title`,
//!   `SegmentFilename`, `MuxingApp` and `WritingApp`, and each track's `Name`, become `Void`
//!   elements of the same size; `DateUTC` becomes zero.
//!
//! A file whose structure cannot be followed is refused: what cannot be read cannot be
//! cleaned. Of unknown size (as live recordings write them) only the segment and its clusters
//! are followed: a cluster ends at the first element that belongs to the segment again.

use kernel::error::AppError;
use kernel::views::media::MediaKind;

/// Cleans `bytes` (already recognised as `mime` by [`kernel::views::media::sniff`]) in place.
pub fn clean(mime: &str, bytes: &mut [u8]) -> Result<(), AppError> {
    let parsed = match mime {
        "video/mp4" => media_data(bytes).and_then(|media| {
            let len = bytes.len();
            mp4_boxes(bytes, 0, len, 0, &media)
        }),
        "video/webm" => webm(bytes, 0, bytes.len(), In::File).map(|_| ()),
        _ => Err(Unparsable),
    };
    parsed.map_err(|Unparsable| {
        AppError::invalid(
            MediaKind::Video.field().code(),
            "Deze video kunnen we niet lezen: het bestand is beschadigd of niet compleet. Kies \
             een MP4- of WebM-video zoals je telefoon of camera die opslaat.",
        )
    })
}

#[derive(Debug, PartialEq, Eq)]
struct Unparsable;

/// Deep enough for any real file; deeper is refused rather than followed.
const MAX_DEPTH: usize = 12;

fn be(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |n, b| (n << 8) | u64::from(*b))
}

/// The boxes in `b[start..end]`.
/// The box whose header starts at `b[pos]`, within `b[..end]`: where its body starts and where
/// the next box starts. Its type is `b[pos + 4..pos + 8]`. Size 0 runs to `end`, size 1 is
/// followed by a 64-bit size.
fn box_at(b: &[u8], pos: usize, end: usize) -> Result<(usize, usize), Unparsable> {
    if end - pos < 8 {
        return Err(Unparsable);
    }
    let (header, size) = match be(&b[pos..pos + 4]) {
        0 => (8, (end - pos) as u64),
        1 if end - pos >= 16 => (16, be(&b[pos + 8..pos + 16])),
        1 => return Err(Unparsable),
        n => (8, n),
    };
    let size = usize::try_from(size).map_err(|_| Unparsable)?;
    if size < header || size > end - pos {
        return Err(Unparsable);
    }
    Ok((pos + header, pos + size))
}

/// The bodies of the file's top-level `mdat` boxes: where samples may lie.
fn media_data(b: &[u8]) -> Result<Vec<(usize, usize)>, Unparsable> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some((body, next)) = child(b, from, b.len(), b"mdat")? {
        found.push((body, next));
        from = next;
    }
    Ok(found)
}

fn mp4_boxes(
    b: &mut [u8],
    start: usize,
    end: usize,
    depth: usize,
    media: &[(usize, usize)],
) -> Result<(), Unparsable> {
    if depth > MAX_DEPTH {
        return Err(Unparsable);
    }
    let mut pos = start;
    while pos < end {
        let (body, next) = box_at(b, pos, end)?;
        let kind: [u8; 4] = b[pos + 4..pos + 8].try_into().map_err(|_| Unparsable)?;
        match &kind {
            b"udta" | b"meta" | b"uuid" | b"prft" => {
                b[pos + 4..pos + 8].copy_from_slice(b"free");
                b[body..next].fill(0);
            }
            // Free space may hold what an editor removed from the file before.
            b"free" | b"skip" => b[body..next].fill(0),
            // A timed-metadata track (a GPS track from an action camera or drone, Apple's
            // location samples, camera motion) goes whole: its samples in `mdat` are zeroed
            // and the track becomes `free`, so no player or tool finds it.
            b"trak" if metadata_track(b, body, next)? => {
                zero_samples(b, body, next, media)?;
                b[pos + 4..pos + 8].copy_from_slice(b"free");
                b[body..next].fill(0);
            }
            b"moov" | b"trak" | b"mdia" | b"minf" | b"stbl" | b"edts" | b"dinf" | b"mvex"
            | b"moof" | b"traf" => mp4_boxes(b, body, next, depth + 1, media)?,
            b"mvhd" | b"tkhd" | b"mdhd" => {
                // A full box: version (1 byte), flags (3), then creation and modification
                // time, 4 bytes each in version 0 and 8 in version 1.
                let times = match b.get(body) {
                    Some(1) => 16,
                    Some(_) => 8,
                    None => return Err(Unparsable),
                };
                if next - body < 4 + times {
                    return Err(Unparsable);
                }
                b[body + 4..body + 4 + times].fill(0);
            }
            _ => {}
        }
        pos = next;
    }
    Ok(())
}

/// The body (start, end) of the first box of `kind` directly inside `b[start..end]`.
fn child(
    b: &[u8],
    start: usize,
    end: usize,
    kind: &[u8; 4],
) -> Result<Option<(usize, usize)>, Unparsable> {
    let mut pos = start;
    while pos < end {
        let (body, next) = box_at(b, pos, end)?;
        if &b[pos + 4..pos + 8] == kind {
            return Ok(Some((body, next)));
        }
        pos = next;
    }
    Ok(None)
}

/// The body of the box at the path `kinds` below `b[start..end]`.
fn descendant(
    b: &[u8],
    start: usize,
    end: usize,
    kinds: &[&[u8; 4]],
) -> Result<Option<(usize, usize)>, Unparsable> {
    let mut at = (start, end);
    for kind in kinds {
        match child(b, at.0, at.1, kind)? {
            Some(found) => at = found,
            None => return Ok(None),
        }
    }
    Ok(Some(at))
}

/// Whether the track whose `trak` body is `b[start..end]` carries timed metadata rather than
/// picture, sound or subtitles: its handler (`mdia/hdlr`, after version, flags and a reserved
/// word) is `meta` (GoPro's GPS, Apple's location samples, DJI) or `camm` (camera motion and
/// GPS in Google's format).
fn metadata_track(b: &[u8], start: usize, end: usize) -> Result<bool, Unparsable> {
    let Some((body, next)) = descendant(b, start, end, &[b"mdia", b"hdlr"])? else {
        return Ok(false);
    };
    if next - body < 12 {
        return Err(Unparsable);
    }
    Ok(matches!(&b[body + 8..body + 12], b"meta" | b"camm"))
}

/// A full box's entries: the body after version and flags, and the 4-byte entry count.
fn entries(
    b: &[u8],
    (body, next): (usize, usize),
    skip: usize,
) -> Result<(usize, usize), Unparsable> {
    let count_at = body + 4 + skip;
    if next < count_at + 4 {
        return Err(Unparsable);
    }
    Ok((count_at + 4, be(&b[count_at..count_at + 4]) as usize))
}

/// Zeroes the bytes of every sample of the track whose `trak` body is `b[start..end]`, found
/// through its sample table: sizes (`stsz`), samples per chunk (`stsc`) and where each chunk
/// starts (`stco`, or `co64` in large files). A table that points outside the media data
/// (`media`: the `mdat` bodies, so zeroing never reaches the tables being read) is refused.
fn zero_samples(
    b: &mut [u8],
    start: usize,
    end: usize,
    media: &[(usize, usize)],
) -> Result<(), Unparsable> {
    let Some((stbl, stbl_end)) = descendant(b, start, end, &[b"mdia", b"minf", b"stbl"])? else {
        return Ok(());
    };
    let (Some(stsz), Some(stsc)) = (
        child(b, stbl, stbl_end, b"stsz")?,
        child(b, stbl, stbl_end, b"stsc")?,
    ) else {
        return Ok(());
    };
    let (offsets, wide) = match (
        child(b, stbl, stbl_end, b"stco")?,
        child(b, stbl, stbl_end, b"co64")?,
    ) {
        (Some(stco), _) => (stco, false),
        (None, Some(co64)) => (co64, true),
        (None, None) => return Ok(()),
    };
    // stsz: version and flags, one size for all (or 0), the count, then the sizes if 0.
    if stsz.1 < stsz.0 + 12 {
        return Err(Unparsable);
    }
    let same_size = be(&b[stsz.0 + 4..stsz.0 + 8]) as usize;
    let (sizes_at, samples) = entries(b, stsz, 4)?;
    let size_of = |b: &[u8], i: usize| {
        if same_size != 0 {
            same_size
        } else {
            be(&b[sizes_at + i * 4..sizes_at + i * 4 + 4]) as usize
        }
    };
    let (runs_at, runs) = entries(b, stsc, 0)?;
    let (chunks_at, chunks) = entries(b, offsets, 0)?;
    let width = if wide { 8 } else { 4 };
    let within = |at: usize, n: usize, each: usize, end: usize| {
        n.checked_mul(each)
            .and_then(|len| at.checked_add(len))
            .is_some_and(|stop| stop <= end)
    };
    if (same_size == 0 && !within(sizes_at, samples, 4, stsz.1))
        || !within(runs_at, runs, 12, stsc.1)
        || !within(chunks_at, chunks, width, offsets.1)
    {
        return Err(Unparsable);
    }
    let first_chunk = |b: &[u8], run: usize| be(&b[runs_at + run * 12..runs_at + run * 12 + 4]);
    // One pass over chunks and runs together. All samples of a real track fit in the media
    // data once, so zeroing more bytes than it has means the table is not a real one (and
    // bounds the work whatever the table says).
    let media_len: usize = media.iter().map(|(s, e)| e - s).sum();
    let (mut run, mut sample, mut zeroed) = (0, 0, 0usize);
    for chunk in 0..chunks {
        if sample >= samples {
            break;
        }
        // Chunks are numbered from 1; the run that holds this one is the last that starts at
        // or before it.
        while run + 1 < runs && first_chunk(b, run + 1) as usize <= chunk + 1 {
            run += 1;
        }
        if runs == 0 || first_chunk(b, run) as usize > chunk + 1 {
            return Err(Unparsable);
        }
        let per_chunk = be(&b[runs_at + run * 12 + 4..runs_at + run * 12 + 8]) as usize;
        let at = chunks_at + chunk * width;
        let mut offset = usize::try_from(be(&b[at..at + width])).map_err(|_| Unparsable)?;
        for _ in 0..per_chunk.min(samples - sample) {
            let size = size_of(b, sample);
            let stop = offset.checked_add(size).ok_or(Unparsable)?;
            zeroed = zeroed.checked_add(size).ok_or(Unparsable)?;
            let in_media = media.iter().any(|(s, e)| *s <= offset && stop <= *e);
            if !in_media || zeroed > media_len {
                return Err(Unparsable);
            }
            b[offset..stop].fill(0);
            offset = stop;
            sample += 1;
        }
    }
    Ok(())
}

const SEGMENT: u32 = 0x1853_8067;
const SEEK_HEAD: u32 = 0x114D_9B74;
const INFO: u32 = 0x1549_A966;
const TRACKS: u32 = 0x1654_AE6B;
const CLUSTER: u32 = 0x1F43_B675;
const CUES: u32 = 0x1C53_BB6B;
const ATTACHMENTS: u32 = 0x1941_A469;
const CHAPTERS: u32 = 0x1043_A770;
const TAGS: u32 = 0x1254_C367;
/// The elements a segment holds: one of them after an unknown-size cluster ends it.
const IN_SEGMENT: [u32; 8] = [
    SEEK_HEAD,
    INFO,
    TRACKS,
    CLUSTER,
    CUES,
    ATTACHMENTS,
    CHAPTERS,
    TAGS,
];
const TRACK_ENTRY: u32 = 0xAE;
const NAME: u32 = 0x536E;
const TITLE: u32 = 0x7BA9;
const MUXING_APP: u32 = 0x4D80;
const WRITING_APP: u32 = 0x5741;
const SEGMENT_FILENAME: u32 = 0x7384;
const DATE_UTC: u32 = 0x4461;
const VOID: u8 = 0xEC;

/// Where in a WebM file the walk is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum In {
    File,
    Segment,
    Info,
    Tracks,
    TrackEntry,
    Cluster,
}

/// An EBML variable-length integer at `b[pos..]`: its length and value (with the length
/// marker kept for IDs, removed for sizes). `None` for a size means "unknown".
fn vint(b: &[u8], pos: usize, keep_marker: bool) -> Result<(usize, Option<u64>), Unparsable> {
    let first = *b.get(pos).ok_or(Unparsable)?;
    if first == 0 {
        return Err(Unparsable);
    }
    let len = first.leading_zeros() as usize + 1;
    if len > 8 || b.len() < pos + len {
        return Err(Unparsable);
    }
    let raw = be(&b[pos..pos + len]);
    if keep_marker {
        return Ok((len, Some(raw)));
    }
    let value = raw & ((1u64 << (7 * len)) - 1);
    let unknown = value == (1u64 << (7 * len)) - 1;
    Ok((len, (!unknown).then_some(value)))
}

/// Turns the element at `b[pos..pos + total]` into a `Void` element of the same length.
fn void(b: &mut [u8], pos: usize, total: usize) {
    let size_len = (total - 1).min(8);
    let data = (total - 1 - size_len) as u64;
    b[pos] = VOID;
    let marker = 1u64 << (7 * size_len);
    let encoded = (marker | data).to_be_bytes();
    b[pos + 1..pos + 1 + size_len].copy_from_slice(&encoded[8 - size_len..]);
    b[pos + 1 + size_len..pos + total].fill(0);
}

/// The elements in `b[start..end]` inside `within`; returns where they end: `end`, or for the
/// children of an unknown-size cluster, the first element that belongs to the segment again.
/// Only the segment and clusters may have an unknown size (live recordings write them so);
/// any other element of unknown size cannot be followed, and the file is refused.
fn webm(b: &mut [u8], start: usize, end: usize, within: In) -> Result<usize, Unparsable> {
    let mut pos = start;
    while pos < end {
        let (id_len, id) = vint(b, pos, true)?;
        if id_len > 4 {
            return Err(Unparsable);
        }
        let id = id.ok_or(Unparsable)? as u32;
        if within == In::Cluster && IN_SEGMENT.contains(&id) {
            return Ok(pos);
        }
        let (size_len, size) = vint(b, pos + id_len, false)?;
        let body = pos + id_len + size_len;
        if body > end {
            return Err(Unparsable);
        }
        let Some(size) = size else {
            pos = match (within, id) {
                (In::File, SEGMENT) => webm(b, body, end, In::Segment)?,
                (In::Segment, CLUSTER) => webm(b, body, end, In::Cluster)?,
                _ => return Err(Unparsable),
            };
            continue;
        };
        let size = usize::try_from(size).map_err(|_| Unparsable)?;
        if size > end - body {
            return Err(Unparsable);
        }
        let next = body + size;
        match (within, id) {
            (In::File, SEGMENT) => {
                webm(b, body, next, In::Segment)?;
            }
            (In::Segment, INFO) => {
                webm(b, body, next, In::Info)?;
            }
            (In::Segment, TRACKS) => {
                webm(b, body, next, In::Tracks)?;
            }
            (In::Tracks, TRACK_ENTRY) => {
                webm(b, body, next, In::TrackEntry)?;
            }
            (In::Segment, TAGS | ATTACHMENTS | CHAPTERS)
            | (In::Info, TITLE | MUXING_APP | WRITING_APP | SEGMENT_FILENAME)
            | (In::TrackEntry, NAME) => void(b, pos, next - pos),
            (In::Info, DATE_UTC) => b[body..next].fill(0),
            _ => {}
        }
        pos = next;
    }
    Ok(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mp4_box(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut out = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(body);
        out
    }

    fn full_box_v0(kind: &[u8; 4], created: u32, rest: usize) -> Vec<u8> {
        let mut body = vec![0, 0, 0, 0];
        body.extend(created.to_be_bytes());
        body.extend(created.to_be_bytes());
        body.extend(vec![7u8; rest]);
        mp4_box(kind, &body)
    }

    /// A phone's MP4 in miniature: place in `moov/udta/©xyz` and in Apple's `moov/meta`, times
    /// in the headers, and media data that must stay as it was.
    fn phone_mp4() -> Vec<u8> {
        let location = mp4_box(b"\xa9xyz", b"\0\x11\x15\xc7+52.3731+004.8922/");
        let keys = mp4_box(b"keys", b"com.apple.quicktime.location.ISO6709 iPhone 15");
        let trak = mp4_box(
            b"trak",
            &[
                full_box_v0(b"tkhd", 0xE0A1_B2C3, 12),
                mp4_box(b"mdia", &full_box_v0(b"mdhd", 0xE0A1_B2C3, 8)),
                mp4_box(b"udta", b"Samsung SM-S918B"),
            ]
            .concat(),
        );
        let moov = mp4_box(
            b"moov",
            &[
                full_box_v0(b"mvhd", 0xE0A1_B2C3, 20),
                mp4_box(b"udta", &location),
                mp4_box(b"meta", &keys),
                trak,
            ]
            .concat(),
        );
        [
            mp4_box(b"ftyp", b"mp42\0\0\0\0mp42isom"),
            moov,
            mp4_box(b"mdat", b"PICTURE AND SOUND"),
        ]
        .concat()
    }

    /// A track with handler `handler` whose samples are `samples`, stored one per chunk at
    /// `offsets`.
    fn track(handler: &[u8; 4], samples: &[&[u8]], offsets: &[u32]) -> Vec<u8> {
        let mut hdlr = vec![0u8; 8];
        hdlr.extend_from_slice(handler);
        hdlr.extend([0u8; 13]);
        let mut stsz = vec![0u8; 8];
        stsz.extend((samples.len() as u32).to_be_bytes());
        for s in samples {
            stsz.extend((s.len() as u32).to_be_bytes());
        }
        // One run: from chunk 1 on, one sample per chunk.
        let stsc = [
            vec![0u8; 4],
            1u32.to_be_bytes().to_vec(),
            1u32.to_be_bytes().to_vec(),
            1u32.to_be_bytes().to_vec(),
            1u32.to_be_bytes().to_vec(),
        ]
        .concat();
        let mut stco = vec![0u8; 4];
        stco.extend((offsets.len() as u32).to_be_bytes());
        for o in offsets {
            stco.extend(o.to_be_bytes());
        }
        let stbl = [
            mp4_box(b"stsd", &[0u8; 8]),
            mp4_box(b"stsz", &stsz),
            mp4_box(b"stsc", &stsc),
            mp4_box(b"stco", &stco),
        ]
        .concat();
        mp4_box(
            b"trak",
            &[
                full_box_v0(b"tkhd", 0, 12),
                mp4_box(
                    b"mdia",
                    &[
                        full_box_v0(b"mdhd", 0, 8),
                        mp4_box(b"hdlr", &hdlr),
                        mp4_box(b"minf", &mp4_box(b"stbl", &stbl)),
                    ]
                    .concat(),
                ),
            ]
            .concat(),
        )
    }

    /// An action camera's MP4: a video track and a GPS track (handler `meta`) whose samples
    /// lie in `mdat` between the frames.
    fn camera_mp4() -> Vec<u8> {
        let frames: [&[u8]; 2] = [b"PICTURE AND SOUND", b"MORE PICTURE"];
        let gps: [&[u8]; 2] = [b"GPS5 +52.3676+004.9041", b"GPS5 +52.3680+004.9050"];
        let build = |offsets: [u32; 4]| {
            let moov = mp4_box(
                b"moov",
                &[
                    full_box_v0(b"mvhd", 0, 20),
                    track(b"vide", &frames, &[offsets[0], offsets[2]]),
                    track(b"meta", &gps, &[offsets[1], offsets[3]]),
                ]
                .concat(),
            );
            let ftyp = mp4_box(b"ftyp", b"mp42\0\0\0\0mp42isom");
            let data = [frames[0], gps[0], frames[1], gps[1]];
            let mut at = (ftyp.len() + moov.len() + 8) as u32;
            let mut found = [0u32; 4];
            for (i, d) in data.iter().enumerate() {
                found[i] = at;
                at += d.len() as u32;
            }
            (
                [ftyp, moov, mp4_box(b"mdat", &data.concat())].concat(),
                found,
            )
        };
        // The offsets do not change the length: measure once, then build with the real ones.
        let (_, offsets) = build([0; 4]);
        let (file, again) = build(offsets);
        assert_eq!(offsets, again);
        file
    }

    #[test]
    fn an_mp4_gps_track_goes_with_its_samples_and_the_picture_stays() {
        let original = camera_mp4();
        let v = cleaned("video/mp4", &original, &[b"GPS5", b"+52.36"]);
        assert!(contains(&v, b"MORE PICTURE"));
        assert!(contains(&v, b"vide"), "the video track stays");
        assert!(!contains(&v, b"\0meta"), "the track's handler is gone too");
    }

    /// The GPS track's `stsz` and `stco` bodies in `v` (the last of each).
    fn gps_tables(v: &[u8]) -> (usize, usize) {
        let body = |kind: &[u8]| v.windows(4).rposition(|w| w == kind).unwrap() + 4;
        (body(b"stsz"), body(b"stco"))
    }

    #[test]
    fn a_sample_table_that_zeroes_more_than_the_media_data_is_refused() {
        // Both GPS samples sized as all media data, both at its start: each lies in `mdat`,
        // together they are more than the file, which no real track is (and would make the
        // work grow with the table rather than the file).
        let mut v = camera_mp4();
        let (stsz, stco) = gps_tables(&v);
        let mdat = v.windows(4).rposition(|w| w == b"mdat").unwrap() + 4;
        let all = (v.len() - mdat) as u32;
        v[stsz + 4..stsz + 8].copy_from_slice(&all.to_be_bytes());
        v[stco + 8..stco + 12].copy_from_slice(&(mdat as u32).to_be_bytes());
        v[stco + 12..stco + 16].copy_from_slice(&(mdat as u32).to_be_bytes());
        assert!(clean("video/mp4", &mut v).is_err());
    }

    #[test]
    fn a_sample_table_pointing_into_the_tables_themselves_is_refused() {
        let mut v = camera_mp4();
        let (_, stco) = gps_tables(&v);
        v[stco + 8..stco + 12].copy_from_slice(&(stco as u32).to_be_bytes());
        assert!(clean("video/mp4", &mut v).is_err());
    }

    #[test]
    fn a_sample_table_pointing_outside_the_file_is_refused() {
        let mut v = camera_mp4();
        // The last chunk offset of the GPS track (the last `stco` entry before `mdat`).
        let mdat = v.windows(4).rposition(|w| w == b"mdat").unwrap() - 4;
        v[mdat - 4..mdat].copy_from_slice(&0xFFFF_FF00u32.to_be_bytes());
        assert!(clean("video/mp4", &mut v).is_err());
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    /// Cleans `original` as `mime` and checks what every cleaned video must be: the same length,
    /// each of `secrets` (all in the original) gone, the media data still there, and a second
    /// cleaning changing nothing. Returns the cleaned file.
    fn cleaned(mime: &str, original: &[u8], secrets: &[&[u8]]) -> Vec<u8> {
        let mut v = original.to_vec();
        clean(mime, &mut v).unwrap();
        assert_eq!(v.len(), original.len());
        for secret in secrets {
            assert!(contains(original, secret));
            assert!(
                !contains(&v, secret),
                "{:?}",
                String::from_utf8_lossy(secret)
            );
        }
        assert!(contains(&v, b"PICTURE AND SOUND"));
        let mut again = v.clone();
        clean(mime, &mut again).unwrap();
        assert_eq!(again, v, "cleaning a clean file changes nothing");
        v
    }

    #[test]
    fn mp4_loses_place_device_and_times_and_keeps_its_length_and_media() {
        let v = cleaned(
            "video/mp4",
            &phone_mp4(),
            &[
                b"udta",
                b"meta",
                b"+52.3731",
                b"location.ISO6709",
                b"Samsung",
                b"\xe0\xa1\xb2\xc3",
            ],
        );
        // The bytes stay (inside `free` boxes players skip); the structure says so.
        assert!(contains(&v, b"free"));
        assert!(v.ends_with(&mp4_box(b"mdat", b"PICTURE AND SOUND")));
    }

    #[test]
    fn an_mp4_that_cannot_be_followed_is_refused() {
        let whole = phone_mp4();
        for broken in [
            whole[..whole.len() - 3].to_vec(),
            [whole.clone(), vec![0, 0, 0, 40, b'f', b'r']].concat(),
            // The size of `moov` (after the 24-byte `ftyp`) beyond the end of the file.
            [&whole[..24], &[0xFF, 0xFF, 0xFF, 0xFF][..], &whole[28..]].concat(),
        ] {
            let mut v = broken.clone();
            assert!(
                clean("video/mp4", &mut v).is_err(),
                "{} bytes",
                broken.len()
            );
        }
    }

    fn ebml(id: &[u8], body: &[u8]) -> Vec<u8> {
        let mut out = id.to_vec();
        out.push(0x01); // an 8-byte size, as muxers write them
        out.extend_from_slice(&(body.len() as u64).to_be_bytes()[1..]);
        out.extend_from_slice(body);
        out
    }

    fn phone_webm(segment_size_unknown: bool) -> Vec<u8> {
        let info = ebml(
            &[0x15, 0x49, 0xA9, 0x66],
            &[
                ebml(&[0x2A, 0xD7, 0xB1], &[0x0F, 0x42, 0x40]),
                ebml(&[0x44, 0x61], &0x0A0B_0C0D_0E0F_1011u64.to_be_bytes()),
                ebml(&[0x7B, 0xA9], b"Vakantie Texel"),
                ebml(&[0x73, 0x84], b"VID_20261205_Amsterdam.webm"),
                ebml(&[0x4D, 0x80], b"Lavf60 Pixel 8 Pro"),
                ebml(&[0x57, 0x41], b"Google Camera"),
            ]
            .concat(),
        );
        let tracks = ebml(
            &[0x16, 0x54, 0xAE, 0x6B],
            &ebml(
                &[0xAE],
                &[ebml(&[0xD7], &[1]), ebml(&[0x53, 0x6E], b"Fatima camera")].concat(),
            ),
        );
        let head = [info, tracks].concat();
        let block = ebml(&[0xA3], b"PICTURE AND SOUND");
        let tags = ebml(&[0x12, 0x54, 0xC3, 0x67], b"LOCATION +52.3731+004.8922");
        let (segment_id, cluster_id) = ([0x18, 0x53, 0x80, 0x67], [0x1F, 0x43, 0xB6, 0x75]);
        let segment = if segment_size_unknown {
            // A live recording: segment and cluster of unknown size, the tags after the cluster.
            let unknown = [0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
            [
                &segment_id[..],
                &unknown,
                &head,
                &cluster_id,
                &unknown,
                &block,
                &tags,
            ]
            .concat()
        } else {
            ebml(
                &segment_id,
                &[head, ebml(&cluster_id, &block), tags].concat(),
            )
        };
        [
            ebml(&[0x1A, 0x45, 0xDF, 0xA3], &ebml(&[0x42, 0x82], b"webm")),
            segment,
        ]
        .concat()
    }

    #[test]
    fn webm_loses_tags_title_apps_and_date_and_keeps_its_length_and_media() {
        for unknown in [false, true] {
            cleaned(
                "video/webm",
                &phone_webm(unknown),
                &[
                    b"+52.3731",
                    b"Vakantie Texel",
                    b"Amsterdam",
                    b"Pixel 8",
                    b"Google Camera",
                    b"Fatima camera",
                    &0x0A0B_0C0D_0E0F_1011u64.to_be_bytes(),
                ],
            );
        }
    }

    #[test]
    fn a_webm_that_cannot_be_followed_is_refused() {
        let whole = phone_webm(false);
        let mut cut = whole[..whole.len() - 5].to_vec();
        assert!(clean("video/webm", &mut cut).is_err());
        let mut zero = [whole.clone(), vec![0x00]].concat();
        assert!(clean("video/webm", &mut zero).is_err());
        // An element of unknown size other than segment and cluster cannot be followed.
        let mut odd = [whole.clone(), vec![0x12, 0x54, 0xC3, 0x67, 0xFF, 0x80]].concat();
        assert!(clean("video/webm", &mut odd).is_err());
    }
}
