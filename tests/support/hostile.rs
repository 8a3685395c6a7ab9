//! The hostile corpus (`tests/hostile/`, one `manifest.toml` entry per file: escape sequences,
//! Unicode tricks, broken encodings, odd sizes, shapes and names) for the `hostile_*` tests: its
//! manifest, and the temporary folders holding its files (large and unrepresentable ones generated
//! at test time, next to copies of the committed ones). `run` runs the binary on a folder, `safety`
//! says what must never reach a terminal, `expect` checks each file's fate against its entry.

pub mod expect;
pub mod run;
pub mod safety;

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde::Deserialize;

// ------------------------------------------------------------------------------------ manifest

#[derive(Debug, Deserialize)]
pub struct Manifest {
    pub file: Vec<Entry>,
}

/// One file of the hostile corpus and what must happen to it (see the header of manifest.toml).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub name: String,
    pub shown: Option<String>,
    pub category: String,
    pub contains: String,
    pub outcome: String,
    pub check: String,
    #[serde(default)]
    pub reason: String,
    pub title: Option<String>,
    #[serde(default)]
    pub keep: Vec<String>,
    #[serde(default)]
    pub markers: Vec<String>,
    #[serde(default)]
    pub absent: Vec<String>,
    #[serde(default)]
    pub counts: BTreeMap<String, usize>,
    pub generated: Option<String>,
    pub target: Option<String>,
    pub name_bytes: Option<Vec<u8>>,
    pub id: Option<String>,
    #[serde(default = "main_folder")]
    pub folders: Vec<String>,
    pub if_root: Option<String>,
    #[serde(default)]
    pub isolated: bool,
    pub author: Option<String>,
    pub source: Option<String>,
    pub tags: Option<Vec<String>>,
    #[serde(default)]
    pub speakers: Vec<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

pub fn main_folder() -> Vec<String> {
    vec!["main".to_owned()]
}

impl Entry {
    pub fn shown(&self) -> &str {
        self.shown.as_deref().unwrap_or(&self.name)
    }

    pub fn disk_name(&self) -> OsString {
        match &self.name_bytes {
            Some(bytes) => OsStr::from_bytes(bytes).to_owned(),
            None => OsString::from(&self.name),
        }
    }

    pub fn in_folder(&self, folders: &[&str]) -> bool {
        !self.isolated && self.folders.iter().any(|f| folders.contains(&f.as_str()))
    }
}

pub fn hostile_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

pub fn manifest() -> &'static Manifest {
    static M: OnceLock<Manifest> = OnceLock::new();
    M.get_or_init(|| {
        let text = fs::read_to_string(hostile_dir().join("manifest.toml")).unwrap();
        toml::from_str(&text).unwrap_or_else(|e| panic!("tests/hostile/manifest.toml: {e}"))
    })
}

// ------------------------------------------------------------------------------------ the folders

/// Makes a temporary folder holding the entries of `folders`: committed files copied, the others
/// generated. Returns it with a note for each entry whose expectation depends on the machine.
pub fn build_folder(folders: &[&str]) -> (tempfile::TempDir, Vec<String>) {
    let entries: Vec<&Entry> = manifest()
        .file
        .iter()
        .filter(|e| e.in_folder(folders))
        .collect();
    build_entries(&entries)
}

/// Makes a temporary folder holding these entries.
pub fn build_entries(entries: &[&Entry]) -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::Builder::new()
        .prefix("aes-hostile-")
        .tempdir()
        .unwrap();
    let mut notes = Vec::new();
    for e in entries {
        let path = dir.path().join(e.disk_name());
        match e.generated.as_deref() {
            None => {
                fs::copy(hostile_dir().join(&e.name), &path).unwrap();
            }
            Some(kind) => generate(kind, e, &path, &mut notes),
        }
    }
    (dir, notes)
}

