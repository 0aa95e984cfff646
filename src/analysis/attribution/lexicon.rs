//! Word lists for attribution: cue verbs in all their forms, role,
//! organisation and document nouns, vague and weasel sources, hedges,
//! evaluative words and statistic words. The lists live in
//! `data/attribution/` and are compiled in with `include_str!`; they are
//! parsed once into one hash map from a lowercase word to its classes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::analysis::keytable::{KeyTable, pack16};

/// A fast non-cryptographic hasher for short lexicon keys (FxHash).
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

impl Hasher for Fx {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
        self.0 = h;
    }
    #[inline]
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// Word classes (bit flags).
pub mod c {
    pub const DET: u64 = 1 << 0;
    pub const QUANT: u64 = 1 << 1;
    pub const PRON: u64 = 1 << 2;
    pub const AUX: u64 = 1 << 3;
    pub const BE: u64 = 1 << 4;
    pub const ADV: u64 = 1 << 5;
    pub const PREP: u64 = 1 << 6;
    pub const CONJ: u64 = 1 << 7;
    pub const SUBORD: u64 = 1 << 8;
    pub const REL: u64 = 1 << 9;
    pub const TIME: u64 = 1 << 10;
    pub const TITLE: u64 = 1 << 11;
    pub const ROLE: u64 = 1 << 12;
    pub const ORG: u64 = 1 << 13;
    pub const DOC: u64 = 1 << 14;
    pub const VAGUE_N: u64 = 1 << 15;
    pub const WEASEL_N: u64 = 1 << 16;
    pub const CRITICISM: u64 = 1 << 17;
    pub const VAGUE_ADV: u64 = 1 << 18;
    pub const HEDGE: u64 = 1 << 19;
    pub const EMOTION: u64 = 1 << 20;
    pub const EVAL: u64 = 1 << 21;
    pub const INTENS: u64 = 1 << 22;
    pub const LINK: u64 = 1 << 23;
    pub const QUALITY: u64 = 1 << 24;
    pub const QADJ: u64 = 1 << 25;
    pub const INFERENCE: u64 = 1 << 26;
    pub const PERCENT: u64 = 1 << 27;
    pub const SCALE: u64 = 1 << 28;
    pub const SPELLED: u64 = 1 << 29;
    pub const COUNTED: u64 = 1 << 30;
    pub const CHANGE: u64 = 1 << 31;
    pub const RESULTS: u64 = 1 << 32;
    pub const RULE: u64 = 1 << 33;
    pub const PHRASE: u64 = 1 << 34;
    pub const NPADJ: u64 = 1 << 35;
    pub const PLATFORM: u64 = 1 << 36;
    pub const NAMING: u64 = 1 << 37;
    pub const MEASURE: u64 = 1 << 38;
    pub const PARTICLE: u64 = 1 << 39;
    pub const WH: u64 = 1 << 40;
    pub const FIRST_PERSON: u64 = 1 << 41;
    pub const CONTINUE: u64 = 1 << 42;
    pub const NEG: u64 = 1 << 43;
    pub const VERB: u64 = 1 << 44;
    /// The second word of a multi-word phrase (a phrase needs one after its
    /// first word).
    pub const PHRASE2: u64 = 1 << 45;
    /// Set by the tokenizer, not the lexicon: a word of ASCII letters and
    /// digits only, so its lowercase text is its lookup key (and its
    /// classes say what the word itself is).
    pub const PLAIN: u64 = 1 << 46;
    /// Bits that are not word classes (see also `kw`).
    pub const NOT_CLASS: u64 = PHRASE2 | PLAIN | super::kw::ALL;
    /// Words that are never part of a name or a source phrase.
    pub const FUNCTION: u64 = DET | QUANT | PRON | AUX | ADV | PREP | CONJ | SUBORD | REL | WH;
}

/// Word groups for exact word tests (`Ctx::kw`), in the bits above the
/// classes: a token has one only when its whole text is one of the words
/// in some ASCII case (the tokenizer clears them on possessives, on a key
/// without its final period and on non-ASCII words), so a test is the
/// same as comparing the token's text with each word of the list.
pub mod kw {
    /// Small words a title may have in lowercase.
    pub const SMALL: u64 = 1 << 56;
    /// Words that open a time phrase ("In March", "Last week").
    pub const TIME_INTRO: u64 = 1 << 57;
    /// Words that open a continuation ("Another …", "Also …").
    pub const CONTINUES: u64 = 1 << 58;
    /// Words that open an indirect question or a clause.
    pub const WH_CLAUSE: u64 = 1 << 59;
    pub const ALL: u64 = SMALL | TIME_INTRO | CONTINUES | WH_CLAUSE;

