//! The one place untrusted text is made safe: bytes are decoded, line ends normalised, and escape
//! sequences, control, bidi and invisible characters removed, so nothing an article contains can drive
//! the terminal. Everything that leaves the program (screen, stdout, window title) has passed through here.
//!
//! What a reader would want to know about is replaced by a short visible marker in caret notation:
//! an escape sequence (7- or 8-bit, payload and all) or a lone C1 control becomes `^[`, a C0 control
//! `^@` … `^_`, DEL `^?`. A run of the same marker collapses into one, so 5,000 BELs read as one `^G`,
//! not a wall of carets. Bidi controls, every other format character (Unicode category Cf) and the
//! other default-ignorable characters, and combining marks (any script) past [`MAX_COMBINING`] on one
//! base are removed silently (and counted): they sit inside words, where a marker would break every
//! word they touch, and they carry no text of their own. Markers are plain ASCII, so sanitizing the
//! output again changes nothing.

use std::borrow::Cow;
use std::str::Chars;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use crate::corpus::text::GENERAL_PUNCTUATION;

/// Consecutive combining marks (Unicode category M, any script) kept on one base character: French
/// needs at most two, and no real text stacks more than four on one letter.
pub const MAX_COMBINING: usize = 4;

/// What sanitizing removed or repaired, so a diagnostic can tell the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Undecodable input replaced with U+FFFD: invalid UTF-8 sequences, unpaired UTF-16 surrogates,
    /// bytes that Windows-1252 leaves undefined.
    pub invalid_utf8: usize,
    /// Whole escape sequences (CSI, OSC, DCS, APC, …, 7- or 8-bit) removed; each shows as `^[`.
    pub escape_sequences: usize,
    /// Lone C0/C1 control characters and DEL removed; each shows as its caret marker (`^G`, `^?`).
    pub controls: usize,
    /// Bidirectional overrides, embeddings, isolates and marks removed.
    pub bidi: usize,
    /// Format characters (zero-width, soft hyphen, tags …) and other default-ignorable characters
    /// (variation selectors, Hangul fillers) removed.
    pub invisible: usize,
    /// Combining marks beyond the per-character cap removed.
    pub combining: usize,
    /// The text was not UTF-8 and was decoded from another encoding (named here).
    pub decoded_from: Option<&'static str>,
}

