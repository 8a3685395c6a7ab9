//! Source frames (`selon X,`) and infinitives of narration (`Et d’assurer :`): the lexicon's two
//! regexes, one handle per thread.

use regex::Regex;

use super::load::LEXICON;
use super::tables::Lexicon;

/// One thread's handles on the lexicon's regexes. A clone shares the compiled regex but keeps its
/// own match caches (megabytes for these large alternations), so a loading thread's caches go
/// when the thread ends instead of staying for the life of the program.
struct Regexes {
    frame: Regex,
    narrative_infinitive: Regex,
}

thread_local! {
    static REGEXES: Regexes = Regexes {
        frame: LEXICON.frame.clone(),
        narrative_infinitive: LEXICON.narrative_infinitive.clone(),
    };
}

/// Runs `f` with this thread's [`Regexes`].
fn regexes<R>(f: impl FnOnce(&Regexes) -> R) -> R {
    REGEXES.with(f)
}

impl Lexicon {
    /// The source frame ending `s` (`selon M. Diop,`), with the source as group `src`.
    pub fn frame_captures<'h>(&self, s: &'h str) -> Option<regex::Captures<'h>> {
        regexes(|r| crate::corpus::text::captures(&r.frame, s))
    }

    /// True when `s` holds a source frame ending it.
    pub fn has_frame(&self, s: &str) -> bool {
        regexes(|r| r.frame.is_match(s))
    }

    /// True when `s` ends with an infinitive of narration (`Et d’assurer :`).
    pub fn ends_narrative(&self, s: &str) -> bool {
        regexes(|r| r.narrative_infinitive.is_match(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_capture_their_source() {
        let c = LEXICON
            .frame
            .captures("La question demeure. Selon M. Diop, ")
            .unwrap();
        assert_eq!(&c["src"], "M. Diop");
        assert!(LEXICON.narrative_infinitive.is_match("Et d’assurer : "));
    }
}
