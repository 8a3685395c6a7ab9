//! The saved list catalog and search index of a cached corpus (`catalog.bin`, `index.bin` in its
//! cache folder), each tagged with the hash of the manifest that describes the files it was made
//! from, and with which rows are which articles ([`Catalog::numbering`]: an index is read only
//! with the catalog it was saved with). When every article file is as that manifest says (a stat
//! per file, on every core, [`Cache::changes`]), `list` and `search` answer from them without
//! reading any article; when a few files changed, only those are read and the two are brought up
//! to date (`refresh`) and saved again. Any load that went through the whole corpus saves them
//! ([`save_frozen`]); a missing or stale one only means the command loads the corpus as before,
//! and a damaged one is a note and the same.

mod refresh;

use std::fs;
use std::io;
use std::path::Path;

use bytes::Bytes;

use super::Cache;
use super::write::{AtomicFile, Summary};
use crate::corpus::catalog::Catalog;
use crate::corpus::search::{Index, Skim};
use crate::corpus::store::Source;

/// The saved catalog's file name in a cache folder.
pub const CATALOG: &str = "catalog.bin";
/// The saved index's file name in a cache folder.
pub const INDEX: &str = "index.bin";
/// Starts a tagged file; the manifest hash follows, then the numbering, then the saved catalog
/// or index.
const MAGIC: [u8; 8] = *b"AESR-TG2";
const HEAD: usize = 24;

/// What a saved file is tagged with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag {
    /// The hash of the manifest describing the files it was made from.
    pub manifest: u64,
    /// Which rows (index articles) are which files: [`Catalog::numbering`].
    pub numbering: u64,
}

impl Tag {
    fn head(self) -> [u8; HEAD] {
        let mut head = [0; HEAD];
        head[..8].copy_from_slice(&MAGIC);
        head[8..16].copy_from_slice(&self.manifest.to_le_bytes());
        head[16..].copy_from_slice(&self.numbering.to_le_bytes());
        head
    }

    fn of_head(head: &[u8]) -> Option<Tag> {
        let word = |at: usize| Some(u64::from_le_bytes(head.get(at..at + 8)?.try_into().ok()?));
        Some(Tag {
            manifest: word(8)?,
            numbering: word(16)?,
        })
    }
}

/// What a cached corpus has saved for the headless commands.
pub struct Frozen {
    /// The list's rows (row `i` is the index's article `i`) and the list order.
    pub catalog: Catalog,
    /// The search index (when asked for, or when files changed).
    pub index: Option<Index>,
    /// What bringing them up to date wrote to the cache (`None`: nothing changed).
    pub refreshed: Option<Summary>,
}

impl Frozen {
    /// The catalog (and the index, `with_index`) saved for `source`'s corpus, up to date: as
    /// saved when no file changed since, else with the files that changed read again (when they
    /// are few; the cache and the saved files are then written again). `Ok(None)`: no cache, too
    /// many changes, or nothing saved for it yet. `Err(note)`: a saved file is damaged (one line
    /// for the user); either way the caller loads the corpus, which saves them again.
    pub fn open(source: &Source, with_index: bool) -> Result<Option<Frozen>, String> {
        let Some(cache) = Cache::open(source) else {
            return Ok(None);
        };
        let Some(hash) = cache.manifest_hash().filter(|_| cache.notes().is_empty()) else {
            return Ok(None);
        };
        // The stat of every file and the reading of the saved files are independent: the second
        // runs beside the first (its work is thrown away when too much changed).
        let (changes, saved) = std::thread::scope(|s| {
            let saved = s.spawn(|| read_saved(&cache, hash, with_index));
            let changes = cache.changes(source);
            let saved = saved
                .join()
                .unwrap_or_else(|_| Err((INDEX, "the thread reading it stopped".into())));
            (changes, saved)
        });
        let Some(changes) = changes else {
            return Ok(None);
        };
        let dir = cache.location().dir.clone();
        let shown = cache.location().shown();
        // A damaged file is removed, so that the load the caller falls back on saves it again.
        let damaged = |(name, why): (&str, String)| {
            let _ = fs::remove_file(dir.join(name));
            let why = why.trim_end_matches("; delete it to have it rebuilt");
            format!("the saved {name} in the corpus cache at {shown} was damaged ({why}); rebuilt")
        };
        let Some((mut frozen, tag)) = saved.map_err(damaged)? else {
            return Ok(None);
        };
        if changes.is_empty() {
            if frozen.catalog.len() != source.len() {
                return Err(damaged((CATALOG, "it does not list every article".into())));
            }
            return Ok(Some(frozen));
        }
        if !refresh::worth_it(&changes, &frozen.catalog, source) {
            return Ok(None);
        }
        // The index is brought up to date too when there is one (else `search` could not use it
        // again); `list` alone, with none saved, brings the catalog up to date.
        let index = match frozen.index.take() {
            Some(index) => Some(index),
            None => read_index(&dir, tag, &frozen.catalog).map_err(damaged)?,
        };
        if with_index && index.is_none() {
            return Ok(None);
        }
        Ok(refresh::refresh(
            cache,
            source,
            &changes,
            frozen.catalog,
            index,
        ))
    }
}