impl Report {
    /// A one-line human summary, e.g. `removed 2 escape sequences, 1 bidi control`.
    pub fn summary(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(enc) = self.decoded_from {
            parts.push(format!("not UTF-8, decoded as {enc}"));
        }
        let invalid = if self.decoded_from.is_some() {
            "undecodable sequence"
        } else {
            "invalid UTF-8 sequence"
        };
        let counts = [
            (
                self.invalid_utf8,
                invalid,
                "replaced",
                " (shown as \u{FFFD})",
            ),
            (
                self.escape_sequences,
                "escape sequence",
                "removed",
                " (shown as ^[)",
            ),
            (
                self.controls,
                "control character",
                "removed",
                " (shown as ^X)",
            ),
            (self.bidi, "bidi control", "removed", ""),
            (self.invisible, "invisible character", "removed", ""),
            (self.combining, "excess combining mark", "removed", ""),
        ];
        for (n, what, verb, shown) in counts {
            if n > 0 {
                let s = if n == 1 { "" } else { "s" };
                parts.push(format!("{verb} {n} {what}{s}{shown}"));
            }
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// Why raw bytes cannot be an article at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Undecodable {
    /// NUL bytes: a binary file, not text.
    #[error("binary file (NUL byte at offset {0}); only text articles are read")]
    Binary(usize),
    /// Mostly undecodable bytes.
    #[error("not text: {0} of {1} bytes are not valid UTF-8, UTF-16 or Latin-1 text")]
    Garbage(usize, usize),
}

/// Decodes untrusted bytes to text: UTF-8 (BOM dropped), UTF-16 with a BOM, or Latin-1/Windows-1252
/// when the bytes are clearly not UTF-8 (invalid sequences outnumber valid multi-byte ones by far,
/// and the bytes read as text in Latin-1). Invalid UTF-8 in mostly-UTF-8 text is replaced and counted.
pub fn decode(bytes: &[u8]) -> Result<(String, Report), Undecodable> {
    let mut report = Report::default();
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        report.decoded_from = Some("UTF-16LE");
        return Ok((decode_utf16(rest, u16::from_le_bytes, &mut report), report));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        report.decoded_from = Some("UTF-16BE");
        return Ok((decode_utf16(rest, u16::from_be_bytes, &mut report), report));
    }
    if let Some(pos) = memchr_nul(bytes) {
        return Err(Undecodable::Binary(pos));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_owned(), report)),
        Err(_) => {
            let (valid_multibyte, invalid) = utf8_census(bytes);
            // A Latin-1 file can hold an accidental valid pair (`Ã©`), a UTF-8 file a few broken
            // bytes: go by which dominates.
            if valid_multibyte * 8 < invalid && looks_like_latin1(bytes) {
                report.decoded_from = Some("Latin-1 (Windows-1252)");
                let text = bytes
                    .iter()
                    .map(|&b| {
                        windows_1252(b).unwrap_or_else(|| {
                            report.invalid_utf8 += 1;
                            '\u{FFFD}'
                        })
                    })
                    .collect();
                return Ok((text, report));
            }
            if invalid * 4 > bytes.len() {
                return Err(Undecodable::Garbage(invalid, bytes.len()));
            }
            report.invalid_utf8 = invalid;
            Ok((String::from_utf8_lossy(bytes).into_owned(), report))
        }
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    // `contains` on bytes is a vectorised memchr; the position is only sought in a binary file.
    if !bytes.contains(&0) {
        return None;
    }
    bytes.iter().position(|&b| b == 0)
}

fn decode_utf16(bytes: &[u8], word: fn([u8; 2]) -> u16, report: &mut Report) -> String {
    let units = bytes.chunks(2).map(|c| match c {
        [a, b] => word([*a, *b]),
        // An odd trailing byte cannot be a code unit: make it a replacement.
        _ => 0xFFFD,
    });
    char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                report.invalid_utf8 += 1;
                '\u{FFFD}'
            })
        })
        .collect()
}

/// Counts (valid multi-byte sequences, invalid sequences) in bytes that failed UTF-8 validation.
fn utf8_census(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid_multibyte, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                valid_multibyte += s.chars().filter(|c| c.len_utf8() > 1).count();
                return (valid_multibyte, invalid);
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                // SAFETY-free: `good` was just validated by from_utf8.
                valid_multibyte += std::str::from_utf8(good)
                    .map(|s| s.chars().filter(|c| c.len_utf8() > 1).count())
                    .unwrap_or(0);
                invalid += 1;
                let skip = e.error_len().unwrap_or(rest.len()).max(1);
                bytes = &rest[skip.min(rest.len())..];
                if bytes.is_empty() {
                    return (valid_multibyte, invalid);
                }
            }
        }
    }
}

/// Latin-1 text is mostly ASCII letters with a few high bytes (é = 0xE9, à = 0xE0, ’ = 0x92 in
/// Windows-1252); a binary blob is high bytes through and through.
fn looks_like_latin1(bytes: &[u8]) -> bool {
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    let letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
    high > 0 && high * 4 <= bytes.len() && letters * 2 >= bytes.len()
}

/// One Windows-1252 byte as a char; `None` for the five bytes it leaves undefined (0x81, 0x8D, 0x8F,
/// 0x90, 0x9D). Mapping those to C1 controls, as ISO 8859-1 would, would make a stray 0x90 or 0x9D
/// open a DCS or OSC that swallows the rest of the line.
fn windows_1252(b: u8) -> Option<char> {
    const HIGH: [Option<char>; 32] = [
        Some('€'),
        None,
        Some('‚'),
        Some('ƒ'),
        Some('„'),
        Some('…'),
        Some('†'),
        Some('‡'),
        Some('ˆ'),
        Some('‰'),
        Some('Š'),
        Some('‹'),
        Some('Œ'),
        None,
        Some('Ž'),
        None,
        None,
        Some('‘'),
        Some('’'),
        Some('“'),
        Some('”'),
        Some('•'),
        Some('–'),
        Some('—'),
        Some('˜'),
        Some('™'),
        Some('š'),
        Some('›'),
        Some('œ'),
        None,
        Some('ž'),
        Some('Ÿ'),
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => Some(char::from(b)),
    }
}