/// Creates one generated file (see the `generated` values in manifest.toml).
pub fn generate(kind: &str, e: &Entry, path: &Path, notes: &mut Vec<String>) {
    match kind {
        "article" => fs::write(path, small_article(e)).unwrap(),
        "unreadable" => {
            fs::write(path, small_article(e)).unwrap();
            fs::set_permissions(path, fs::Permissions::from_mode(0o000)).unwrap();
            if fs::read(path).is_ok() {
                notes.push(format!(
                    "{}: running as root, chmod 000 does not stop reads; expecting `{}` instead \
                     of `{}`",
                    e.name,
                    e.if_root.as_deref().unwrap_or(&e.outcome),
                    e.outcome
                ));
            }
        }
        "copy" => {
            let from = e.target.as_deref().expect("a copy entry names its source");
            fs::copy(hostile_dir().join(from), path).unwrap();
        }
        "symlink" => {
            let target = e.target.as_deref().expect("a symlink entry has a target");
            std::os::unix::fs::symlink(target, path).unwrap();
        }
        "symlink_outside" => {
            let target = e.target.as_deref().expect("a symlink entry has a target");
            std::os::unix::fs::symlink(hostile_dir().join(target), path).unwrap();
        }
        "socket" => {
            // The socket file stays when the listener is dropped.
            std::os::unix::net::UnixListener::bind(path).unwrap();
        }
        "five_mb_line" => {
            let sentence = "Les ministres de l’AES se sont réunis à Bamako pour parler de « sécurité » \
                            et de coopération avec la Russie, a déclaré Abdoulaye Diop. ";
            let n = 5 * 1024 * 1024 / sentence.len() + 1;
            let mut line = sentence.repeat(n);
            line.truncate(line.trim_end().len());
            fs::write(path, line).unwrap();
        }
        "over_cap" => {
            fs::write(path, "Un article bien trop long\n2025-01-01\n\n").unwrap();
            let f = fs::OpenOptions::new().write(true).open(path).unwrap();
            f.set_len(16 * 1024 * 1024 + 1).unwrap();
        }
        "million_lines" => {
            let mut text = String::from(
                "Un million de lignes pour un seul article\n2025-01-05\n\n\
                 Ce fichier contient un million de lignes d’un caractère, qu’aucun lecteur ne \
                 devrait avoir à attendre.\n\n",
            );
            let letters = ['a', 'b', 'c', 'd', 'é', 'f', 'g', 'h', 'i', 'j'];
            text.reserve(2_100_000);
            for i in 0..1_000_000 {
                text.push(letters[i % letters.len()]);
                text.push('\n');
            }
            fs::write(path, text).unwrap();
        }
        "caption_after_lines" => {
            let mut text = String::from(
                "Une légende sous deux cent mille lignes\n2025-01-06\n\n\
                 Un paragraphe qui dit ce que contient le fichier.\n\n",
            );
            for i in 0..200_000 {
                text.push(['a', 'b', 'c', 'd', 'é'][i % 5]);
                text.push('\n');
            }
            text.push_str("Le marché de Bamako au petit matin © AFP\n");
            fs::write(path, text).unwrap();
        }
        "nul_after_64k" => {
            let mut text =
                String::from("Un long article avec un octet nul très loin\n2025-02-02\n\n");
            let para = "Les délégations du Mali, du Burkina Faso et du Niger poursuivent « leurs \
                        travaux » à Niamey. ";
            while text.len() + para.len() < 70_000 {
                text.push_str(para);
            }
            while text.len() < 70_000 {
                text.push('.');
            }
            let mut bytes = text.into_bytes();
            bytes.push(0);
            bytes.extend_from_slice("Et la suite du texte.\n".as_bytes());
            fs::write(path, bytes).unwrap();
        }
        "osc_unterminated_large" => {
            let mut text = String::from(
                "Bamako : la coupure d’électricité se prolonge\n2025-04-22\n\n\
                 Les habitants de Bamako subissent des délestages de plus de douze heures par jour \
                 depuis le début du mois.\n\n\
                 « Nous n’en pouvons plus », confie une commerçante du quartier de Badalabougou.\n\n\
                 Dernier paragraphe avant la séquence \u{1b}]52;c;",
            );
            text.push_str(&"QUFB".repeat(262_144));
            fs::write(path, text).unwrap();
        }
        "giant_csi" => {
            let text = format!(
                "Le Niger rouvre sa frontière avec le Bénin\n2025-03-14\n\n\
                 La frontière entre le Niger et le Bénin\u{1b}[{}m est de nouveau ouverte aux \
                 camions de marchandises.\n\n« Les échanges reprennent », se réjouit un transporteur.\n",
                "1;".repeat(400_000)
            );
            fs::write(path, text).unwrap();
        }
        "fifo" => {
            let ok = Command::new("mkfifo").arg(path).status().unwrap();
            assert!(ok.success(), "mkfifo failed");
        }
        other => panic!("{}: unknown generator `{other}`", e.name),
    }
}

/// A short article made of the entry's title and the text it must keep.
pub fn small_article(e: &Entry) -> String {
    let title = e.title.as_deref().expect("a generated article has a title");
    format!("{title}\n2025-06-01\n\n{}\n", e.keep.join("\n\n"))
}

/// True when `if_root` applies: the test can read a file it made unreadable.
pub fn reads_despite_chmod() -> bool {
    static ROOT: OnceLock<bool> = OnceLock::new();
    *ROOT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("probe");
        fs::write(&p, "x").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
        fs::read(&p).is_ok()
    })
}
