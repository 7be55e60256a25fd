//! A lexical translation model: which Arabic word forms translate which English
//! ones, from a dictionary, a saved lexicon, or IBM Model 1 trained on aligned
//! sentences. The aligner turns it into a term of the bead cost (see
//! [`AlignerBuilder::lexicon`](crate::AlignerBuilder::lexicon)).
//!
//! # Layout
//!
//! - `words`: word forms (English Snowball stems, Arabic light stems, function
//!   words left out);
//! - `dictionary`: dictd, hunalign and TSV dictionaries;
//! - `model1`: IBM Model 1 by expectation–maximisation;
//! - `saved`: the lexicon's own text format.
//!
//! A lexicon trained on a batch's confident pairs, and the batch's second pass
//! with it, live with the batch calls (`crate::batch`): they use documents, which
//! use this module.

mod dictionary;
pub(crate) mod ids;
mod model1;
mod saved;
pub(crate) mod words;

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use crate::error::Result;
use words::Words;

/// Translations kept per English word: enough for the senses a dictionary lists
/// and the inflected forms a trained model spreads over, few enough that a
/// word's lookups cost a fixed, small amount.
pub(crate) const TOP_K: usize = 8;

/// Translation probabilities `t(ar | en)` between normalised word forms: English
/// lower-cased and stemmed (Snowball English), Arabic normalised (harakat,
/// tatweel, alef, yeh and teh marbuta forms) and light-stemmed (the conjunction
/// wa-, the article and its fused prepositions, pronoun suffixes and light10's
/// endings). Function words of both languages are left out. At most eight
/// translations are kept per English word, the likeliest.
///
/// A lexicon comes from a dictionary ([`Lexicon::from_dictionary`]), from a file
/// written by [`Lexicon::save`] ([`Lexicon::load`]), or from sentence pairs
/// ([`Lexicon::train`], IBM Model 1); a lexicon given to
/// [`Lexicon::train`] as its seed is refined by the pairs.
///
/// ```
/// use bitext::Lexicon;
/// let pairs = [
///     ("The king spoke.", "تكلم الملك."),
///     ("The king slept.", "نام الملك."),
///     ("The queen spoke.", "تكلمت الملكة."),
/// ];
/// let lex = Lexicon::train(&pairs, None);
/// assert!(lex.translates("king", "الملك"));
/// assert!(lex.translates("kings", "والملك")); // both sides are stemmed
/// ```
#[derive(Clone, Default, PartialEq)]
pub struct Lexicon {
    en: Vocab,
    ar: Vocab,
    /// The kept translations of each English id: Arabic id and `t(ar | en)`,
    /// likeliest first.
    trans: Vec<Vec<(u32, f32)>>,
    /// Per Arabic id, the largest `t(ar | en)` over the English words it
    /// translates: built on first use, and dropped by every change to `trans`.
    best_into: BestInto,
}

/// [`Lexicon::best_into`]'s table, made once; a cache, so two lexicons equal in
/// their words and translations are equal whether or not either has made it.
#[derive(Clone, Debug, Default)]
struct BestInto(OnceLock<Vec<f32>>);

impl PartialEq for BestInto {
    fn eq(&self, _: &BestInto) -> bool {
        true
    }
}

/// The sizes only: a dictionary's hundred thousand entries would otherwise fill
/// the `Debug` output of every aligner configured with it.
impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("english_words", &self.en.len())
            .field("arabic_words", &self.ar.len())
            .field("translated", &self.len())
            .finish()
    }
}

/// Interned word forms.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Vocab {
    words: Vec<String>,
    index: HashMap<String, u32>,
}

impl Vocab {
    /// The id of `word`, added if new.
    pub(crate) fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.index.get(word) {
            return id;
        }
        // Cannot overflow in practice: a vocabulary of four billion word forms
        // would not fit in memory first.
        let id = self.words.len() as u32;
        self.words.push(word.to_string());
        self.index.insert(word.to_string(), id);
        id
    }

    pub(crate) fn get(&self, word: &str) -> Option<u32> {
        self.index.get(word).copied()
    }

    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    pub(crate) fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }
}

