//! What `aes-reader index --info` tells about a corpus's cache: where it is, its size on disk,
//! its articles, segments and dead bytes, its key and when it was last written.

use std::fs;
use std::path::Path;

use serde::Serialize;

use super::Location;
use super::manifest::Manifest;
use super::write::{MANIFEST, segment_name};

/// A corpus cache as found on disk.
#[derive(Debug, Clone, Serialize)]
pub struct Info {
    /// The cache's folder.
    pub dir: String,
    /// The corpus folder it serves.
    pub corpus: String,
    /// A manifest is there (false: no cache yet).
    pub exists: bool,
    /// What is wrong with the manifest, when it cannot be read.
    pub problem: Option<String>,
    /// Bytes of every file in the cache's folder.
    pub bytes_on_disk: u64,
    /// Article files it holds a record for.
    pub articles: usize,
    /// Segment files the manifest names.
    pub segments: usize,
    /// Bytes of those segments no record uses.
    pub dead_bytes: u64,
    /// The format of its files.
    pub format: Option<u32>,
    /// The engine that made its records (16 hex digits).
    pub engine: Option<String>,
    /// This build's engine id: records made by another are not used.
    pub this_engine: String,
    /// When it was last written (ms since the epoch).
    pub written_ms: Option<u64>,
}

/// The cache of the corpus folder `corpus` under `root`.
pub fn info(root: &Path, corpus: &Path) -> std::io::Result<Info> {
    let location = Location::new(root, corpus)?;
    let dir = &location.dir;
    let bytes_on_disk = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(fs::Metadata::is_file)
        .map(|m| m.len())
        .sum();
    let mut info = Info {
        dir: location.shown(),
        corpus: crate::corpus::sanitize::one_line(&location.corpus.display().to_string())
            .into_owned(),
        exists: false,
        problem: None,
        bytes_on_disk,
        articles: 0,
        segments: 0,
        dead_bytes: 0,
        format: None,
        engine: None,
        this_engine: format!("{:016x}", super::engine_id()),
        written_ms: None,
    };
    let bytes = match fs::read(dir.join(MANIFEST)) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(info),
        Err(e) => {
            info.exists = true;
            info.problem = Some(e.to_string());
            return Ok(info);
        }
    };
    info.exists = true;
    match Manifest::decode(&bytes) {
        Ok(m) => {
            let segments = m.segments();
            let live: u64 = m.entries.iter().map(|e| e.place.len()).sum();
            let total: u64 = segments
                .iter()
                .map(|n| fs::metadata(dir.join(segment_name(*n))).map_or(0, |m| m.len()))
                .sum();
            info.articles = m.entries.len();
            info.segments = segments.len();
            info.dead_bytes = total.saturating_sub(live);
            info.format = Some(m.key.format);
            info.engine = Some(format!("{:016x}", m.key.engine));
            info.written_ms = Some(m.written_ms);
        }
        Err(super::Unusable::OtherFormat) => {
            info.problem = Some("written by another version of aes-reader".into());
        }
        Err(super::Unusable::Damaged(why)) => info.problem = Some(why),
    }
    Ok(info)
}