/// Makes decoded text safe and tidy: CRLF/CR and U+2028/U+2029 become `\n`; escape sequences and
/// C0/C1 controls (but tab and newline) and DEL are removed and replaced by a visible caret marker
/// (`^[`, `^G`, `^?`; a run of one marker collapses into one); bidi controls, invisible characters
/// and combining marks beyond the cap are removed silently; the result is NFC. U+00A0 and U+202F are
/// kept: they are French typography. Idempotent: sanitizing clean (or sanitized) text changes nothing.
pub fn sanitize(text: &str, report: &mut Report) -> String {
    let mut out = sanitize_pass(text, report);
    // Removing a character can bring two others together that NFC then composes (or a mark run
    // that the cap then trims), so repeat while a pass changes anything; clean text takes one pass.
    let mut changed = out != text;
    for _ in 0..4 {
        if !changed {
            break;
        }
        let again = sanitize_pass(&out, &mut Report::default());
        changed = again != out;
        out = again;
    }
    out
}

/// The marker that stands for a removed escape sequence, 7- or 8-bit, or a lone C1 control (the
/// 8-bit form of `ESC` + a letter).
pub const ESCAPE_MARKER: &str = "^[";

/// Caret notation of a C0 control (`^@` for NUL … `^_`) or DEL (`^?`); `ESC` is [`ESCAPE_MARKER`].
fn control_marker(c: char) -> Option<&'static str> {
    const C0: [&str; 32] = [
        "^@", "^A", "^B", "^C", "^D", "^E", "^F", "^G", "^H", "^I", "^J", "^K", "^L", "^M", "^N",
        "^O", "^P", "^Q", "^R", "^S", "^T", "^U", "^V", "^W", "^X", "^Y", "^Z", "^[", "^\\", "^]",
        "^^", "^_",
    ];
    match c {
        '\u{0}'..='\u{1F}' => C0.get(c as usize).copied(),
        '\u{7F}' => Some("^?"),
        '\u{80}'..='\u{9F}' => Some(ESCAPE_MARKER),
        _ => None,
    }
}

/// Output of one pass, with the marker of the removal run in progress (if any), so a run of the
/// same marker is written once.
struct Out {
    text: String,
    run: Option<&'static str>,
    combining_run: usize,
    /// Set once a char outside [`nfc_starter`] is written: only then can the text need NFC.
    nfc_unsure: bool,
}

impl Out {
    fn keep(&mut self, c: char) {
        self.nfc_unsure |= !nfc_starter(c);
        self.text.push(c);
        self.run = None;
        self.combining_run = 0;
    }

    /// [`Out::keep`] of every char of `plain`, printable ASCII, tabs and newlines only.
    fn keep_plain(&mut self, plain: &str) {
        self.text.push_str(plain);
        self.run = None;
        self.combining_run = 0;
    }

    fn mark(&mut self, marker: &'static str) {
        if self.run != Some(marker) {
            self.text.push_str(marker);
            self.run = Some(marker);
            // The marker is a base character like any other: marks after it attach to it.
            self.combining_run = 0;
        }
    }
}

/// Printable ASCII, tab and newline: kept as they are, whatever surrounds them.
fn is_plain(b: u8) -> bool {
    matches!(b, b' '..=b'~' | b'\n' | b'\t')
}

/// Chars that are NFC whatever their neighbours (a starter, canonical combining class 0, that no
/// composition involves as a second char): ASCII, Latin-1, Latin Extended, spacing modifiers,
/// general punctuation (but U+2000 and U+2001, which NFC replaces) and currency signs. Text made of
/// these alone passes the NFC quick check, so the check is skipped.
fn nfc_starter(c: char) -> bool {
    c < '\u{300}' || ('\u{2002}'..='\u{20CF}').contains(&c)
}