    pub const LISTS: &[(u64, &[&str])] = &[
        (
            SMALL,
            &[
                "a", "an", "the", "of", "and", "or", "for", "in", "on", "to", "with", "from", "at",
                "by", "vs",
            ],
        ),
        (
            TIME_INTRO,
            &[
                "in", "on", "by", "since", "during", "until", "from", "at", "last", "this",
                "earlier", "later",
            ],
        ),
        (
            CONTINUES,
            &["another", "also", "additionally", "furthermore", "moreover"],
        ),
        (WH_CLAUSE, &["whether", "if", "why", "when", "who"]),
    ];
}

/// Cue flags (see `data/attribution/cues.tsv`).
pub mod f {
    pub const SPEECH: u16 = 1 << 0;
    pub const CONTENT: u16 = 1 << 1;
    pub const THAT: u16 = 1 << 2;
    pub const RESEARCH: u16 = 1 << 3;
    pub const PV: u16 = 1 << 4;
    pub const PW: u16 = 1 << 5;
    pub const PWIDE: u16 = 1 << 6;
    pub const POST: u16 = 1 << 7;
    pub const QUOTE: u16 = 1 << 8;
    pub const CALL: u16 = 1 << 9;
    pub const DOCOBJ: u16 = 1 << 10;
}

/// The grammatical form of a cue verb token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    Base,
    S,
    /// Past tense only ("wrote").
    Past,
    /// Past participle only ("written").
    Part,
    /// Past tense and participle alike ("said").
    PastPart,
    Ing,
}

