//! The aligner's entry points: sentences given as text (measured, with their
//! anchors, the lexicon's classes and self-training) or as lengths, and the page
//! model's calls with match costs. Each hands the search (`super::search`) the
//! terms of its bead costs.

use std::sync::Arc;

use super::anchor::AnchorInput;
use super::content::Content;
use super::costs::MatchCosts;
use super::grain::Grain;
use super::lattice::Lattice;
use super::lexical::{self, Tokens};
use super::search::{path_of, Start, Terms};
use super::{Aligner, Alignment, Bead};
use crate::normalize::measure_len;

impl Aligner {
    /// Aligns sentences given as text, measuring each with [`measure_len`] and,
    /// unless turned off, matching their anchors (see
    /// [`AlignerBuilder::anchors`](super::AlignerBuilder::anchors)).
    /// The two sides may hold different string types (`&[String]` and `&[&str]`).
    ///
    /// Where a unit holds several sentences (a paragraph against single sentences),
    /// the model runs on the sentences and the beads are reported over the units
    /// given; see [`Alignment::params`].
    pub fn align<E: AsRef<str>, A: AsRef<str>>(&mut self, en: &[E], ar: &[A]) -> Alignment {
        match &Grain::split(en, ar) {
            Some(g) => self.align_text(&g.en.sentences, &g.ar.sentences, Some(g)),
            None => self.align_text(en, ar, None),
        }
    }

    /// [`Aligner::align`] on `en` and `ar` taken as sentences; with a `grain`, they
    /// are its sentences and the beads are reported over its units.
    fn align_text<E: AsRef<str>, A: AsRef<str>>(
        &mut self,
        en: &[E],
        ar: &[A],
        grain: Option<&Grain>,
    ) -> Alignment {
        let le: Vec<usize> = en.iter().map(|s| measure_len(s.as_ref())).collect();
        let la: Vec<usize> = ar.iter().map(|s| measure_len(s.as_ref())).collect();
        let anchors = self.config.anchors.then(|| AnchorInput::from_text(en, ar));
        self.content = Content::of(en, ar);
        let visited_before = self.lattice.visited.saturating_add(self.window.visited);
        // Match costs are the page model's: its units are weighed by their words
        // where a lexicon is given, every word it knows taking part.
        let lexicon = self.config.lexicon.clone();
        let classes = lexicon.as_deref().and_then(|lex| {
            let tokens = Tokens::known(lex, en, ar);
            match self.matches.as_deref() {
                Some(m) => tokens.unit_classes(lex, |i| m.weighs_en(i), |j| m.weighs_ar(j)),
                None => tokens.classes(lex),
            }
        });
        // Self-training aligns a second time, with a lexical term, where the
        // input is long enough to train on: the first alignment teaches a
        // lexicon, whose classes the second one weighs.
        let trains = self.config.self_train
            && self.matches.is_none()
            && en.len().min(ar.len()) >= lexical::SELF_TRAIN_MIN;
        let teach = |beads: &[Bead]| {
            lexical::self_train(lexicon.as_deref(), en, ar, beads)
                .and_then(|(lex, tokens)| tokens.classes(&lex))
        };
        let terms = Terms {
            anchors: anchors.as_ref(),
            lexical: classes.as_ref(),
            teach: trains.then_some(&teach),
        };
        let (mut out, mut units, taught) = self.align_inner(&le, &la, terms, grain);
        if let Some(classes) = taught {
            let first = Start {
                path: path_of(&out.beads, &out.params),
                params: out.params.clone(),
                visited_before,
            };
            let terms = Terms {
                anchors: anchors.as_ref(),
                lexical: Some(&classes),
                teach: None,
            };
            (out, units) = self.finish(&le, &la, terms, grain, first);
        }
        self.content = None;
        let be: Vec<usize> = en.iter().map(|s| s.as_ref().len()).collect();
        let ba: Vec<usize> = ar.iter().map(|s| s.as_ref().len()).collect();
        // The text's parallelism, from the sentence beads.
        out.parallelism =
            super::evidence::parallelism_of_beads(&out.beads, &be, &ba, anchors.as_ref());
        if let Some(units) = units {
            out.beads = units;
        }
        out
    }

    /// [`Aligner::align`] with a cost for matching each sentence beyond the bead
    /// priors (see `MatchCosts`): how the document aligner tells page furniture
    /// from content. The costs belong to the units given, so the units are aligned
    /// as they are, never split into their sentences.
    pub(crate) fn align_with_match_costs<E: AsRef<str>, A: AsRef<str>>(
        &mut self,
        en: &[E],
        ar: &[A],
        costs: MatchCosts,
    ) -> Alignment {
        self.with_matches(costs, |a| a.align_text(en, ar, None))
    }

    /// [`Aligner::align_lengths`] with per-sentence match costs (see
    /// [`Aligner::align_with_match_costs`]).
    pub(crate) fn align_lengths_with_match_costs(
        &mut self,
        en: &[usize],
        ar: &[usize],
        costs: MatchCosts,
    ) -> Alignment {
        self.with_matches(costs, |a| a.align_lengths(en, ar))
    }

    /// Runs `f` with the match costs set for its one call, and clears them after.
    fn with_matches<T>(&mut self, costs: MatchCosts, f: impl FnOnce(&mut Self) -> T) -> T {
        self.matches = Some(Arc::new(costs));
        let out = f(self);
        self.matches = None;
        out
    }

    /// Frees the dynamic-programming buffers when they hold more than `bytes`:
    /// reuse pays on many small inputs, while one huge input should not pin its
    /// buffers (a hundred megabytes for a million units) for the aligner's life.
    pub(crate) fn release_scratch_above(&mut self, bytes: usize) {
        for lattice in [&mut self.lattice, &mut self.window] {
            if lattice.scratch_bytes() > bytes {
                *lattice = Lattice::default();
            }
        }
    }

    /// Aligns sentences given by their lengths.
    pub fn align_lengths(&mut self, en: &[usize], ar: &[usize]) -> Alignment {
        let terms = Terms {
            anchors: None,
            lexical: None,
            teach: None,
        };
        let (mut out, _, _) = self.align_inner(en, ar, terms, None);
        out.parallelism = super::evidence::parallelism_of_beads(&out.beads, en, ar, None);
        out
    }
}