/// The next char of `chars`, not consumed.
fn peek(chars: &Chars<'_>) -> Option<char> {
    chars.as_str().chars().next()
}

/// Consumes the next char of `chars` when it satisfies `f`.
fn next_if(chars: &mut Chars<'_>, f: impl Fn(char) -> bool) -> bool {
    let next = peek(chars).is_some_and(f);
    if next {
        chars.next();
    }
    next
}

fn sanitize_pass(text: &str, report: &mut Report) -> String {
    let mut out = Out {
        text: String::with_capacity(text.len()),
        run: None,
        combining_run: 0,
        nfc_unsure: false,
    };
    let mut chars = text.chars();
    loop {
        // Most text is plain ASCII: copied a run at a time.
        let rest = chars.as_str();
        let plain = rest
            .bytes()
            .position(|b| !is_plain(b))
            .unwrap_or(rest.len());
        if plain > 0 {
            out.keep_plain(&rest[..plain]);
            chars = rest[plain..].chars();
        }
        let Some(c) = chars.next() else {
            break;
        };
        if is_combining(c) {
            out.combining_run += 1;
            if out.combining_run > MAX_COMBINING {
                report.combining += 1;
            } else {
                out.nfc_unsure = true;
                out.text.push(c);
            }
            continue;
        }
        // Silent removals (bidi, invisible, excess marks) neither end a run of marks nor a run of
        // markers: they are invisible to both.
        match c {
            '\n' | '\t' => out.keep(c),
            '\r' => {
                if peek(&chars) != Some('\n') {
                    out.keep('\n');
                }
            }
            '\u{2028}' | '\u{2029}' => out.keep('\n'),
            '\u{1B}' => {
                skip_escape(&mut chars);
                report.escape_sequences += 1;
                out.mark(ESCAPE_MARKER);
            }
            // 8-bit C1 introducers of sequences that carry a payload: CSI, OSC, DCS, SOS, PM, APC.
            '\u{9B}' => {
                skip_csi_body(&mut chars);
                report.escape_sequences += 1;
                out.mark(ESCAPE_MARKER);
            }
            '\u{9D}' | '\u{90}' | '\u{98}' | '\u{9E}' | '\u{9F}' => {
                skip_string_body(&mut chars);
                report.escape_sequences += 1;
                out.mark(ESCAPE_MARKER);
            }
            c if c.is_control() => {
                report.controls += 1;
                out.mark(control_marker(c).unwrap_or(ESCAPE_MARKER));
            }
            c if is_bidi_control(c) => report.bidi += 1,
            c if is_invisible(c) => report.invisible += 1,
            c => out.keep(c),
        }
    }
    // Most text is NFC already: the quick check spares rebuilding it, and text of NFC starters
    // alone spares the quick check.
    if !out.nfc_unsure || is_nfc_quick(out.text.chars()) == IsNormalized::Yes {
        return out.text;
    }
    out.text.nfc().collect()
}

/// True when `s` is only markers of removed characters (`^[^G`), or empty: what is left of text that
/// held nothing but controls.
pub fn is_markers(s: &str) -> bool {
    let mut bytes = s.as_bytes();
    while let [b'^', c, rest @ ..] = bytes {
        if !(b'@'..=b'_').contains(c) && *c != b'?' {
            return false;
        }
        bytes = rest;
    }
    bytes.is_empty()
}