/// The saved catalog (and index, `with_index`) of `cache` for the manifest `hash`, with the tag
/// they were saved with: `None` when one is missing or made for another manifest; the error
/// names the damaged file and says what is wrong with it.
fn read_saved(
    cache: &Cache,
    hash: u64,
    with_index: bool,
) -> Result<Option<(Frozen, Tag)>, (&'static str, String)> {
    let dir = &cache.location().dir;
    let Some((bytes, tag)) =
        read_tagged(dir, CATALOG, |t| t.manifest == hash).map_err(|e| (CATALOG, e))?
    else {
        return Ok(None);
    };
    let catalog = Catalog::read_from(&bytes[HEAD..]).map_err(|e| (CATALOG, e.to_string()))?;
    drop(bytes);
    if catalog.numbering() != tag.numbering {
        return Err((CATALOG, "its rows are not those it was saved with".into()));
    }
    let index = if with_index {
        match read_index(dir, tag, &catalog)? {
            Some(index) => Some(index),
            None => return Ok(None),
        }
    } else {
        None
    };
    Ok(Some((
        Frozen {
            catalog,
            index,
            refreshed: None,
        },
        tag,
    )))
}

/// The saved index made with `catalog` (tagged `tag`): `None` when it is missing or was made for
/// another state of the corpus or other rows.
fn read_index(
    dir: &Path,
    tag: Tag,
    catalog: &Catalog,
) -> Result<Option<Index>, (&'static str, String)> {
    let Some((bytes, _)) = read_tagged(dir, INDEX, |t| t == tag).map_err(|e| (INDEX, e))? else {
        return Ok(None);
    };
    let index = Index::read_shared(&bytes.slice(HEAD..), Box::new(Skim::default()))
        .map_err(|e| (INDEX, e.to_string()))?;
    if index.len() != catalog.slots() || index.listed() != catalog.len() {
        return Err((INDEX, "it does not hold the articles of the catalog".into()));
    }
    Ok(Some(index))
}

/// The bytes of `dir/name` and its tag, when its tag is `wanted` (`None`: missing, or made for
/// another state of the corpus); the error says what is wrong with it.
fn read_tagged(
    dir: &Path,
    name: &str,
    wanted: impl Fn(Tag) -> bool,
) -> Result<Option<(Bytes, Tag)>, String> {
    use std::io::Read;
    let file = match fs::File::open(dir.join(name)) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    // The head first: a file made for another state of the corpus is not read any further.
    let mut head = Vec::with_capacity(HEAD);
    (&file)
        .take(HEAD as u64)
        .read_to_end(&mut head)
        .map_err(|e| e.to_string())?;
    if head.len() < HEAD {
        return Err(format!("{} bytes, too short", head.len()));
    }
    if head[..MAGIC.len()] != MAGIC {
        return Err("it does not start with the right marker".into());
    }
    let Some(tag) = Tag::of_head(&head).filter(|t| wanted(*t)) else {
        return Ok(None);
    };
    let bytes = whole(file).map_err(|e| e.to_string())?;
    if bytes.get(..HEAD) != Some(&head[..]) {
        return Err("it changed while it was read".into());
    }
    Ok(Some((bytes, tag)))
}

