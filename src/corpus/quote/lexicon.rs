//! The reported-speech lexicon (`lexicon.toml`, compiled in), expanded into regular expressions:
//! every inflection of every speech verb, inverted forms (`a-t-il ajouté`, `s’est-elle félicitée`),
//! role nouns, determiners and the small gazetteer that keeps places and institutions from being
//! taken for people.

// foldhash, not SipHash: these tables are asked about nearly every word of every article.
use foldhash::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::corpus::text::{fold, is_alphanumeric, with_fold, words_key};

#[derive(Deserialize)]
struct Raw {
    er_verbs: Vec<String>,
    irregular: Vec<Irregular>,
    auxiliaries: Vec<String>,
    adverbs: Vec<String>,
    source_frames: Vec<String>,
    pronouns_masculine: Vec<String>,
    pronouns_feminine: Vec<String>,
    role_nouns: Vec<String>,
    feminine_roles: Vec<String>,
    org_nouns: Vec<String>,
    speech_nouns: Vec<String>,
    anonymous_nouns: Vec<String>,
    titles: Vec<String>,
    role_synonyms: HashMap<String, String>,
    lists: Lists,
    grammar: RawGrammar,
}

#[derive(Deserialize)]
struct RawGrammar {
    subject_cuts: Vec<String>,
    time_words: Vec<String>,
    months: Vec<String>,
    impersonal: Vec<String>,
    adverbial_openers: Vec<String>,
    verb_group: Vec<String>,
    multiword_adverbs: Vec<String>,
    noun_determiners: Vec<String>,
    conjunctions: Vec<String>,
    subordinators: Vec<String>,
    not_verbs: Vec<String>,
}

/// A set of folded words, asked with any spelling.
#[derive(Default)]
pub struct Words(WordSet);

impl Words {
    fn of(words: &[String]) -> Words {
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

/// ` w ` for a word, ` w` for an elided one (`qu'`), to search folded text with.
fn padded(w: &str, lead: bool) -> String {
    let w = fold(w);
    let elided = w.ends_with('\'');
    match (lead, elided) {
        (true, true) => format!(" {w}"),
        (true, false) => format!(" {w} "),
        (false, true) => w,
        (false, false) => format!("{w} "),
    }
}

#[derive(Deserialize)]
struct Irregular {
    pp: String,
    #[serde(default)]
    inf: Option<String>,
    forms: Vec<String>,
}

#[derive(Deserialize)]
struct Lists {
    indefinite: Vec<String>,
    definite: Vec<String>,
    not_name_starts: Vec<String>,
    org_words: Vec<String>,
    places: Vec<String>,
    nationalities: Vec<String>,
}

/// A set of folded words.
type WordSet = HashSet<String>;

/// The compiled lexicon.
pub struct Lexicon {
    /// Participles of speech verbs (`déclaré`, `laissé entendre`), folded, by first word.
    participles: HashMap<String, Vec<Vec<String>>>,
    /// Finite forms (`explique`, `se réjouit`, `fait savoir`), folded, by first word.
    finite: HashMap<String, Vec<Vec<String>>>,
    /// Auxiliaries (`a`, `avait`, `s'est`, `se sont`), folded.
    auxiliaries: Vec<Vec<String>>,
    /// The first word of every auxiliary, folded: with the finite forms' first words, every
    /// word an inverted verb group can open with.
    auxiliary_words: WordSet,
    /// Adverbs that may stand inside an inverted verb group (`a également souligné`), folded,
    /// each as its words.
    adverbs: Vec<Vec<String>>,
    /// The first word of every listed adverb, folded.
    adverb_words: WordSet,
    /// Every form of every speech verb (participles, finite forms, gerunds, infinitives,
    /// `d’affirmer`), folded, by its first word: the rest of each multi-word form.
    verb_forms: HashMap<String, Vec<Vec<String>>>,
    /// At the end of a string: a source frame (`selon`, `d’après` …) followed by the source.
    pub frame: Regex,
    /// At the end of a string: an infinitive of narration, `Et d’assurer :`.
    pub narrative_infinitive: Regex,
    /// Role nouns, folded.
    /// Role nouns by their first word, for [`Lexicon::find_role_noun`].
    role_by_first_word: HashMap<String, Vec<String>>,
    /// Courtesy titles (`M.`, `Mme`).
    pub titles: Vec<String>,
    /// The same, folded.
    pub folded_titles: Vec<String>,
    /// Folded role phrases and what they mean (`chef de la diplomatie` = `ministre des affaires
    /// étrangères`), each with a space on both sides, as [`Lexicon::normalise_role`] replaces them.
    role_synonyms: Vec<(String, String)>,
    /// Role nouns said of a woman (folded).
    feminine_roles: WordSet,
    /// Common nouns that stand for an organisation (folded).
    org_nouns: WordSet,
    /// Nouns that name what someone said (`réponse`, `message`), folded.
    speech_nouns: WordSet,
    /// Nouns for an anonymous source (`source`, `témoin`, `habitant`), folded.
    anonymous_nouns: WordSet,
    masculine: WordSet,
    feminine: WordSet,
    indefinite: Vec<String>,
    definite: Vec<String>,
    not_name_starts: WordSet,
    org_words: WordSet,
    places: WordSet,
    /// Folded country → folded nationality adjective.
    pub nationalities: Vec<(String, String)>,
    /// Grammar words.
    pub grammar: Grammar,
}

/// The lexicon compiled into the binary.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    // Invariant: the file is compiled in and parsed by the `lexicon_parses` test.
    let raw: Raw = toml::from_str(include_str!("lexicon.toml")).expect("lexicon.toml is valid");
    Lexicon::build(raw)
});