/// Sanitizes a short string meant for one line of output (a file name, a path, an id): like
/// [`sanitize`], and line breaks and tabs are shown as `^J` and `^I` too, so a name that holds a
/// newline reads as one line and still shows it. Labels (titles, authors) collapse white space
/// before they get here.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if text
        .chars()
        .all(|c| !c.is_control() && !is_bidi_control(c) && !is_invisible(c) && !is_combining(c))
        && !text.contains(['\u{2028}', '\u{2029}'])
    {
        return Cow::Borrowed(text);
    }
    let mut report = Report::default();
    let clean = sanitize(text, &mut report);
    if !clean.contains(['\n', '\t']) {
        return Cow::Owned(clean);
    }
    let mut shown = String::with_capacity(clean.len() + 8);
    for c in clean.chars() {
        match c {
            '\n' => shown.push_str("^J"),
            '\t' => shown.push_str("^I"),
            c => shown.push(c),
        }
    }
    Cow::Owned(shown)
}

/// Skips what follows an ESC: a CSI, a string sequence (OSC, DCS, SOS, PM, APC), or a short
/// two-or-three character sequence (RIS, charset designation, keypad modes …).
fn skip_escape(chars: &mut Chars<'_>) {
    match peek(chars) {
        Some('[') => {
            chars.next();
            skip_csi_body(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string_body(chars);
        }
        Some(c) if ('\u{20}'..='\u{2F}').contains(&c) => {
            // Intermediate bytes, then one final byte.
            while next_if(chars, |c| ('\u{20}'..='\u{2F}').contains(&c)) {}
            next_if(chars, |c| ('\u{30}'..='\u{7E}').contains(&c));
        }
        Some(c) if ('\u{30}'..='\u{7E}').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// Parameters and intermediates, then a final byte in 0x40..=0x7E. Stops early at anything that
/// cannot be part of a CSI, so a broken sequence never eats real text.
fn skip_csi_body(chars: &mut Chars<'_>) {
    while let Some(c) = peek(chars) {
        match c {
            '\u{20}'..='\u{3F}' => {
                chars.next();
            }
            '\u{40}'..='\u{7E}' => {
                chars.next();
                return;
            }
            _ => return,
        }
    }
}

/// A string sequence ends at BEL, ST (ESC \ or U+009C), or, when left unterminated, at the end of
/// the line, so one broken OSC cannot swallow the rest of an article. An ESC that is not part of ST
/// cancels the string and starts a sequence of its own (as in a terminal), so it is left for the
/// caller: an OSC 8 link hiding `ESC ] 0 ; …` or `ESC [ 31 m` in its address loses both whole.
fn skip_string_body(chars: &mut Chars<'_>) {
    while let Some(c) = peek(chars) {
        match c {
            '\u{07}' | '\u{9C}' => {
                chars.next();
                return;
            }
            '\u{1B}' => {
                if chars.as_str().starts_with("\u{1B}\\") {
                    chars.next();
                    chars.next();
                }
                return;
            }
            '\n' | '\r' => return,
            _ => {
                chars.next();
            }
        }
    }
}

/// Bidirectional embeddings, overrides, isolates and marks: they can reorder what the terminal shows.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Invisible characters, removed silently: every format character (Unicode category Cf, as the
/// `unicode-properties` tables give it) but the bidi controls, which are counted apart, and the other
/// default-ignorable characters (see [`is_ignorable_non_format`]).
///
/// No format character is kept: French text needs none, and each one left would either change what
/// the terminal shows or split a word so that search no longer finds it. In particular the soft
/// hyphen U+00AD (a hyphenation hint inside a scraped word; terminals disagree on drawing it, so it
/// would shift the layout), the zero-width space, non-joiner and joiner U+200B–U+200D, the word
/// joiner U+2060 and U+FEFF (a BOM inside the text) go. So does the joiner inside emoji sequences:
/// terminals disagree on drawing such a sequence as one glyph or several, and without the joiner each
/// emoji is measured as it is drawn. Tag characters go too (they can hide text from a reader).
/// No-break spaces (U+00A0, U+202F) are spaces (Zs), not format characters: they stay.
fn is_invisible(c: char) -> bool {
    // The one format character below U+0300 is the soft hyphen (Latin-1 and Latin Extended hold
    // letters, punctuation and symbols only): plain Latin text skips the table.
    if c < '\u{300}' {
        return c == '\u{AD}';
    }
    // General punctuation (’ “ ” – … and the no-break spaces of French typography) is most of the
    // rest of French text: its few format characters are listed (the test below checks the list).
    if GENERAL_PUNCTUATION.contains(&c) {
        return matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2065}' | '\u{206A}'..='\u{206F}');
    }
    is_ignorable_non_format(c)
        || (c.general_category() == GeneralCategory::Format && !is_bidi_control(c))
}

/// Default-ignorable characters that are not format characters: they render as nothing. From
/// `Default_Ignorable_Code_Point` in Unicode's DerivedCoreProperties.txt (Unicode 16), less the Cf
/// characters (see [`is_invisible`]) and white space: the combining grapheme joiner, Hangul fillers,
/// Khmer inherent vowels, Mongolian and other variation selectors (emoji presentation included), and
/// the code points reserved as default-ignorable (U+2065, U+FFF0–U+FFF8, U+E0000–U+E0FFF), so a
/// future character there stays invisible here too.
fn is_ignorable_non_format(c: char) -> bool {
    matches!(c,
        '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}'
        | '\u{2065}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// Combining marks (Unicode category M: Mn, Mc, Me, in every script), but the invisible ones that
/// [`is_invisible`] removes whole (variation selectors, the combining grapheme joiner).
fn is_combining(c: char) -> bool {
    // No mark below U+0300, nor in general punctuation.
    c >= '\u{300}'
        && !GENERAL_PUNCTUATION.contains(&c)
        && is_combining_mark(c)
        && !is_ignorable_non_format(c)
}

/// True when `c` may be printed to a terminal as it is (used by tests and output guards).
pub fn is_safe_char(c: char) -> bool {
    c == '\n' || c == '\t' || !(c.is_control() || is_bidi_control(c) || is_invisible(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> (String, Report) {
        let mut r = Report::default();
        (sanitize(s, &mut r), r)
    }

    #[test]
    fn french_typography_is_kept_as_is() {
        let s = "« Nous soutenons\u{202F}» l’État\u{A0}: déjà été.";
        assert_eq!(clean(s).0, s);
    }

    #[test]
    fn csi_and_sgr_sequences_are_removed_whole_and_marked() {
        let (out, r) = clean("a\u{1B}[2J\u{1B}[1;31mrouge\u{1B}[0m b");
        // Two sequences in a row read as one removal.
        assert_eq!(out, "a^[rouge^[ b");
        assert_eq!(r.escape_sequences, 3);
    }

    #[test]
    fn osc_hyperlink_and_title_are_removed_whole_and_marked() {
        let (out, _) =
            clean("\u{1B}]0;pwned\u{7}x \u{1B}]8;;http://e.vil\u{1B}\\lien\u{1B}]8;;\u{1B}\\ y");
        assert_eq!(out, "^[x ^[lien^[ y");
    }

    #[test]
    fn an_esc_inside_an_osc_starts_a_sequence_of_its_own() {
        let (out, r) = clean("a \u{1B}]8;;http://e.vil/\u{1B}]0;pwned\u{7}\u{1B}\\lien b");
        assert_eq!(out, "a ^[lien b");
        assert_eq!(r.escape_sequences, 3);
        let (out, _) = clean("a \u{1B}]8;;http://e.vil/\u{1B}[31m\u{7}rouge");
        assert_eq!(out, "a ^[^Grouge");
    }

    #[test]
    fn unterminated_osc_stops_at_end_of_line() {
        let (out, _) = clean("avant\u{1B}]52;c;AAAA\nligne suivante");
        assert_eq!(out, "avant^[\nligne suivante");
    }

    #[test]
    fn eight_bit_csi_is_removed_and_marked() {
        let (out, r) = clean("a\u{9B}31mb");
        assert_eq!(out, "a^[b");
        assert_eq!(r.escape_sequences, 1);
    }

    #[test]
    fn controls_show_in_caret_notation() {
        let (out, r) = clean("nul\u{0} bs\u{8} del\u{7F} nel\u{85} st\u{9C}");
        assert_eq!(out, "nul^@ bs^H del^? nel^[ st^[");
        assert_eq!(r.controls, 5);
    }

    #[test]
    fn a_run_of_one_control_collapses_into_one_marker() {
        let bells = format!("fin{}de la fête\u{7}\u{8}", "\u{7}".repeat(5000));
        let (out, r) = clean(&bells);
        assert_eq!(out, "fin^Gde la fête^G^H");
        assert_eq!(r.controls, 5002);
        // Silent removals do not break a run.
        assert_eq!(clean("a\u{7}\u{200B}\u{7}b").0, "a^Gb");
    }

    #[test]
    fn markers_are_stable_under_a_second_pass() {
        let (once, _) = clean("x\u{1B}[31m^[y\u{7}^G\u{0}z");
        assert_eq!(once, "x^[^[y^G^G^@z");
        assert_eq!(clean(&once).0, once);
    }

    #[test]
    fn one_line_shows_line_breaks_and_tabs_as_markers() {
        assert_eq!(one_line("\u{1B}[31mrouge.txt"), "^[rouge.txt");
        assert_eq!(
            one_line("nouvelle\nligne\tici.txt"),
            "nouvelle^Jligne^Iici.txt"
        );
        assert_eq!(one_line("a\r\nb\u{2028}c"), "a^Jb^Jc");
        assert!(matches!(one_line("été.txt"), Cow::Borrowed(_)));
    }

    #[test]
    fn crlf_and_lone_cr_become_newlines() {
        assert_eq!(clean("a\r\nb\rc\u{2028}d").0, "a\nb\nc\nd");
    }

    #[test]
    fn bidi_overrides_and_zero_width_are_removed() {
        let (out, r) = clean("a\u{202E}b\u{2066}c\u{200B}d\u{FEFF}e");
        assert_eq!(out, "abcde");
        assert_eq!(r.bidi, 2);
        assert_eq!(r.invisible, 2);
    }

    #[test]
    fn combining_pile_up_is_capped() {
        let zalgo = format!("e{}", "\u{0301}".repeat(200));
        let (out, r) = clean(&zalgo);
        assert!(out.chars().count() <= 1 + MAX_COMBINING);
        assert!(r.combining > 0);
    }

    #[test]
    fn mark_pile_ups_are_capped_in_every_script() {
        // Thai tone marks, Devanagari viramas, enclosing circles: the category, not a block list.
        for mark in ["\u{E49}", "\u{94D}\u{94D}", "\u{20DD}", "\u{1AB0}"] {
            let pile = format!("e{}", mark.repeat(5_000));
            let (out, r) = clean(&pile);
            assert_eq!(out.chars().count(), 1 + MAX_COMBINING, "{mark:?}");
            assert_eq!(r.combining, mark.chars().count() * 5_000 - MAX_COMBINING);
        }
        // Real text in those scripts is left alone.
        let thai_hindi = "น้ำ हिन्दी";
        assert_eq!(clean(thai_hindi).0, thai_hindi);
    }

    #[test]
    fn every_format_character_is_removed_and_counted() {
        let format = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|c| c.general_category() == GeneralCategory::Format);
        let mut seen = 0;
        for c in format {
            seen += 1;
            let (out, r) = clean(&format!("mot{c}mot"));
            assert_eq!(out, "motmot", "U+{:04X}", u32::from(c));
            assert_eq!(r.bidi + r.invisible, 1, "U+{:04X}", u32::from(c));
            assert!(!is_safe_char(c), "U+{:04X}", u32::from(c));
        }
        // The table knows the recent ones (Egyptian format controls, Arabic pound and piastre marks).
        assert!(seen > 150, "{seen}");
        for c in [
            '\u{13430}',
            '\u{1343F}',
            '\u{890}',
            '\u{891}',
            '\u{AD}',
            '\u{E0041}',
        ] {
            assert_eq!(clean(&format!("a{c}b")).0, "ab", "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn the_latin_and_punctuation_shortcuts_agree_with_the_tables() {
        for c in GENERAL_PUNCTUATION {
            let format = c.general_category() == GeneralCategory::Format;
            let ignorable = c == '\u{2065}';
            assert_eq!(
                is_invisible(c),
                (format || ignorable) && !is_bidi_control(c),
                "{c:?}"
            );
            assert!(!is_combining_mark(c), "{c:?}");
        }
        for c in ('\u{0}'..'\u{300}').filter(|c| !c.is_control()) {
            let format = c.general_category() == GeneralCategory::Format;
            assert_eq!(is_invisible(c), format, "{c:?}");
            assert!(!is_combining_mark(c), "{c:?}");
        }
    }

    #[test]
    fn variation_selectors_and_fillers_are_removed_not_counted_as_marks() {
        let (out, r) = clean("\u{2764}\u{FE0F} a\u{34F}b \u{3164}c");
        assert_eq!(out, "\u{2764} ab c");
        assert_eq!(r.invisible, 3);
        assert_eq!(r.combining, 0);
    }

    #[test]
    fn nfc_starters_pass_the_nfc_quick_check_whatever_their_neighbours() {
        use unicode_normalization::char::canonical_combining_class;
        let starters = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|&c| nfc_starter(c));
        for c in starters {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            // Nothing composes with a starter that comes second.
            assert_eq!(
                format!("a{c}").nfc().collect::<String>(),
                format!("a{c}"),
                "{c:?}"
            );
        }
    }

    #[test]
    fn junk_between_plain_ascii_runs_is_cleaned_as_before() {
        let s = "Texte \u{1B}[1mgras\u{1B}[0m, é\u{301}t\u{200B}é\r\n\u{7}\u{7}fin\tx";
        assert_eq!(
            clean(s).0,
            "Texte ^[gras^[, é\u{301}té\n^Gfin\tx"
                .nfc()
                .collect::<String>()
        );
    }

    #[test]
    fn decomposed_accents_are_composed() {
        assert_eq!(clean("e\u{0301}te\u{0301}").0, "été");
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(decode(b"abc\0def"), Err(Undecodable::Binary(3)));
    }

    #[test]
    fn invalid_utf8_is_replaced_and_counted() {
        let (s, r) = decode(
            "sécurité \u{e9}"
                .as_bytes()
                .iter()
                .copied()
                .chain([0xFF])
                .collect::<Vec<_>>()
                .as_slice(),
        )
        .unwrap();
        assert!(s.ends_with('\u{FFFD}'));
        assert_eq!(r.invalid_utf8, 1);
    }

    #[test]
    fn latin1_french_is_decoded() {
        let (s, r) = decode(b"s\xE9curit\xE9 \xE0 Bamako").unwrap();
        assert_eq!(s, "sécurité à Bamako");
        assert!(r.decoded_from.is_some());
    }

    #[test]
    fn windows_1252_punctuation_is_decoded_as_such() {
        let (s, r) = decode(
            b"Le gouverneur a salu\xE9 \xAB l\x92\x9Cuvre des humanitaires \xBB, avec 200 \x80 par \
              famille\x85 \x96 une aide attendue.",
        )
        .unwrap();
        assert_eq!(
            s,
            "Le gouverneur a salué « l’œuvre des humanitaires », avec 200 € par famille… – une aide \
             attendue."
        );
        assert_eq!(r.invalid_utf8, 0);
    }

    #[test]
    fn undefined_windows_1252_bytes_cannot_open_a_sequence() {
        let (s, r) = decode(b"Le pr\xE9fet \x9D0;titre et \x90la suite").unwrap();
        assert_eq!(s, "Le préfet \u{FFFD}0;titre et \u{FFFD}la suite");
        assert_eq!(r.invalid_utf8, 2);
        assert_eq!(clean(&s).0, s);
    }

    #[test]
    fn high_bytes_without_text_are_garbage() {
        let junk: Vec<u8> = (0..512).map(|i| 0x80 + (i % 64) as u8).collect();
        assert!(matches!(decode(&junk), Err(Undecodable::Garbage(..))));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Été".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&bytes).unwrap().0, "Été");
    }

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap().0, "abc");
    }
}