impl Form {
    pub fn is_participle(self) -> bool {
        matches!(self, Form::Part | Form::PastPart)
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct WordInfo {
    pub class: u64,
    /// Index into the phrase lists + 1 (0 = no phrase starts here).
    pub phrase: u16,
    /// Index into [`Lexicon::lemmas`] + 1 (0 = not a cue), and the form.
    pub cue: u16,
    pub form: Option<Form>,
}

#[derive(Debug, Clone)]
pub struct Lemma {
    pub name: String,
    pub flags: u16,
}

/// What a multi-word phrase signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseTag {
    Vague,
    Weasel,
    Assert,
    Superlative,
    Percent,
}

#[derive(Debug, Clone)]
pub struct Phrase {
    /// Lowercase words after the first one.
    pub rest: Vec<String>,
    pub tag: PhraseTag,
}

pub struct Lexicon {
    words: FxMap<String, WordInfo>,
    /// The same entries for words of at most 16 bytes, keyed by their bytes
    /// packed into two `u64`s (the fast path of the tokenizer).
    short: KeyTable<WordInfo>,
    pub lemmas: Vec<Lemma>,
    phrases: Vec<Vec<Phrase>>,
}

const CUES: &str = include_str!("../../../data/attribution/cues.tsv");
const ROLES: &str = include_str!("../../../data/attribution/roles.txt");
const ORGS: &str = include_str!("../../../data/attribution/orgs.txt");
const DOCS: &str = include_str!("../../../data/attribution/documents.txt");
const VAGUE: &str = include_str!("../../../data/attribution/vague.txt");
const WEASEL: &str = include_str!("../../../data/attribution/weasel.txt");
const ASSERT: &str = include_str!("../../../data/attribution/assertions.txt");
const STATS: &str = include_str!("../../../data/attribution/statistics.txt");
const GRAMMAR: &str = include_str!("../../../data/attribution/grammar.txt");

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(Lexicon::build)
    }

    fn add(&mut self, word: &str, class: u64) {
        let w = word.trim().to_lowercase();
        if w.is_empty() {
            return;
        }
        self.words.entry(w).or_default().class |= class;
    }

    fn add_phrase(&mut self, phrase: &str, tag: PhraseTag) {
        let mut words = phrase.split_whitespace().map(str::to_lowercase);
        let Some(first) = words.next() else { return };
        let rest: Vec<String> = words.collect();
        if rest.is_empty() {
            // a one-word "phrase" is a word class
            let class = match tag {
                PhraseTag::Vague => c::VAGUE_ADV,
                PhraseTag::Weasel => c::WEASEL_N,
                PhraseTag::Assert => c::HEDGE,
                PhraseTag::Superlative => c::MEASURE,
                PhraseTag::Percent => c::PERCENT,
            };
            self.add(&first, class);
            return;
        }
        self.add(&first, c::PHRASE);
        self.add(&rest[0], c::PHRASE2);
        let e = self.words.entry(first).or_default();
        if e.phrase == 0 {
            self.phrases.push(Vec::new());
            e.phrase = self.phrases.len() as u16;
        }
        let id = e.phrase as usize - 1;
        self.phrases[id].push(Phrase { rest, tag });
    }

    fn build() -> Lexicon {
        let mut lex = Lexicon {
            words: FxMap::with_capacity_and_hasher(4096, Default::default()),
            short: KeyTable::default(),
            lemmas: Vec::new(),
            phrases: Vec::new(),
        };
        for l in lines(CUES) {
            let mut cols = l.split('\t');
            let (Some(lemma), Some(forms), Some(flags)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let mut fl = 0u16;
            for fname in flags.split(',') {
                fl |= match fname.trim() {
                    "speech" => f::SPEECH,
                    "content" => f::CONTENT,
                    "that" => f::THAT,
                    "research" => f::RESEARCH,
                    "pv" => f::PV,
                    "pw" => f::PW,
                    "pwide" => f::PWIDE,
                    "post" => f::POST,
                    "quote" => f::QUOTE,
                    "call" => f::CALL,
                    "docobj" => f::DOCOBJ,
                    _ => 0,
                };
            }
            lex.lemmas.push(Lemma {
                name: lemma.to_string(),
                flags: fl,
            });
            let id = lex.lemmas.len() as u16;
            let forms: Vec<&str> = forms.split_whitespace().collect();
            if forms.len() != 5 {
                continue;
            }
            let (past, part) = (forms[2], forms[3]);
            let list = [
                (forms[0], Form::Base),
                (forms[1], Form::S),
                (
                    past,
                    if past == part {
                        Form::PastPart
                    } else {
                        Form::Past
                    },
                ),
                (
                    part,
                    if past == part {
                        Form::PastPart
                    } else {
                        Form::Part
                    },
                ),
                (forms[4], Form::Ing),
            ];
            for (w, form) in list {
                let e = lex.words.entry(w.to_lowercase()).or_default();
                if e.cue == 0 {
                    e.cue = id;
                    e.form = Some(form);
                }
            }
        }
        for l in lines(ROLES) {
            for w in l.split_whitespace() {
                lex.add(&w.replace('-', " "), c::ROLE);
                lex.add(w, c::ROLE);
            }
        }
        for l in lines(ORGS) {
            for w in l.split_whitespace() {
                lex.add(w, c::ORG);
            }
        }
        for l in lines(DOCS) {
            for w in l.split_whitespace() {
                lex.add(w, c::DOC);
            }
        }
        for (src, noun_class, default_tag) in [
            (VAGUE, c::VAGUE_N, PhraseTag::Vague),
            (WEASEL, c::WEASEL_N, PhraseTag::Weasel),
        ] {
            for l in lines(src) {
                let (tag, rest) = l.split_once('\t').unwrap_or(("phrase", l));
                match tag {
                    "noun" => lex.add(rest, noun_class),
                    "adverb" => lex.add(rest, c::VAGUE_ADV),
                    "criticism" => lex.add(rest, c::CRITICISM),
                    _ => lex.add_phrase(rest, default_tag),
                }
            }
        }
        for l in lines(ASSERT) {
            let (tag, rest) = l.split_once('\t').unwrap_or(("phrase", l));
            let class = match tag {
                "hedge" => c::HEDGE,
                "emotion" => c::EMOTION,
                "eval" => c::EVAL,
                "intens" => c::INTENS,
                "link" => c::LINK,
                "quality" => c::QUALITY,
                "qadj" => c::QADJ,
                "inference" => c::INFERENCE,
                _ => {
                    lex.add_phrase(rest, PhraseTag::Assert);
                    continue;
                }
            };
            lex.add(rest, class);
        }
        for l in lines(STATS) {
            let (tag, rest) = l.split_once('\t').unwrap_or(("", l));
            match tag {
                "percent" => lex.add_phrase(rest, PhraseTag::Percent),
                "superlative" => lex.add_phrase(rest, PhraseTag::Superlative),
                _ => {
                    let class = match tag {
                        "scale" => c::SCALE,
                        "spelled" => c::SPELLED,
                        "counted" => c::COUNTED,
                        "change" => c::CHANGE,
                        "results" => c::RESULTS,
                        "rule" => c::RULE,
                        "measure" => c::MEASURE,
                        _ => 0,
                    };
                    for w in rest.split_whitespace() {
                        lex.add(w, class);
                    }
                }
            }
        }
        for l in lines(GRAMMAR) {
            let (tag, rest) = l.split_once('\t').unwrap_or(("", l));
            let class = match tag {
                "det" => c::DET,
                "quant" => c::QUANT,
                "pron" => c::PRON,
                "aux" => c::AUX,
                "be" => c::BE | c::AUX,
                "adv" => c::ADV,
                "prep" => c::PREP,
                "conj" => c::CONJ,
                "subord" => c::SUBORD,
                "rel" => c::REL,
                "wh" => c::WH,
                "time" => c::TIME,
                "title" => c::TITLE,
                "npadj" => c::NPADJ,
                "platform" => c::PLATFORM,
                "naming" => c::NAMING,
                "particle" => c::PARTICLE,
                "first" => c::FIRST_PERSON,
                "continue" => c::CONTINUE,
                "neg" => c::NEG,
                "verb" => c::VERB,
                _ => 0,
            };
            for w in rest.split_whitespace() {
                lex.add(w, class);
            }
        }
        for &(group, words) in kw::LISTS {
            for w in words {
                lex.add(w, group);
            }
        }
        lex.short = KeyTable::build(
            lex.words
                .iter()
                .filter_map(|(k, v)| pack16(k.as_bytes()).map(|p| (p, *v))),
        );
        lex
    }

    /// Classes of a lowercase ASCII word given as bytes.
    #[inline]
    pub fn word_bytes(&self, lower: &[u8]) -> WordInfo {
        match pack16(lower) {
            Some(p) => self.short.get(p),
            None => std::str::from_utf8(lower).map_or(WordInfo::default(), |w| self.word(w)),
        }
    }

    /// Classes of the lowercase ASCII word `buf[..len]`: [`Self::word_bytes`]
    /// packing the key from whole 8-byte loads, without a loop over the
    /// bytes (what follows `len` in `buf` is ignored).
    #[inline]
    pub fn word_padded(&self, buf: &[u8; 40], len: usize) -> WordInfo {
        if len == 0 || len > 16 {
            return self.word_bytes(&buf[..len.min(buf.len())]);
        }
        let mask = |n: usize| {
            if n >= 8 {
                u64::MAX
            } else {
                (1u64 << (n * 8)) - 1
            }
        };
        let lo = u64::from_le_bytes([
            buf[0], buf[1], buf[2], buf[3], buf[4], buf[5], buf[6], buf[7],
        ]) & mask(len);
        let hi = u64::from_le_bytes([
            buf[8], buf[9], buf[10], buf[11], buf[12], buf[13], buf[14], buf[15],
        ]) & mask(len.saturating_sub(8));
        self.short.get((lo, hi))
    }

    /// Classes of a lowercase ASCII word of 1 to 16 bytes packed as by
    /// [`pack16`] (zero bytes after the word).
    #[inline]
    pub fn word_packed(&self, key: (u64, u64)) -> WordInfo {
        self.short.get(key)
    }

    /// Classes of a lowercase word.
    #[inline]
    pub fn word(&self, lower: &str) -> WordInfo {
        self.words.get(lower).copied().unwrap_or_default()
    }

    /// The phrases starting with a word (its `WordInfo::phrase`).
    pub fn phrases(&self, id: u16) -> &[Phrase] {
        (id as usize)
            .checked_sub(1)
            .and_then(|i| self.phrases.get(i))
            .map_or(&[], Vec::as_slice)
    }

    pub fn lemma(&self, id: u16) -> Option<&Lemma> {
        (id as usize)
            .checked_sub(1)
            .and_then(|i| self.lemmas.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_loads() {
        let l = Lexicon::get();
        let said = l.word("said");
        assert!(said.cue > 0);
        assert_eq!(said.form, Some(Form::PastPart));
        assert_eq!(l.lemma(said.cue).unwrap().name, "say");
        assert_eq!(l.word("written").form, Some(Form::Part));
        assert_eq!(l.word("wrote").form, Some(Form::Past));
        assert!(l.word("spokesman").class & c::ROLE != 0);
        assert!(l.word("ministry").class & c::ORG != 0);
        assert!(l.word("readout").class & c::DOC != 0);
        assert!(l.word("officials").class & c::VAGUE_N != 0);
        assert!(l.word("critics").class & c::WEASEL_N != 0);
        assert!(l.word("reportedly").class & c::VAGUE_ADV != 0);
        assert!(l.word("the").class & c::DET != 0);
        assert!(l.word("according").class & c::PHRASE != 0);
        assert!(l.word("million").class & c::SCALE != 0);
    }

    #[test]
    fn phrase_second_words_are_marked() {
        // `Sent::phrases` rejects a phrase start when the next plain word
        // lacks PHRASE2: every phrase must have a second word marked so
        let l = Lexicon::get();
        for p in l.phrases.iter().flatten() {
            let second = p.rest.first().expect("a phrase has a second word");
            assert!(l.word(second).class & c::PHRASE2 != 0, "{second}");
        }
    }
}
