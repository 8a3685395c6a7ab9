//! The saved list catalog and search index of a cached corpus (`catalog.bin`, `index.bin` in its
//! cache folder), each tagged with the hash of the manifest that describes the files it was made
//! from. When every article file is as that manifest says ([`Cache::fresh`]: a stat per file, on
//! every core), `list` and `search` answer from them without reading any article. Any load that
//! went through the whole corpus saves them ([`save_frozen`]); a missing or stale one only means
//! the command loads the corpus as before, and a damaged one is a note and the same.

use std::fs;
use std::io;
use std::path::Path;

use super::Cache;
use super::write::AtomicFile;
use crate::corpus::catalog::Catalog;
use crate::corpus::search::{Index, Skim};
use crate::corpus::store::Source;

/// The saved catalog's file name in a cache folder.
pub const CATALOG: &str = "catalog.bin";
/// The saved index's file name in a cache folder.
pub const INDEX: &str = "index.bin";
/// Starts a tagged file; the manifest hash follows, then the saved catalog or index.
const MAGIC: [u8; 8] = *b"AESR-TAG";
const HEAD: usize = 16;

/// What a cached corpus has saved for the headless commands.
pub struct Frozen {
    /// The list's rows, in list order.
    pub catalog: Catalog,
    /// The search index (when asked for).
    pub index: Option<Index>,
}

impl Frozen {
    /// The catalog (and the index, `with_index`) saved for `source`'s corpus, when the corpus
    /// has not changed since they were made. `Ok(None)`: no cache, a changed corpus, or nothing
    /// saved for it yet. `Err(note)`: a saved file is damaged (one line for the user); either
    /// way the caller loads the corpus, which saves them again.
    pub fn open(source: &Source, with_index: bool) -> Result<Option<Frozen>, String> {
        let Some(cache) = Cache::open(source) else {
            return Ok(None);
        };
        let Some(hash) = cache.manifest_hash.filter(|_| cache.notes().is_empty()) else {
            return Ok(None);
        };
        // The stat of every file and the reading of the saved files are independent: the second
        // runs beside the first (its work is thrown away when a file changed).
        let (fresh, saved) = std::thread::scope(|s| {
            let saved = s.spawn(|| read_saved(&cache, hash, with_index));
            let fresh = cache.fresh(source) == Some(hash);
            let saved = saved
                .join()
                .unwrap_or_else(|_| Err((INDEX, "the thread reading it stopped".into())));
            (fresh, saved)
        });
        if !fresh {
            return Ok(None);
        }
        // A damaged file is removed, so that the load the caller falls back on saves it again.
        let damaged = |(name, why): (&str, String)| {
            let _ = fs::remove_file(cache.location().dir.join(name));
            let why = why.trim_end_matches("; delete it to have it rebuilt");
            format!(
                "the saved {name} in the corpus cache at {} was damaged ({why}); rebuilt",
                cache.location().shown()
            )
        };
        let Some(frozen) = saved.map_err(damaged)? else {
            return Ok(None);
        };
        if frozen.catalog.len() != source.len() {
            return Err(damaged((CATALOG, "it does not list every article".into())));
        }
        Ok(Some(frozen))
    }
}

/// The saved catalog (and index, `with_index`) of `cache` for the manifest `hash`: `None` when
/// one is missing or made for another manifest; the error names the damaged file and says what
/// is wrong with it.
fn read_saved(
    cache: &Cache,
    hash: u64,
    with_index: bool,
) -> Result<Option<Frozen>, (&'static str, String)> {
    let dir = &cache.location().dir;
    let Some(bytes) = read_tagged(dir, CATALOG, hash).map_err(|e| (CATALOG, e))? else {
        return Ok(None);
    };
    let catalog = Catalog::read_from(&bytes[HEAD..]).map_err(|e| (CATALOG, e.to_string()))?;
    drop(bytes);
    let index = if with_index {
        let Some(bytes) = read_tagged(dir, INDEX, hash).map_err(|e| (INDEX, e))? else {
            return Ok(None);
        };
        let index = Index::read_from(&bytes[HEAD..], Box::new(Skim::default()))
            .map_err(|e| (INDEX, e.to_string()))?;
        if index.len() != catalog.len() {
            return Err((
                INDEX,
                "it does not hold every article of the catalog".into(),
            ));
        }
        Some(index)
    } else {
        None
    };
    Ok(Some(Frozen { catalog, index }))
}

/// What a saved file for the manifest `hash` starts with.
fn head(hash: u64) -> [u8; HEAD] {
    let mut head = [0; HEAD];
    head[..MAGIC.len()].copy_from_slice(&MAGIC);
    head[MAGIC.len()..].copy_from_slice(&hash.to_le_bytes());
    head
}

/// The bytes of `dir/name` when it is tagged with `hash` (`None`: missing, or made for another
/// state of the corpus); the error says what is wrong with it.
fn read_tagged(dir: &Path, name: &str, hash: u64) -> Result<Option<Vec<u8>>, String> {
    let bytes = match fs::read(dir.join(name)) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    if bytes.len() < HEAD {
        return Err(format!("{} bytes, too short", bytes.len()));
    }
    if bytes[..MAGIC.len()] != MAGIC {
        return Err("it does not start with the right marker".into());
    }
    Ok((bytes[..HEAD] == head(hash)).then_some(bytes))
}

/// True when `dir/name` is saved for the manifest `hash` (its head alone is read).
fn saved_for(dir: &Path, name: &str, hash: u64) -> bool {
    use std::io::Read;
    let mut found = [0; HEAD];
    fs::File::open(dir.join(name)).is_ok_and(|mut f| f.read_exact(&mut found).is_ok())
        && found == head(hash)
}

/// Saves the catalog `catalog` makes and `index` (those given) in the cache folder `dir`, tagged
/// with the hash of the manifest that describes the files they were made from, unless they are
/// saved for it already. Each file is written under a name of this process's own, synced, then
/// renamed over the last one (`write::AtomicFile`), so a reader sees the old file or the new one; one
/// damaged anyway fails its checksum and is made again. A write error is logged, never shown: nothing depends on these
/// files, and the next load tries again.
pub fn save_frozen(
    dir: &Path,
    hash: u64,
    catalog: Option<&dyn Fn() -> Catalog>,
    index: Option<&Index>,
) {
    let save = |name: &str, write: &dyn Fn(&mut AtomicFile<'_>) -> io::Result<()>| {
        if saved_for(dir, name, hash) {
            return;
        }
        let result = (|| {
            let mut file = AtomicFile::new(dir, name).of_this_process();
            file.append(&head(hash))?;
            write(&mut file)?;
            file.finish()
        })();
        if let Err(e) = result {
            tracing::warn!(file = name, "the saved {name} could not be written: {e}");
        }
    };
    if let Some(make) = catalog {
        save(CATALOG, &|out| make().write_to(out));
    }
    if let Some(i) = index {
        save(INDEX, &|out| i.write_to(out));
    }
}
