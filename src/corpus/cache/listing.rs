//! The corpus folder's listing, kept (`listing.bin` in its cache folder) so that the next command
//! need not read every folder again: with each folder's stamp ([`Stamp`], taken before the
//! folder was read), and trusted only while every folder has the same stamp and none had changed
//! in the two seconds before the listing was kept (a change within the same clock tick could leave
//! a stamp unchanged). Adding, removing or renaming an entry changes its folder's stamp; a change
//! to a file's content does not, and is for the per-file stat of the corpus cache to see. Only a
//! plain listing is kept: no symbolic link, no skipped entry, every name as it is on disk. Each
//! article file's id is kept with it, so a warm command takes them as they are.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::paths::Location;
use super::write::AtomicFile;
use crate::corpus::search::persist::{self, Kind, Strings};
use crate::corpus::store::{Origin, Source, Stamp, StoreError, Symlinks};

/// The kept listing's file name in a cache folder.
pub const LISTING: &str = "listing.bin";

const KIND: Kind = Kind {
    name: "folder listing",
    magic: *b"AESR-LST",
    format: 2,
};

/// A folder whose stamp is this close to the time the listing was kept is not trusted.
const RACY_NS: i64 = 2_000_000_000;

/// The kept listing.
#[derive(Serialize, Deserialize)]
struct Kept<'a> {
    /// The corpus folder, canonical.
    #[serde(borrow)]
    root: &'a str,
    follow_symlinks: bool,
    /// When the folders were stamped (ns since the epoch, before the first one).
    taken_ns: i64,
    /// Each folder (shown name, `""` for the corpus folder) and its stamp.
    folders: Vec<(&'a str, Stamp)>,
    /// Every file listed, shown names (`/`-separated): the article files in order, then the
    /// data files.
    #[serde(borrow)]
    files: Strings<'a>,
    /// The article files' ids, in the same order.
    #[serde(borrow)]
    ids: Strings<'a>,
}

/// Lists the corpus `origin` names, from the listing kept in its cache under `root` when every
/// folder is as it was then (else by reading its folders, keeping the listing for next time),
/// through that cache. `(source, true)` when the kept listing was used.
pub fn scan(
    origin: Origin,
    symlinks: Symlinks,
    root: Option<PathBuf>,
) -> Result<(Source, bool), StoreError> {
    let location = match (&root, &origin) {
        (Some(root), Origin::Dir { path, .. }) => Location::new(root, path)
            .ok()
            .filter(|l| !l.taken_by_another()),
        _ => None,
    };
    let Some(location) = location else {
        return Ok((Source::scan_with(origin, symlinks)?.with_cache(root), false));
    };
    let started = super::now_ns();
    if let Some(source) = kept(&location, &origin, symlinks, RACY_NS) {
        return Ok((source.with_cache(root), true));
    }
    let source = Source::scan_with(origin, symlinks)?;
    keep(&location, &source, symlinks, started);
    Ok((source.with_cache(root), false))
}

/// The source of the listing kept at `location`, when it can be trusted (no folder changed since,
/// none within `racy_ns` before it was kept).
fn kept(location: &Location, origin: &Origin, symlinks: Symlinks, racy_ns: i64) -> Option<Source> {
    let bytes = fs::read(location.dir.join(LISTING)).ok()?;
    let kept: Kept<'_> = match persist::read(KIND, &bytes) {
        Ok(k) => k,
        Err(e) => {
            tracing::info!("the kept listing is not used: {e}");
            return None;
        }
    };
    if kept.follow_symlinks != (symlinks == Symlinks::Follow)
        || Path::new(kept.root) != location.corpus
    {
        return None;
    }
    let root = Path::new(kept.root);
    let unchanged = kept.folders.iter().all(|(shown, stamp)| {
        let dir = if shown.is_empty() {
            root.to_owned()
        } else {
            root.join(shown)
        };
        stamp.mtime_ns < kept.taken_ns - racy_ns
            && stamp.ctime_ns < kept.taken_ns - racy_ns
            && fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir() && Stamp::of(&m) == *stamp)
    });
    if !unchanged || kept.folders.is_empty() {
        return None;
    }
    let mut names = kept.files.split()?.into_iter().map(str::to_owned);
    let articles: Vec<(String, &str)> = kept
        .ids
        .split()?
        .into_iter()
        .map(|id| Some((names.next()?, id)))
        .collect::<Option<_>>()?;
    Source::from_kept(origin.clone(), root, articles, names.collect(), symlinks)
}

/// Keeps `source`'s listing at `location` (its folders stamped from `taken_ns` on) when it is
/// plain enough to be trusted again. A write error is logged: the next command lists the folders.
fn keep(location: &Location, source: &Source, symlinks: Symlinks, taken_ns: i64) {
    let Some((root, folders)) = source.stamps() else {
        return;
    };
    let Some(root) = root.to_str() else { return };
    if !source.diagnostics().is_empty() {
        return;
    }
    let (articles, data) = source.kept_listing();
    let kept = Kept {
        root,
        follow_symlinks: symlinks == Symlinks::Follow,
        taken_ns,
        folders: folders.iter().map(|(s, d)| (s.as_str(), *d)).collect(),
        files: Strings::join(articles.clone().map(|(name, _)| name).chain(data)),
        ids: Strings::join(articles.map(|(_, id)| id)),
    };
    let result = location.create().and_then(|()| {
        let mut file = AtomicFile::new(&location.dir, LISTING).of_this_process();
        persist::write(KIND, &kept, &mut file)?;
        file.finish()
    });
    if let Err(e) = result {
        tracing::warn!("the folder listing could not be kept: {e}");
    }
}

#[cfg(test)]
mod tests;