/// Escapes a phrase for a regex, letting any apostrophe match `'` or `’` and spaces match any space.
fn phrase(p: &str) -> String {
    p.split(['\'', '’'])
        .map(|part| {
            part.split(' ')
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .collect::<Vec<_>>()
        .join("['’]")
}

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

/// An alternation of phrases, with unaccented twins, longest first (the regex takes the first that fits).
fn alternation(items: impl IntoIterator<Item = String>) -> String {
    let mut all: Vec<String> = Vec::new();
    for item in items {
        let plain = fold(&item);
        all.push(item);
        all.push(plain);
    }
    all.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    all.dedup();
    all.iter().map(|s| phrase(s)).collect::<Vec<_>>().join("|")
}

/// Present stems: `rappel` → `rappelle`, `réitér` → `réitère`, `relev` → `relève` (spelling changes
/// are generated as variants; a form that French never uses does no harm).
fn present_stems(stem: &str) -> Vec<String> {
    let mut out = vec![stem.to_owned()];
    if stem.ends_with('l') || stem.ends_with('t') {
        out.push(format!("{stem}{}", stem.chars().last().unwrap_or('l')));
    }
    let chars: Vec<char> = stem.chars().collect();
    if let Some(i) = chars.iter().rposition(|c| matches!(c, 'é' | 'e')) {
        if i + 1 < chars.len()
            && chars[i + 1..]
                .iter()
                .all(|c| !"aeiouyéèêëàâîïôûù".contains(*c))
        {
            let mut v = chars.clone();
            v[i] = 'è';
            out.push(v.into_iter().collect());
        }
    }
    out
}

impl Lexicon {
    fn build(raw: Raw) -> Lexicon {
        let mut participles: Vec<String> = Vec::new();
        let mut finite: Vec<String> = Vec::new();
        let mut infinitives: Vec<String> = Vec::new();
        // Gerunds (`en louant`) report speech but never invert a subject (`, accusant l’organisation`).
        let mut gerunds: Vec<String> = Vec::new();
        for verb in &raw.er_verbs {
            let (reflexive, inf) =
                match verb.strip_prefix("se ").or_else(|| verb.strip_prefix("s'")) {
                    Some(v) => (true, v),
                    None => (false, verb.as_str()),
                };
            let Some(stem) = inf.strip_suffix("er") else {
                continue;
            };
            let soft = if let Some(base) = stem.strip_suffix('c') {
                format!("{base}ç")
            } else if stem.ends_with('g') {
                format!("{stem}e")
            } else {
                stem.to_owned()
            };
            for agreement in ["é", "ée", "és", "ées"] {
                participles.push(format!("{stem}{agreement}"));
            }
            let mut forms = Vec::new();
            for p in present_stems(stem) {
                forms.push(format!("{p}e"));
                forms.push(format!("{p}ent"));
            }
            forms.extend([
                format!("{soft}ait"),
                format!("{soft}aient"),
                format!("{soft}a"),
            ]);
            gerunds.push(format!("{soft}ant"));
            infinitives.push(inf.to_owned());
            for f in forms {
                if reflexive {
                    finite.push(format!("se {f}"));
                    finite.push(format!("s'{f}"));
                }
                finite.push(f);
            }
        }
        for irr in &raw.irregular {
            participles.push(irr.pp.clone());
            // `dite`, `écrits`: a one-word participle agrees like any other.
            if !irr.pp.contains(' ') && !irr.pp.ends_with('s') {
                for agreement in ["e", "s", "es"] {
                    participles.push(format!("{}{agreement}", irr.pp));
                }
            }
            if let Some(inf) = &irr.inf {
                infinitives.push(inf.clone());
            }
            for f in &irr.forms {
                if f.split(' ').next().is_some_and(|w| w.ends_with("ant")) {
                    gerunds.push(f.clone());
                } else {
                    finite.push(f.clone());
                }
            }
        }
        let elided_infinitives: Vec<String> =
            infinitives.iter().map(|i| format!("d'{i}")).collect();
        let verb_forms = by_first_word(
            participles
                .iter()
                .chain(&finite)
                .chain(&gerunds)
                .chain(&infinitives)
                .chain(&elided_infinitives),
        );
        // The source ends with a comma before the quote: `Selon M. Diop, « … »`.
        let frame = format!(
            r"(?i)(?:^|[\s,(])(?:{})\s+(?P<src>[^,;:«»“”]{{1,80}}?)\s*,\s*$",
            alternation(raw.source_frames.iter().cloned())
        );
        let narrative = format!(
            r"(?i)(?:^|\s)(?:et\s+)?(?:d['’]|de\s+)(?:{})\s*:\s*$",
            alternation(infinitives.iter().cloned())
        );
        let f = |v: &Vec<String>| v.iter().map(|s| fold(s)).collect::<Vec<_>>();
        let words_of = |list: &[String]| -> Vec<Vec<String>> {
            let mut v: Vec<Vec<String>> = list
                .iter()
                .map(|a| fold(a).split_whitespace().map(str::to_owned).collect())
                .collect();
            v.sort_by_key(|w: &Vec<String>| std::cmp::Reverse(w.len()));
            v
        };
        let mut role_by_first_word: HashMap<String, Vec<String>> = HashMap::default();
        for r in f(&raw.role_nouns) {
            role_by_first_word
                .entry(first_word(&r).to_owned())
                .or_default()
                .push(r);
        }
        Lexicon {
            role_by_first_word,
            participles: by_first_word(&participles),
            finite: by_first_word(&finite),
            auxiliaries: words_of(&raw.auxiliaries),
            auxiliary_words: raw
                .auxiliaries
                .iter()
                .filter_map(|a| fold(a).split_whitespace().next().map(str::to_owned))
                .collect(),
            adverbs: words_of(&raw.adverbs),
            adverb_words: raw
                .adverbs
                .iter()
                .filter_map(|a| fold(a).split_whitespace().next().map(str::to_owned))
                .collect(),
            // Invariant: every pattern is built from escaped literals; the `lexicon_parses` test compiles them.
            verb_forms,
            frame: Regex::new(&frame).expect("frame regex compiles"),
            narrative_infinitive: Regex::new(&narrative).expect("narrative regex compiles"),
            titles: raw.titles.clone(),
            folded_titles: f(&raw.titles),
            role_synonyms: raw
                .role_synonyms
                .iter()
                .map(|(k, v)| (format!(" {} ", words_key(k)), format!(" {} ", words_key(v))))
                .collect(),
            feminine_roles: f(&raw.feminine_roles).into_iter().collect(),
            org_nouns: f(&raw.org_nouns).into_iter().collect(),
            speech_nouns: f(&raw.speech_nouns).into_iter().collect(),
            anonymous_nouns: f(&raw.anonymous_nouns).into_iter().collect(),
            grammar: Grammar {
                subject_cuts: raw
                    .grammar
                    .subject_cuts
                    .iter()
                    .map(|w| padded(w, true))
                    .collect(),
                time_words: Words::of(&raw.grammar.time_words),
                months: Words::of(&raw.grammar.months),
                impersonal: f(&raw.grammar.impersonal),
                adverbial_openers: Words::of(&raw.grammar.adverbial_openers),
                verb_group: Words::of(&raw.grammar.verb_group),
                multiword_adverbs: f(&raw.grammar.multiword_adverbs),
                noun_determiners: Words::of(&raw.grammar.noun_determiners),
                conjunctions: raw
                    .grammar
                    .conjunctions
                    .iter()
                    .map(|w| padded(w, false))
                    .collect(),
                subordinators: raw
                    .grammar
                    .subordinators
                    .iter()
                    .map(|w| padded(w, true))
                    .collect(),
                not_verbs: Words::of(&raw.grammar.not_verbs),
            },
            masculine: f(&raw.pronouns_masculine).into_iter().collect(),
            feminine: f(&raw.pronouns_feminine).into_iter().collect(),
            indefinite: f(&raw.lists.indefinite),
            definite: f(&raw.lists.definite),
            not_name_starts: f(&raw.lists.not_name_starts).into_iter().collect(),
            org_words: f(&raw.lists.org_words).into_iter().collect(),
            places: raw.lists.places.iter().map(|p| words_key(p)).collect(),
            nationalities: raw
                .lists
                .nationalities
                .iter()
                .filter_map(|p| p.split_once('=').map(|(c, n)| (words_key(c), words_key(n))))
                .collect(),
        }
    }

    /// An inverted speech verb at the start of `s` (`, a déclaré`, `a-t-il ajouté`): where it ends,
    /// and whether it carries its own subject pronoun (then the speaker is an antecedent).
    pub fn inverted_at(&self, s: &str) -> Option<(usize, Option<String>)> {
        let verb = self.inverted_find(s)?;
        let pronoun = s[..verb.end].split('-').skip(1).find_map(|part| {
            let w = part.split_whitespace().next().unwrap_or("").to_lowercase();
            matches!(w.as_str(), "il" | "elle" | "ils" | "elles" | "on").then_some(w)
        });
        Some((verb.end, pronoun))
    }

    /// Where an inverted speech verb opening `s` lies (leading spaces included): `a déclaré`,
    /// `a également souligné`, `a tout de même, ensuite, taclé`, `a-t-il ajouté`, `s’est-elle
    /// félicitée`, `explique-t-elle`, `rappelle`, `laisse entendre`. Read word by word against
    /// the verb-form tables.
    pub fn inverted_find(&self, s: &str) -> Option<Range<usize>> {
        if let Some(r) = self.inverted_group(s) {
            return Some(r);
        }
        // An object pronoun before the verb group: `», nous a-t-il dit`, `», m’a-t-elle confié`.
        let lead = s.len() - s.trim_start().len();
        let t = &s[lead..];
        let glued = ["m'", "m’", "t'", "t’", "l'", "l’"]
            .iter()
            .find(|p| t.starts_with(**p))
            .map(|p| p.len());
        let skip = glued.or_else(|| {
            let word = t.split(' ').next()?;
            matches!(word, "nous" | "vous" | "me" | "te" | "lui" | "leur").then(|| word.len())
        })?;
        let r = self.inverted_group(&t[skip..])?;
        Some(0..lead + skip + r.end)
    }

    /// [`Self::inverted_find`] without an object pronoun in front.
    fn inverted_group(&self, s: &str) -> Option<Range<usize>> {
        // Most commas are followed by no verb at all: rule them out on the first word alone.
        let lead = s.trim_start();
        let first_end = lead
            .find(|c: char| !(is_alphanumeric(c) || matches!(c, '\'' | '’')))
            .unwrap_or(lead.len());
        let opener = with_fold(&lead[..first_end], |w| {
            self.finite.contains_key(w) || self.auxiliary_words.contains(w)
        });
        if !opener {
            return None;
        }
        let words = group_words(s);
        let (a, b) = *words.first()?;
        let first = &s[a..b];
        // `a-t-il ajouté`, `explique-t-elle`, `s’est-il félicité`.
        let parts: Vec<&str> = first.split('-').collect();
        if parts.len() >= 2 {
            let pron = parts[parts.len() - 1];
            let inverted =
                is_subject_pronoun(pron) && parts[1..parts.len() - 1].iter().all(|p| *p == "t");
            if !inverted {
                return None;
            }
            let head = parts[0];
            if with_fold(head, |h| {
                self.auxiliaries.iter().any(|a| a.len() == 1 && a[0] == h)
            }) {
                let end = self.participle_after(s, &words, 1)?;
                return Some(0..end);
            }
            // `explique-t-elle`, or a form of several words: `fait-on savoir`.
            let last = with_fold(head, |h| longest_after(s, &words, 0, self.finite.get(h)?))?;
            return Some(0..words[last].1);
        }
        // `a déclaré`, `s’est félicité`, `se sont réjouis`.
        if let Some(n) = self.auxiliary_at(s, &words, 0) {
            let end = self.participle_after(s, &words, n)?;
            return Some(0..end);
        }
        // `rappelle`, `laisse entendre`.
        let last = with_fold(first, |w| longest_after(s, &words, 0, self.finite.get(w)?))?;
        Some(0..words[last].1)
    }

    /// How many words an auxiliary at `words[at]` takes (`a`, `s’est`, `se sont`), if one is there.
    fn auxiliary_at(&self, s: &str, words: &[(usize, usize)], at: usize) -> Option<usize> {
        self.auxiliaries
            .iter()
            .find(|aux| words_spell(s, words, at, aux))
            .map(Vec::len)
    }

    /// After an auxiliary ending at `words[at - 1]`: adverbs (listed, or any word in `-ment`,
    /// maybe between commas), then a participle. Where the participle ends.
    fn participle_after(&self, s: &str, words: &[(usize, usize)], mut at: usize) -> Option<usize> {
        'adverbs: while at < words.len() {
            let (x, y) = words[at];
            let listed = with_fold(&s[x..y], |t| self.adverb_words.contains(t));
            if let Some(adv) = self
                .adverbs
                .iter()
                .filter(|_| listed)
                .find(|adv| words_spell(s, words, at, adv))
            {
                at += adv.len();
                continue 'adverbs;
            }
            let (x, y) = words[at];
            let ment = with_fold(&s[x..y], |t| {
                t.len() > 5 && t.ends_with("ment") && !self.participles.contains_key(t)
            });
            if ment {
                at += 1;
                continue;
            }
            break;
        }
        let (x, y) = *words.get(at)?;
        let last = with_fold(&s[x..y], |w| {
            longest_after(s, words, at, self.participles.get(w)?)
        })?;
        Some(words[last].1)
    }

    /// `il`, `lui`, `ce dernier` …: Some(true) masculine, Some(false) feminine, None not a pronoun.
    pub fn pronoun(&self, word: &str) -> Option<bool> {
        with_fold(word.trim(), |w| {
            if self.masculine.contains(w) {
                Some(true)
            } else if self.feminine.contains(w) {
                Some(false)
            } else {
                None
            }
        })
    }

    /// The indefinite determiner a phrase opens with (`un proche`, `des sources`), if any.
    pub fn starts_indefinite(&self, folded: &str) -> bool {
        self.indefinite.iter().any(|d| starts_word(folded, d))
    }

    /// The phrase opens with a definite determiner (`le ministre`, `l’armée`).
    pub fn starts_definite(&self, folded: &str) -> bool {
        self.definite.iter().any(|d| starts_word(folded, d))
    }

    /// A capitalized word that cannot begin a person's name (`Le`, `Selon`, `Lundi`).
    pub fn is_not_name_start(&self, word: &str) -> bool {
        with_fold(word, |w| {
            self.not_name_starts.contains(w)
                || self.not_name_starts.contains(w.trim_end_matches('\''))
        })
    }

    /// A word that marks an institution, a region or an outlet rather than a person.
    pub fn is_org_word(&self, word: &str) -> bool {
        with_fold(word, |w| self.org_words.contains(w))
    }

    /// A multi-word place name (`Burkina Faso`).
    pub fn is_place(&self, name: &str) -> bool {
        self.places.contains(&words_key(name))
    }

    /// Byte ranges of the speech verbs in `s`, in order: words (letters and digits, cut at
    /// spaces, punctuation and hyphens) looked up among the verb forms, a multi-word form
    /// (`laissé entendre`) as one range, an elided one whole (`d’affirmer`) or after its
    /// article (`l’explique` → `explique`).
    pub fn speech_verbs<'a>(&'a self, s: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        let words = verb_words(s);
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < words.len() {
                let here = i;
                i += 1;
                let (start, end) = words[here];
                let word = &s[start..end];
                let found =
                    with_fold(word, |w| self.verb_at(s, &words, here, w, start)).or_else(|| {
                        // `l’explique`: the verb after an elided article or pronoun.
                        let cut = word.rfind(['\'', '’'])?;
                        let after = start + cut + word[cut..].chars().next()?.len_utf8();
                        with_fold(&s[after..end], |w| self.verb_at(s, &words, here, w, after))
                    });
                if let Some((range, last)) = found {
                    i = last + 1;
                    return Some(range);
                }
            }
            None
        })
    }

    /// The verb form starting with word `first` (folded `w`, from byte `from`) at `words[at]`:
    /// its range and the index of its last word.
    fn verb_at(
        &self,
        s: &str,
        words: &[(usize, usize)],
        at: usize,
        w: &str,
        from: usize,
    ) -> Option<(Range<usize>, usize)> {
        let last = longest_after(s, words, at, self.verb_forms.get(w)?)?;
        Some((from..words[last].1, last))
    }

    /// True when `s` holds a speech verb.
    pub fn has_speech_verb(&self, s: &str) -> bool {
        self.speech_verbs(s).next().is_some()
    }

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

    /// The first role noun in a folded phrase, with its byte position (the longest when several
    /// start there). Looks up each word of the phrase among the role nouns' first words.
    pub fn find_role_noun(&self, folded: &str) -> Option<(usize, &str)> {
        let mut prev_alnum = false;
        for (i, c) in folded.char_indices() {
            let alnum = is_alphanumeric(c);
            let starts = alnum && !prev_alnum;
            prev_alnum = alnum;
            if !starts {
                continue;
            }
            if let Some(r) = self.role_at(&folded[i..]) {
                return Some((i, r));
            }
        }
        None
    }

    /// The longest role noun that `folded` opens with, up to a word boundary.
    fn role_at(&self, folded: &str) -> Option<&str> {
        self.role_by_first_word
            .get(first_word(folded))?
            .iter()
            .filter(|r| {
                folded
                    .strip_prefix(r.as_str())
                    .is_some_and(|rest| rest.chars().next().is_none_or(|c| !is_alphanumeric(c)))
            })
            .max_by_key(|r| r.len())
            .map(String::as_str)
    }

    /// A role noun said of a woman (`magistrate`, `présidente`), folded.
    pub fn is_feminine_role(&self, folded: &str) -> bool {
        self.feminine_roles.contains(folded)
    }

    /// A common noun that stands for an organisation (`centrale`, `régime`), folded.
    pub fn is_org_noun(&self, folded: &str) -> bool {
        self.org_nouns.contains(folded)
    }

    /// A noun for an anonymous source (`source`, `témoin`), folded.
    pub fn is_anonymous_noun(&self, folded: &str) -> bool {
        self.anonymous_nouns.contains(folded)
    }

    /// A noun that names what someone said (`réponse`, `avertissement`), folded.
    pub fn is_speech_noun(&self, folded: &str) -> bool {
        self.speech_nouns.contains(folded)
    }

    /// True when a role noun starts with this folded word (`ministre`, `chef`, `porte-parole`).
    pub fn opens_role_noun(&self, folded_word: &str) -> bool {
        self.role_by_first_word.contains_key(folded_word)
    }

    /// A single word that is a role noun by itself (`ministre`, `président.`).
    pub fn is_role_word(&self, folded: &str) -> bool {
        // A role at the word's start (where [`Self::find_role_noun`] looks first) covering it but
        // for a final char.
        folded.starts_with(is_alphanumeric)
            && self
                .role_at(folded)
                .is_some_and(|r| r.len() + 1 >= folded.len())
    }

    /// Rewrites role phrases to their canonical synonyms (`chef de la diplomatie` → `ministre …`).
    pub fn normalise_role(&self, key: &str) -> String {
        let mut out = format!(" {key} ");
        for (from, to) in &self.role_synonyms {
            if out.contains(from.as_str()) {
                out = out.replace(from.as_str(), to);
            }
        }
        out.trim().to_owned()
    }
}