/// All of `file`. On unix it is mapped, not copied: the saved index's postings, most of it, are
/// then read in place by every query ([`Index::read_shared`]), and a warm `search` reads no byte
/// it does not use but for the checksum. Elsewhere (where a mapped file cannot be replaced) it is
/// read.
fn whole(file: fs::File) -> io::Result<Bytes> {
    #[cfg(unix)]
    {
        // SAFETY: a mapping is undefined behaviour if the file changes under it. The saved files
        // never do: this program writes each under a name of its own and renames it over the last
        // one (`write::AtomicFile`), so the file mapped here is never written again, only
        // unlinked, which keeps its pages. Only another program writing into the cache folder
        // could change it, as it could any file a program maps.
        let map = unsafe { memmap2::MmapOptions::new().populate().map(&file) }?;
        Ok(Bytes::from_owner(map))
    }
    #[cfg(not(unix))]
    {
        use std::io::Read;
        let mut bytes = Vec::new();
        (&file).read_to_end(&mut bytes)?;
        Ok(Bytes::from(bytes))
    }
}

/// True when `dir/name` is saved with `tag` (its head alone is read).
fn saved_for(dir: &Path, name: &str, tag: Tag) -> bool {
    use std::io::Read;
    let mut found = [0; HEAD];
    fs::File::open(dir.join(name)).is_ok_and(|mut f| f.read_exact(&mut found).is_ok())
        && found == tag.head()
}

/// Saves the catalog `catalog` makes and `index` (those given) in the cache folder `dir`, tagged
/// with `tag`: the hash of the manifest that describes the files they were made from, and which
/// rows are which files (for a load's catalog and index, both in list order,
/// [`crate::corpus::catalog::numbering`] of its files in that order); a file already saved with
/// that tag is left alone. Each is written under a name of this process's own, synced, then
/// renamed over the last one.
pub fn save_frozen(
    dir: &Path,
    tag: Tag,
    catalog: Option<&dyn Fn() -> Catalog>,
    index: Option<&Index>,
) {
    if let Some(make) = catalog {
        save(dir, CATALOG, tag, &|out| make().write_to(out));
    }
    if let Some(i) = index {
        save(dir, INDEX, tag, &|out| i.write_to(out));
    }
}

/// Saves `dir/name`, tagged `tag`, with what `write` writes, unless it is saved with that tag
/// already. It is written under a name of this process's own, synced, then renamed over the last
/// one (`write::AtomicFile`), so a reader sees the old file or the new one; one damaged anyway
/// fails its checksum and is made again. A write error is logged, never shown: nothing depends on
/// these files, and the next load tries again.
fn save(dir: &Path, name: &str, tag: Tag, write: &dyn Fn(&mut AtomicFile<'_>) -> io::Result<()>) {
    if saved_for(dir, name, tag) {
        return;
    }
    let result = (|| {
        let mut file = AtomicFile::new(dir, name).of_this_process();
        file.append(&tag.head())?;
        write(&mut file)?;
        file.finish()
    })();
    if let Err(e) = result {
        tracing::warn!(file = name, "the saved {name} could not be written: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, tag: Tag, text: &'static str) {
        save(dir, INDEX, tag, &|out| {
            out.append(text.as_bytes()).map(drop)
        });
    }

    #[test]
    fn a_saved_file_read_stays_as_read_when_a_newer_one_replaces_it() {
        let dir = tempfile::tempdir().unwrap();
        let tag = Tag {
            manifest: 1,
            numbering: 2,
        };
        write(dir.path(), tag, "Le sommet de Niamey s’est ouvert.");
        let (read, found) = read_tagged(dir.path(), INDEX, |t| t == tag)
            .unwrap()
            .unwrap();
        assert_eq!(found, tag);
        let newer = Tag {
            manifest: 3,
            numbering: 2,
        };
        write(dir.path(), newer, "À Bamako, « la transition continue ».");
        assert_eq!(
            &read[HEAD..],
            "Le sommet de Niamey s’est ouvert.".as_bytes()
        );
        assert!(
            read_tagged(dir.path(), INDEX, |t| t == tag)
                .unwrap()
                .is_none()
        );
        let (again, _) = read_tagged(dir.path(), INDEX, |t| t == newer)
            .unwrap()
            .unwrap();
        assert_eq!(
            &again[HEAD..],
            "À Bamako, « la transition continue ».".as_bytes()
        );
    }

    #[test]
    fn a_missing_short_or_foreign_file_is_none_or_said_wrong() {
        let dir = tempfile::tempdir().unwrap();
        let any = |_: Tag| true;
        assert_eq!(read_tagged(dir.path(), INDEX, any), Ok(None));
        fs::write(dir.path().join(INDEX), b"AESR").unwrap();
        assert!(read_tagged(dir.path(), INDEX, any).is_err());
        fs::write(dir.path().join(INDEX), [b'x'; 64]).unwrap();
        assert!(read_tagged(dir.path(), INDEX, any).is_err());
    }
}
