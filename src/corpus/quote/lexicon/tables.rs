//! The compiled lexicon's shape ([`Lexicon`], [`Grammar`], [`Words`]): the tables the lookups
//! read. `load` fills them from `lexicon.toml`.

// foldhash, not SipHash: these tables are asked about nearly every word of every article.
use foldhash::{HashMap, HashSet};

use regex::Regex;

use crate::corpus::text::{fold, with_fold};

/// A set of folded words, asked with any spelling.
#[derive(Default)]
pub struct Words(WordSet);

impl Words {
    pub(super) fn of(words: &[String]) -> Words {
        Words(words.iter().map(|w| fold(w)).collect())
    }

    /// True when the word, folded, is in the set.
    pub fn has(&self, word: &str) -> bool {
        with_fold(word, |w| self.0.contains(w))
    }
}

/// The grammar words the attribution reads clauses with (`[grammar]` in `lexicon.toml`). Phrase
/// lists are folded; `subject_cuts` and `subordinators` come padded as they are searched for.
pub struct Grammar {
    /// ` en `, ` qu'`: where a subject phrase after an inverted verb ends.
    pub subject_cuts: Vec<String>,
    /// `jeudi`, `veille`: a phrase of time.
    pub time_words: Words,
    /// Month names.
    pub months: Words,
    /// `il y a`, `il faut`: no one.
    pub impersonal: Vec<String>,
    /// `en`, `sur`, `interrogé`: an adverbial, not a subject.
    pub adverbial_openers: Words,
    /// Auxiliaries, clitics, negation, short adverbs between a subject and its verb.
    pub verb_group: Words,
    /// `quant a lui`, `de nouveau`.
    pub multiword_adverbs: Vec<String>,
    /// `une`, `les`: before a verb form, they make it a noun.
    pub noun_determiners: Words,
    /// `car `, `qu'`: a conjunction opening a segment (padded with its space unless elided).
    pub conjunctions: Vec<String>,
    /// ` que `, ` lorsque `: a new clause starts after them.
    pub subordinators: Vec<String>,
    /// Words that look like a verb after a quote but never are (`et`, `comme`).
    pub not_verbs: Words,
}

/// A set of folded words.
type WordSet = HashSet<String>;

/// The compiled lexicon.
pub struct Lexicon {
    /// Participles of speech verbs (`déclaré`, `laissé entendre`), folded, by first word.
    pub(super) participles: HashMap<String, Vec<Vec<String>>>,
    /// Finite forms (`explique`, `se réjouit`, `fait savoir`), folded, by first word.
    pub(super) finite: HashMap<String, Vec<Vec<String>>>,
    /// Auxiliaries (`a`, `avait`, `s'est`, `se sont`), folded.
    pub(super) auxiliaries: Vec<Vec<String>>,
    /// The first word of every auxiliary, folded: with the finite forms' first words, every
    /// word an inverted verb group can open with.
    pub(super) auxiliary_words: WordSet,
    /// Adverbs that may stand inside an inverted verb group (`a également souligné`), folded,
    /// each as its words.
    pub(super) adverbs: Vec<Vec<String>>,
    /// The first word of every listed adverb, folded.
    pub(super) adverb_words: WordSet,
    /// Every form of every speech verb (participles, finite forms, gerunds, infinitives,
    /// `d’affirmer`), folded, by its first word: the rest of each multi-word form.
    pub(super) verb_forms: HashMap<String, Vec<Vec<String>>>,
    /// At the end of a string: a source frame (`selon`, `d’après` …) followed by the source.
    pub frame: Regex,
    /// At the end of a string: an infinitive of narration, `Et d’assurer :`.
    pub narrative_infinitive: Regex,
    /// Role nouns, folded.
    /// Role nouns by their first word, for [`Lexicon::find_role_noun`].
    pub(super) role_by_first_word: HashMap<String, Vec<String>>,
    /// Courtesy titles (`M.`, `Mme`).
    pub titles: Vec<String>,
    /// The same, folded.
    pub folded_titles: Vec<String>,
    /// Folded role phrases and what they mean (`chef de la diplomatie` = `ministre des affaires
    /// étrangères`), each with a space on both sides, as [`Lexicon::normalise_role`] replaces them.
    pub(super) role_synonyms: Vec<(String, String)>,
    /// Role nouns said of a woman (folded).
    pub(super) feminine_roles: WordSet,
    /// Common nouns that stand for an organisation (folded).
    pub(super) org_nouns: WordSet,
    /// Nouns that name what someone said (`réponse`, `message`), folded.
    pub(super) speech_nouns: WordSet,
    /// Nouns for an anonymous source (`source`, `témoin`, `habitant`), folded.
    pub(super) anonymous_nouns: WordSet,
    pub(super) masculine: WordSet,
    pub(super) feminine: WordSet,
    pub(super) indefinite: Vec<String>,
    pub(super) definite: Vec<String>,
    pub(super) not_name_starts: WordSet,
    pub(super) org_words: WordSet,
    pub(super) places: WordSet,
    /// Folded country → folded nationality adjective.
    pub nationalities: Vec<(String, String)>,
    /// Grammar words.
    pub grammar: Grammar,
}