/// Byte ranges of the words of `s` for verb lookup: runs of letters, digits and apostrophes
/// (`d’affirmer`, `s’exclame`), cut at spaces, punctuation and hyphens (`explique-t-elle`).
fn verb_words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let inside = is_alphanumeric(c) || c == '\'' || c == '’';
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// True when `folded` starts with the word(s) `w` followed by a word boundary.
pub fn starts_word(folded: &str, w: &str) -> bool {
    folded.strip_prefix(w).is_some_and(|rest| {
        w.ends_with('\'') || rest.is_empty() || rest.starts_with(|c: char| !is_alphanumeric(c))
    })
}

/// The leading word of folded text: letters, digits and inner hyphens (`porte-parole`).
fn first_word(folded: &str) -> &str {
    let end = folded
        .find(|c: char| !(is_alphanumeric(c) || c == '-'))
        .unwrap_or(folded.len());
    &folded[..end]
}

/// Folded phrases by their first word, the rest of each as its words, longest first (so
/// `laissé entendre` is tried before `laissé`): the verb-form tables.
fn by_first_word<'a>(
    forms: impl IntoIterator<Item = &'a String>,
) -> HashMap<String, Vec<Vec<String>>> {
    let mut map: HashMap<String, Vec<Vec<String>>> = HashMap::default();
    for form in forms {
        let folded = fold(form);
        let mut words = folded.split_whitespace().map(str::to_owned);
        let Some(first) = words.next() else { continue };
        let rest: Vec<String> = words.collect();
        let entry = map.entry(first).or_default();
        if !entry.contains(&rest) {
            entry.push(rest);
        }
    }
    for rests in map.values_mut() {
        rests.sort_by_key(|r| std::cmp::Reverse(r.len()));
    }
    map
}