impl Lexicon {
    /// An empty lexicon: no word has a translation.
    pub fn new() -> Lexicon {
        Lexicon::default()
    }

    /// Reads a dictionary: a dictd database as Debian installs it (give the
    /// `.index` file; the `.dict.dz` or `.dict` beside it holds the entries), a
    /// hunalign dictionary (`.dic`: one `phrase @ phrase` a line; hunalign puts the
    /// target language first, and whichever side is in Arabic script is taken as
    /// Arabic, so both orders load), or a two-column TSV (`english<TAB>arabic`).
    /// The format is told by the file name (`.index`, `.dic`, `.tsv`) and else by
    /// the content (a line with ` @ `, a line with a tab).
    ///
    /// Entries whose English side has one content word give that word's stem
    /// every Arabic content stem of the entry, sharing its probability; the
    /// rest (idioms, phrases) are left out. Errors name the path: a file that
    /// cannot be read or is none of the formats is [`Error::Lexicon`](crate::error::Error::Lexicon).
    pub fn from_dictionary(path: impl AsRef<Path>) -> Result<Lexicon> {
        dictionary::read(path.as_ref())
    }

    /// Reads a lexicon written by [`Lexicon::save`].
    pub fn load(path: impl AsRef<Path>) -> Result<Lexicon> {
        saved::load(path.as_ref())
    }

    /// Writes the lexicon as UTF-8 text: a header line `bitext-lexicon 1`, then one
    /// line per kept translation, `english-stem<TAB>arabic-stem<TAB>probability`,
    /// English stems in the order they were first met.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        saved::save(self, path.as_ref())
    }

    /// Trains IBM Model 1 (with a null word, five rounds of expectation–
    /// maximisation) on sentence pairs, each an English and an Arabic text. With a
    /// `seed` (a dictionary, a saved lexicon), its translations are prior counts
    /// that the pairs' evidence refines, and its words the pairs never use keep
    /// their translations.
    pub fn train<E: AsRef<str>, A: AsRef<str>>(
        pairs: &[(E, A)],
        seed: Option<&Lexicon>,
    ) -> Lexicon {
        let words = Words::default();
        let mut en_stems = Vec::new();
        let mut ar_stems = Vec::new();
        let mut lex = seed.cloned().unwrap_or_default();
        let mut corpus = Vec::with_capacity(pairs.len());
        for (e, a) in pairs {
            en_stems.clear();
            ar_stems.clear();
            words.english(e.as_ref(), &mut en_stems);
            words.arabic(a.as_ref(), &mut ar_stems);
            let e: Vec<u32> = en_stems.iter().map(|w| lex.en.intern(w)).collect();
            let a: Vec<u32> = ar_stems.iter().map(|w| lex.ar.intern(w)).collect();
            corpus.push((e, a, 1.0));
        }
        lex.trans.resize(lex.en.len(), Vec::new());
        model1::train(&mut lex, &corpus);
        lex
    }

    /// Trains on pairs given as word ids of this lexicon's vocabularies, each
    /// with the weight of its counts, seeded by its own translations.
    pub(crate) fn train_ids(&mut self, corpus: &[(Vec<u32>, Vec<u32>, f32)]) {
        self.best_into = BestInto::default();
        self.trans.resize(self.en.len(), Vec::new());
        model1::train(self, corpus);
    }

    /// Whether `ar` is among the kept translations of `en` (both as plain words;
    /// they are stemmed and normalised here).
    pub fn translates(&self, en: &str, ar: &str) -> bool {
        let words = Words::default();
        let (mut e, mut a) = (Vec::new(), Vec::new());
        words.english(en, &mut e);
        words.arabic(ar, &mut a);
        let (Some(e), Some(a)) = (e.first(), a.first()) else {
            return false;
        };
        match (self.en.get(e), self.ar.get(a)) {
            (Some(e), Some(a)) => self.translations(e).iter().any(|&(x, _)| x == a),
            _ => false,
        }
    }

    /// English words with at least one translation.
    pub fn len(&self) -> usize {
        self.trans.iter().filter(|t| !t.is_empty()).count()
    }

    /// True when no English word has a translation.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The kept translations of English id `e`.
    pub(crate) fn translations(&self, e: u32) -> &[(u32, f32)] {
        self.trans.get(e as usize).map_or(&[], Vec::as_slice)
    }

    /// The largest `t(a | e)` over the English words `e` that Arabic id `a`
    /// translates, or `None` when it translates none.
    pub(crate) fn best_into(&self, a: u32) -> Option<f32> {
        let table = self.best_into.0.get_or_init(|| {
            let mut best = vec![0.0f32; self.ar.len()];
            for &(x, t) in self.trans.iter().flatten() {
                if let Some(b) = best.get_mut(x as usize) {
                    *b = b.max(t);
                }
            }
            best
        });
        table.get(a as usize).copied().filter(|&t| t > 0.0)
    }

    pub(crate) fn en_vocab(&self) -> &Vocab {
        &self.en
    }

    pub(crate) fn ar_vocab(&self) -> &Vocab {
        &self.ar
    }

    /// Both vocabularies, for a caller adding the word forms of an input.
    pub(crate) fn vocabs_mut(&mut self) -> (&mut Vocab, &mut Vocab) {
        (&mut self.en, &mut self.ar)
    }

    /// Adds `t` to the translation `(e, a)`, growing the table as needed (the
    /// loaders' accumulation; `finish` normalises and prunes).
    pub(crate) fn add(&mut self, e: u32, a: u32, t: f32) {
        self.best_into = BestInto::default();
        if self.trans.len() <= e as usize {
            self.trans.resize(e as usize + 1, Vec::new());
        }
        let list = &mut self.trans[e as usize];
        match list.iter_mut().find(|x| x.0 == a) {
            Some(x) => x.1 += t,
            None => list.push((a, t)),
        }
    }

    /// Normalises each English word's translations to sum to one and keeps the
    /// [`TOP_K`] likeliest.
    pub(crate) fn finish(&mut self) {
        self.best_into = BestInto::default();
        for list in &mut self.trans {
            keep_top(list);
            let total: f32 = list.iter().map(|x| x.1).sum();
            if total > 0.0 {
                for x in list.iter_mut() {
                    x.1 /= total;
                }
            }
        }
    }

    /// Replaces the translations of `e`.
    pub(crate) fn set(&mut self, e: u32, list: Vec<(u32, f32)>) {
        self.best_into = BestInto::default();
        if self.trans.len() <= e as usize {
            self.trans.resize(e as usize + 1, Vec::new());
        }
        self.trans[e as usize] = list;
    }
}

