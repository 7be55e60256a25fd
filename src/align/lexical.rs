//! The lexical term of the bead cost: the anchors' likelihood ratio (see
//! `super::anchor`) over translation classes of a [`Lexicon`].
//!
//! Each English content word the lexicon translates is an item of its sentence,
//! its class the word itself; each Arabic content word is an item of the class of
//! the English word of the input it most likely translates. An English word matches a
//! bead's Arabic side when a translation of it is there, and an Arabic word
//! matches the English side when a word it translates is there. Each item weighs
//! `ln(p/q)` when it matches and `ln((1−p)/(1−q))` when not, `p` the match rate
//! along the first path (per direction), `q` the share of the other side's
//! sentences near the expected position holding the class: a likelihood ratio
//! against chance, so beads of every shape compare fairly, frequent words weigh
//! little, and a text the lexicon does not cover (no class on both sides, or no
//! match more often than chance) aligns exactly as without it.
//!
//! Self-training: where the input is long enough, IBM Model 1 is trained on the
//! likely beads of a first alignment, each weighed by its posterior (seeded by
//! the configured lexicon), and the input is aligned again with the trained
//! lexicon.

use super::anchor::AnchorInput;
use super::Bead;
use crate::anchors::AnchorKind;
use crate::lexicon::ids::IdMap;
use crate::lexicon::words::Words;
use crate::lexicon::Lexicon;

/// Sentences each side must have for self-training: below this a first
/// alignment's likely beads teach too few words to outweigh their noise, and
/// the second pass would double the time of the many small inputs of a crawl.
pub(super) const SELF_TRAIN_MIN: usize = 50;

/// Posterior from which a bead of the first alignment is trained on: a bead
/// more likely right than wrong. Each bead's counts are weighed by its posterior
/// (the expected counts of Model 1 under the first alignment's doubt), so a
/// bead at 0.6 teaches a little and a sure one fully. Where lengths leave the
/// path in doubt (a literary translation that joins three to eight English
/// sentences in one Arabic line) few beads are near-certain, and a lexicon
/// taught by those alone would know too few words to settle the doubt.
const TEACHING: f64 = 0.5;

/// Most sentences a side of a training bead: wider beads spread each word over
/// too many candidates to teach it.
const TEACHING_SIDE: usize = 2;

/// Most beads trained on: evenly spaced over the input beyond it, so that the
/// training costs a bounded time per input. On the Bible (12,000 beads of
/// posterior ≥ 0.9) a sample of 5,000 aligned as well as all of them (stress
/// set: strict F1 0.936 against 0.937) at a fifth of the training time.
const MAX_TRAIN_BEADS: usize = 5_000;

/// Word ids of each sentence of both sides, in some lexicon's vocabularies.
pub(super) struct Tokens {
    en: Vec<Vec<u32>>,
    ar: Vec<Vec<u32>>,
}

impl Tokens {
    /// The words of `en` and `ar` that `lex` knows (English words only where they
    /// have a translation).
    pub(super) fn known<E: AsRef<str>, A: AsRef<str>>(lex: &Lexicon, en: &[E], ar: &[A]) -> Tokens {
        let words = Words::default();
        let ev = lex.en_vocab();
        let av = lex.ar_vocab();
        Tokens {
            en: words.ids_of(en, false, &mut |w| {
                ev.get(w).filter(|&e| !lex.translations(e).is_empty())
            }),
            ar: words.ids_of(ar, true, &mut |w| av.get(w)),
        }
    }

    /// Every word of `en` and `ar`, added to `lex`'s vocabularies.
    fn interned<E: AsRef<str>, A: AsRef<str>>(lex: &mut Lexicon, en: &[E], ar: &[A]) -> Tokens {
        let words = Words::default();
        let (ev, av) = lex.vocabs_mut();
        let en = words.ids_of(en, false, &mut |w| Some(ev.intern(w)));
        let ar = words.ids_of(ar, true, &mut |w| Some(av.intern(w)));
        Tokens { en, ar }
    }

    /// The translation classes of each sentence, as anchor items with dense ids,
    /// or `None` when no class occurs on both sides.
    pub(super) fn classes(&self, lex: &Lexicon) -> Option<AnchorInput> {
        self.classes_with(lex, false)
    }

    /// [`Tokens::classes`] for the units of a page (lines, paragraphs): every
    /// word the lexicon knows takes part, an Arabic word that translates no
    /// English word of the input in a class of its own, and all are weighed
    /// where they miss (see [`AnchorInput::counting_every_item`]). A page's
    /// dozen units are too few for a word's absence from the other side to be
    /// the translator's habit: it says the unit may have no translation.
    /// Only the units that `en_words` and `ar_words` accept have their words
    /// weighed (see `MatchCosts::weighing_words`).
    pub(super) fn unit_classes(
        mut self,
        lex: &Lexicon,
        en_words: impl Fn(usize) -> bool,
        ar_words: impl Fn(usize) -> bool,
    ) -> Option<AnchorInput> {
        for (i, ids) in self.en.iter_mut().enumerate() {
            if !en_words(i) {
                ids.clear();
            }
        }
        for (j, ids) in self.ar.iter_mut().enumerate() {
            if !ar_words(j) {
                ids.clear();
            }
        }
        self.classes_with(lex, true)
            .map(AnchorInput::counting_every_item)
    }

