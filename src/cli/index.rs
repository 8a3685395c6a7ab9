//! `aes-reader index`: builds or refreshes the corpus cache of a folder and says what it did in
//! one line; `index --info [--json]` says where the cache is and what it holds.

use std::io::{IsTerminal, Write};
use std::time::Instant;

use anyhow::bail;

use super::{CorpusArgs, Written, print_notes};
use crate::corpus::cache::{self, CACHE_DIR_ENV, Info};
use crate::corpus::load::Corpus;
use crate::corpus::store::Origin;

/// Runs `index` (with `--info`, only reports).
pub(super) fn run(
    corpus: CorpusArgs,
    info: bool,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if !corpus.cache {
        bail!("`index` and --no-index contradict each other; drop --no-index");
    }
    let Some(root) = cache::root(true) else {
        bail!(
            "no folder for the corpus cache: set ${CACHE_DIR_ENV} or $XDG_CACHE_HOME to an absolute path, or HOME"
        );
    };
    let origin = Origin::resolve(corpus.dir.clone());
    let Origin::Dir { path, .. } = &origin else {
        bail!(
            "the bundled corpus is not cached (it is read from the program itself); give a folder with --dir or $AES_READER_DIR"
        );
    };
    if info {
        let found = cache::info(&root, path).map_err(|e| {
            anyhow::anyhow!(
                "cannot read the corpus folder {}: {e}",
                crate::corpus::sanitize::one_line(&path.display().to_string())
            )
        })?;
        return print_info(&found, json, out).written().map_err(Into::into);
    }
    let started = Instant::now();
    let source = corpus.scan()?;
    // Up to date already, or a few files changed: the saved catalog and index say it all.
    if let Some(saved) = super::frozen(&source, true) {
        let (new, changed, removed) = saved
            .refreshed
            .as_ref()
            .map_or((0, 0, 0), |s| (s.new, s.changed, s.removed));
        let dir = cache::Location::new(&root, path)
            .map(|l| l.shown())
            .unwrap_or_default();
        writeln!(
            out,
            "indexed {} articles ({new} new, {changed} changed, {removed} removed) in {:.1} s: {dir}",
            saved.catalog.len(),
            started.elapsed().as_secs_f64()
        )
        .written()?;
        return Ok(());
    }
    let total = source.len();
    let loaded = if std::io::stderr().is_terminal() {
        let mut shown = Instant::now();
        let loaded = Corpus::load_with_index_progress(source, &mut |n| {
            if shown.elapsed().as_millis() >= 100 {
                shown = Instant::now();
                eprint!("\rindexing: {n} of {total} articles");
            }
        });
        eprint!("\r\x1b[2K");
        loaded
    } else {
        Corpus::load_with_index(source)
    };
    let (loaded, index) = loaded;
    let report = loaded.cache();
    loaded.save_catalog_and_index(&index);
    print_notes(report);
    let articles = loaded.store().articles().len();
    let dir = report
        .location
        .as_ref()
        .map(cache::Location::shown)
        .unwrap_or_default();
    let took = started.elapsed().as_secs_f64();
    let Some(s) = &report.summary else {
        // The note said why nothing was written.
        writeln!(
            out,
            "read {articles} articles in {took:.1} s; the cache could not be written"
        )
        .written()?;
        return Ok(());
    };
    let busy = if s.busy {
        "; another aes-reader was writing the cache, so this one left it alone"
    } else {
        ""
    };
    writeln!(
        out,
        "indexed {articles} articles ({} new, {} changed, {} removed) in {took:.1} s: {dir}{busy}",
        s.new, s.changed, s.removed
    )
    .written()?;
    Ok(())
}

fn print_info(info: &Info, json: bool, out: &mut impl Write) -> std::io::Result<()> {
    if json {
        serde_json::to_writer(&mut *out, info)?;
        return writeln!(out);
    }
    if !info.exists {
        writeln!(
            out,
            "no cache yet for {}; `aes-reader index` (or any command) makes it at {}",
            info.corpus, info.dir
        )?;
        return Ok(());
    }
    writeln!(out, "cache:        {}", info.dir)?;
    writeln!(out, "corpus:       {}", info.corpus)?;
    if let Some(problem) = &info.problem {
        writeln!(
            out,
            "problem:      {problem} (the next command rebuilds it)"
        )?;
    }
    writeln!(out, "size on disk: {}", size(info.bytes_on_disk))?;
    writeln!(out, "articles:     {}", info.articles)?;
    writeln!(out, "segments:     {}", info.segments)?;
    writeln!(out, "dead bytes:   {}", size(info.dead_bytes))?;
    let engine = info.engine.as_deref().unwrap_or("?");
    let current = if info.engine.as_deref() == Some(info.this_engine.as_str()) {
        "this build"
    } else {
        "another build: the next command rebuilds it"
    };
    writeln!(
        out,
        "key:          format {}, engine {engine} ({current})",
        info.format.map_or("?".into(), |f| f.to_string())
    )?;
    if let Some(ms) = info.written_ms {
        writeln!(out, "refreshed:    {}", ago(ms))?;
    }
    writeln!(
        out,
        "It can be deleted at any time (rm -r {}); the next command makes it again.",
        info.dir
    )
}

/// A byte count for people.
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GiB", b as f64 / f64::from(1u32 << 30)),
        b if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / f64::from(1u32 << 20)),
        b if b >= 1 << 10 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{b} bytes"),
    }
}

/// How long ago a time (ms since the epoch) was.
fn ago(ms: u64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
    let secs = now.saturating_sub(ms) / 1000;
    match secs {
        s if s < 120 => format!("{s} s ago"),
        s if s < 7200 => format!("{} min ago", s / 60),
        s if s < 172_800 => format!("{} h ago", s / 3600),
        s => format!("{} days ago", s / 86_400),
    }
}