/// Sorts by probability, likeliest first (ties by id, so the result does not
/// depend on the order evidence came in), and keeps the first [`TOP_K`].
pub(crate) fn keep_top(list: &mut Vec<(u32, f32)>) {
    list.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    list.truncate(TOP_K);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_into_is_the_surest_translation_into_a_word_and_follows_changes() {
        let mut lex = Lexicon::new();
        let (e1, e2) = (lex.en.intern("king"), lex.en.intern("rule"));
        let (a1, a2) = (lex.ar.intern("ملك"), lex.ar.intern("حكم"));
        let lonely = lex.ar.intern("بيت");
        lex.set(e1, vec![(a1, 0.9), (a2, 0.1)]);
        lex.set(e2, vec![(a2, 0.6), (a1, 0.4)]);
        assert_eq!(lex.best_into(a1), Some(0.9));
        assert_eq!(lex.best_into(a2), Some(0.6));
        // A word no English word translates into, and one past the vocabulary.
        assert_eq!(lex.best_into(lonely), None);
        assert_eq!(lex.best_into(99), None);
        // The table made above is not kept past a change.
        lex.set(e2, vec![(lonely, 1.0)]);
        assert_eq!(lex.best_into(lonely), Some(1.0));
        assert_eq!(lex.best_into(a2), Some(0.1));
        // A cache: equal with or without it.
        assert_eq!(lex.clone(), {
            let mut fresh = lex.clone();
            fresh.best_into = BestInto::default();
            fresh
        });
    }
}