    fn classes_with(&self, lex: &Lexicon, every_item: bool) -> Option<AnchorInput> {
        // Dense ids for the English words the input has, and the Arabic words
        // that translate each.
        let mut local: IdMap<u32, u32> = IdMap::default();
        let mut reverse: IdMap<u32, Vec<(u32, f32)>> = IdMap::default();
        let en: Vec<Vec<(u32, AnchorKind)>> = self
            .en
            .iter()
            .map(|ids| {
                let mut items: Vec<(u32, AnchorKind)> = Vec::with_capacity(ids.len());
                for &e in ids {
                    let list = lex.translations(e);
                    if list.is_empty() {
                        continue;
                    }
                    let next = local.len() as u32;
                    let id = *local.entry(e).or_insert_with(|| {
                        for &(a, t) in list {
                            reverse.entry(a).or_default().push((next, t));
                        }
                        next
                    });
                    items.push((id, class_of(list.iter().map(|x| x.1))));
                }
                items.sort_unstable_by_key(|x| x.0);
                items.dedup_by_key(|x| x.0);
                items
            })
            .collect();
        let mut any = false;
        // Classes of the Arabic words that translate no English word of the input.
        let english = local.len();
        let mut foreign: IdMap<u32, u32> = IdMap::default();
        let ar: Vec<Vec<(u32, AnchorKind)>> = self
            .ar
            .iter()
            .map(|ids| {
                // Each Arabic word is one item, in the class of the English word
                // it most likely translates: an item per class it could be in
                // would count one word's miss several times.
                let mut items: Vec<(u32, AnchorKind)> = Vec::with_capacity(ids.len());
                for a in ids {
                    let best = reverse
                        .get(a)
                        .and_then(|list| list.iter().max_by(|x, y| x.1.total_cmp(&y.1)));
                    match best {
                        Some(x) => items.push((x.0, class_of(std::iter::once(x.1)))),
                        None if every_item => {
                            // Filed by how sure the lexicon is of it, as the
                            // words that translate the input's are: its class
                            // shares their match rate, which it lowers.
                            let Some(t) = lex.best_into(*a) else {
                                continue;
                            };
                            let next = (english + foreign.len()) as u32;
                            let id = *foreign.entry(*a).or_insert(next);
                            items.push((id, class_of(std::iter::once(t))));
                        }
                        None => {}
                    }
                }
                items.sort_unstable_by_key(|x| x.0);
                items.dedup_by_key(|x| x.0);
                any |= !items.is_empty();
                items
            })
            .collect();
        if !any {
            return None;
        }
        Some(AnchorInput::from_ids(en, ar, english + foreign.len()))
    }
}

/// The kinds the lexical items are filed under in their own table, each with its
/// own fitted match rates: words with a sure translation, and words whose
/// likeliest translation is a guess. A word Model 1 spread over several forms
/// (or a dictionary entry of many senses) is found on the other side less often
/// than a sure one; one rate for both would charge the uncertain word's misses
/// at the sure word's rate, and beads where the input's own lexicon is thin
/// would pay for it.
const SURE: AnchorKind = AnchorKind::Latin;
const UNSURE: AnchorKind = AnchorKind::Number;

/// `t(a | e)` from which a translation counts as sure.
const SURE_T: f32 = 0.5;

/// The kind of an item whose translations have probabilities `t`.
fn class_of(t: impl Iterator<Item = f32>) -> AnchorKind {
    match t.fold(0.0f32, f32::max) >= SURE_T {
        true => SURE,
        false => UNSURE,
    }
}

/// A lexicon trained on the likely beads of `beads` (a first alignment of
/// `en` and `ar`), seeded by `seed`, with the input's tokens in its
/// vocabularies; `None` when the input is too short to train on.
pub(super) fn self_train<E: AsRef<str>, A: AsRef<str>>(
    seed: Option<&Lexicon>,
    en: &[E],
    ar: &[A],
    beads: &[Bead],
) -> Option<(Lexicon, Tokens)> {
    if en.len() < SELF_TRAIN_MIN || ar.len() < SELF_TRAIN_MIN {
        return None;
    }
    let mut lex = seed.cloned().unwrap_or_default();
    let tokens = Tokens::interned(&mut lex, en, ar);
    let side = 1..=TEACHING_SIDE;
    let teaching: Vec<&Bead> = beads
        .iter()
        .filter(|b| b.score >= TEACHING && side.contains(&b.en.len()) && side.contains(&b.ar.len()))
        .collect();
    let step = teaching.len().div_ceil(MAX_TRAIN_BEADS).max(1);
    // Cannot panic: the beads index the sentences the tokens were made from.
    let corpus: Vec<(Vec<u32>, Vec<u32>, f32)> = teaching
        .iter()
        .step_by(step)
        .map(|b| {
            (
                tokens.en[b.en.clone()].concat(),
                tokens.ar[b.ar.clone()].concat(),
                b.score as f32,
            )
        })
        .collect();
    lex.train_ids(&corpus);
    // Only words with translations take part: the tokens of the English side are
    // filtered as `Tokens::known` filters them.
    let en = tokens
        .en
        .into_iter()
        .map(|ids| {
            ids.into_iter()
                .filter(|&e| !lex.translations(e).is_empty())
                .collect()
        })
        .collect();
    Some((lex, Tokens { en, ar: tokens.ar }))
}