/// True when the words of `s` from `words[at]` on are `phrase` (folded), one for one.
fn words_spell(s: &str, words: &[(usize, usize)], at: usize, phrase: &[String]) -> bool {
    words.get(at..at + phrase.len()).is_some_and(|here| {
        phrase
            .iter()
            .zip(here)
            .all(|(p, &(x, y))| with_fold(&s[x..y], |w| w == p))
    })
}

/// The first of `rests` (longest first) that the words after `words[at]` spell: the index of
/// its last word.
fn longest_after(
    s: &str,
    words: &[(usize, usize)],
    at: usize,
    rests: &[Vec<String>],
) -> Option<usize> {
    rests
        .iter()
        .find(|rest| words_spell(s, words, at + 1, rest))
        .map(|rest| at + rest.len())
}

/// The words of an inverted verb group: runs of letters, apostrophes and hyphens (`a-t-il`,
/// `s’est-elle`), cut at spaces and punctuation; a comma between adverbs is skipped (`a tout de
/// même, ensuite, taclé`), any other punctuation ends the group.
fn group_words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let inside = is_alphanumeric(c) || matches!(c, '\'' | '’' | '-');
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, i));
                start = None;
            }
            _ => {}
        }
        if !inside && !c.is_whitespace() && c != ',' {
            return out;
        }
        if out.len() >= 12 {
            return out;
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// `il`, `elle`, `ils`, `elles`, `on`, in any case.
fn is_subject_pronoun(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "il" | "elle" | "ils" | "elles" | "on"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inverted(s: &str) -> Option<String> {
        LEXICON.inverted_find(s).map(|r| s[r].trim().to_owned())
    }

    #[test]
    fn lexicon_parses() {
        assert_eq!(LEXICON.find_role_noun("le ministre"), Some((3, "ministre")));
    }

    #[test]
    fn inverted_forms_are_recognised() {
        assert_eq!(
            inverted(" a déclaré Abdoulaye Diop").as_deref(),
            Some("a déclaré")
        );
        assert_eq!(
            inverted(" a-t-il ajouté.").as_deref(),
            Some("a-t-il ajouté")
        );
        assert_eq!(
            inverted(" s’est-il félicité.").as_deref(),
            Some("s’est-il félicité")
        );
        assert_eq!(
            inverted(" a également souligné le ministre").as_deref(),
            Some("a également souligné")
        );
        assert_eq!(
            inverted(" explique-t-elle").as_deref(),
            Some("explique-t-elle")
        );
        assert_eq!(
            inverted(" rappelle le ministre").as_deref(),
            Some("rappelle")
        );
        assert_eq!(
            inverted(" a laissé entendre X").as_deref(),
            Some("a laissé entendre")
        );
        assert_eq!(
            inverted(" a insisté le ministre").as_deref(),
            Some("a insisté")
        );
        assert_eq!(inverted(" réitère-t-il").as_deref(), Some("réitère-t-il"));
        assert_eq!(inverted(" les ministres ont"), None);
    }

    #[test]
    fn pronoun_inversion_names_the_pronoun() {
        let (_, pronoun) = LEXICON.inverted_at(" a-t-elle martelé").unwrap();
        assert_eq!(pronoun.as_deref(), Some("elle"));
        assert!(LEXICON.inverted_at(" a-t-elle maison").is_none());
        assert_eq!(
            LEXICON
                .inverted_find(" a tout de même, ensuite, taclé le syndicaliste")
                .map(|r| r.end),
            Some(" a tout de même, ensuite, taclé".len())
        );
        assert_eq!(
            LEXICON
                .inverted_find(" a simplement déclaré X")
                .map(|r| r.end),
            Some(" a simplement déclaré".len())
        );
        assert!(LEXICON.inverted_find(" a, selon lui, déclaré").is_none());
    }

    #[test]
    fn frames_capture_their_source() {
        let c = LEXICON
            .frame
            .captures("La question demeure. Selon M. Diop, ")
            .unwrap();
        assert_eq!(&c["src"], "M. Diop");
        assert!(LEXICON.narrative_infinitive.is_match("Et d’assurer : "));
    }

    #[test]
    fn speech_verbs_are_found_as_whole_words_and_phrases() {
        fn verbs(s: &str) -> Vec<&str> {
            LEXICON.speech_verbs(s).map(|r| &s[r]).collect()
        }
        assert_eq!(verbs("dit"), ["dit"]);
        assert_eq!(verbs("«dit»"), ["dit"]);
        assert_eq!(verbs("Il a dit."), ["dit"]);
        assert_eq!(
            verbs("Il a déclaré que, selon lui, il le dit"),
            ["déclaré", "dit"]
        );
        assert_eq!(verbs("elle répond-elle"), ["répond"]);
        assert_eq!(verbs("Ils ont laissé entendre"), ["laissé entendre"]);
        assert_eq!(verbs("Et d’affirmer"), ["d’affirmer"]);
        assert_eq!(verbs("Elle l’explique"), ["explique"]);
        assert_eq!(verbs("L’ÉTAT A DÉCLARÉ"), ["DÉCLARÉ"]);
        assert_eq!(verbs("Elle s’exclame"), ["s’exclame"]);
        assert!(verbs("sans verbe ici").is_empty());
        assert!(!LEXICON.has_speech_verb("une maison rouge"));
    }

    #[test]
    fn role_synonyms_are_applied() {
        assert_eq!(
            LEXICON.normalise_role("chef de la diplomatie russe"),
            "ministre des affaires etrangeres russe"
        );
    }
}
