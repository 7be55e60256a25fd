//! What a sentence holds beyond its length: whether it has letters, only digits,
//! or nothing to translate at all.
//!
//! Lengths alone let an empty line or a lone mark ("", ".", "-") stand in for a
//! translation: its length is near that of a short sentence's share of a bead, and
//! a trailing one at the end of a list pulls every pair after a dropped sentence
//! out of phase. So the model takes two facts from the text:
//!
//! - an item with neither letters nor digits carries no evidence either way: it
//!   stands alone, as a 1-0 or 0-1 bead that costs nothing, where any other
//!   sentence pays the kind's prior. A bead with both sides that holds such an
//!   item costs ∞: merged into a neighbour it would make that bead look like one
//!   of more sentences, whose prior the sentence counts tilt;
//! - a side of a bead without letters (lone numbers) never pairs with a side that
//!   has them: such a bead costs ∞. A lone number can still pair with a lone
//!   number (list numbers, years), stand alone at the usual prior, or join a
//!   neighbour in a larger bead whose side has letters.

use std::sync::Arc;

/// What one item holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holds {
    /// Neither letters nor digits.
    Nothing,
    /// Digits but no letters.
    Number,
    /// Letters.
    Text,
}

fn holds(text: &str) -> Holds {
    let mut digits = false;
    for c in text.chars() {
        // The Arabic block's base letters first: most Arabic items start with one,
        // and the general table lookup is slow outside ASCII.
        if matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') || c.is_alphabetic() {
            return Holds::Text;
        }
        digits |= c.is_numeric();
    }
    if digits {
        Holds::Number
    } else {
        Holds::Nothing
    }
}

/// One side's items, for the two rules above.
#[derive(Debug, Clone, Default)]
struct Side {
    /// `with_text[s]`: how many of items `0..s` have letters.
    with_text: Vec<usize>,
    /// `nothing[s]`: how many of items `0..s` hold neither letters nor digits.
    nothing: Vec<usize>,
    /// The items that hold neither letters nor digits, in order.
    nothing_items: Vec<usize>,
    /// The maximal runs `start..end` of consecutive items without letters.
    textless_runs: Vec<(usize, usize)>,
}

impl Side {
    fn new<S: AsRef<str>>(items: &[S]) -> Side {
        let mut side = Side {
            with_text: Vec::with_capacity(items.len() + 1),
            nothing: Vec::with_capacity(items.len() + 1),
            nothing_items: Vec::new(),
            textless_runs: Vec::new(),
        };
        side.with_text.push(0);
        side.nothing.push(0);
        let mut run_start = None;
        for (s, item) in items.iter().enumerate() {
            let h = holds(item.as_ref());
            let count = side.with_text[s] + usize::from(h == Holds::Text);
            side.with_text.push(count);
            side.nothing
                .push(side.nothing[s] + usize::from(h == Holds::Nothing));
            if h == Holds::Nothing {
                side.nothing_items.push(s);
            }
            match (h == Holds::Text, run_start) {
                (false, None) => run_start = Some(s),
                (true, Some(start)) => {
                    side.textless_runs.push((start, s));
                    run_start = None;
                }
                _ => {}
            }
        }
        if let Some(start) = run_start {
            side.textless_runs.push((start, items.len()));
        }
        side
    }

    /// How many of items `end − count..end` a prefix count counts (0 outside).
    fn count(prefix: &[usize], end: usize, count: usize) -> usize {
        match (
            prefix.get(end),
            end.checked_sub(count).and_then(|s| prefix.get(s)),
        ) {
            (Some(&hi), Some(&lo)) => hi - lo,
            _ => 0,
        }
    }

    /// Whether items `end − count..end` hold no letters.
    fn textless(&self, end: usize, count: usize) -> bool {
        Side::count(&self.with_text, end, count) == 0
    }

    /// Whether some item of `end − count..end` holds neither letters nor digits.
    fn with_nothing(&self, end: usize, count: usize) -> bool {
        Side::count(&self.nothing, end, count) > 0
    }
}

/// The two sides' items, as the cost model reads them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Content {
    en: Side,
    ar: Side,
}

impl Content {
    /// The table for `en` and `ar`, or `None` when every item of both has letters:
    /// then neither rule applies and the model prices beads by lengths alone.
    pub(crate) fn of<E: AsRef<str>, A: AsRef<str>>(en: &[E], ar: &[A]) -> Option<Arc<Content>> {
        let content = Content {
            en: Side::new(en),
            ar: Side::new(ar),
        };
        let all_text = content.en.textless_runs.is_empty() && content.ar.textless_runs.is_empty();
        (!all_text).then(|| Arc::new(content))
    }

    /// What the English items `end − count..end` hold, as `en_side` reads it.
    pub(super) fn en_side(&self, end: usize, count: usize) -> EnSide {
        if self.en.with_nothing(end, count) {
            EnSide::WithNothing
        } else if self.en.textless(end, count) {
            EnSide::Numbers
        } else {
            EnSide::Text
        }
    }

    /// Whether English item `s` holds neither letters nor digits.
    pub(super) fn en_holds_nothing(&self, s: usize) -> bool {
        self.en.with_nothing(s + 1, 1)
    }

    /// Whether Arabic item `s` holds neither letters nor digits.
    pub(super) fn ar_holds_nothing(&self, s: usize) -> bool {
        self.ar.with_nothing(s + 1, 1)
    }

    /// Sets to ∞ the costs in `out` of the beads of `b ≥ 1` Arabic items ending at
    /// `e0`, `e0 + 1`, … against an English side `en`, where the rules above
    /// forbid them. Against English with letters, the Arabic sides without letters
    /// are found from the runs of such items and those with an item that holds
    /// nothing from a list of them, so that Arabic made of letters throughout
    /// costs two searches.
    pub(super) fn forbid(&self, en: EnSide, b: usize, e0: usize, out: &mut [f64]) {
        match en {
            EnSide::WithNothing => out.fill(f64::INFINITY),
            EnSide::Numbers => {
                for (x, cost) in out.iter_mut().enumerate() {
                    let j = e0 + x;
                    if !self.ar.textless(j, b) || self.ar.with_nothing(j, b) {
                        *cost = f64::INFINITY;
                    }
                }
            }
            EnSide::Text => {
                // Ends j whose items j − b..j lie in one run start..end:
                // start + b ≤ j ≤ end.
                let runs = &self.ar.textless_runs;
                let first = runs.partition_point(|&(_, end)| end < e0);
                for &(start, end) in &runs[first..] {
                    if !forbid_ends(out, e0, start + b, end) {
                        break;
                    }
                }
                // Ends j whose items hold item s: s + 1 ≤ j ≤ s + b.
                let items = &self.ar.nothing_items;
                let first = items.partition_point(|&s| s + b < e0);
                for &s in &items[first..] {
                    if !forbid_ends(out, e0, s + 1, s + b) {
                        break;
                    }
                }
            }
        }
    }
}

/// What the English side of a bead holds, for [`Content::forbid`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum EnSide {
    /// Some item with letters and none that holds nothing.
    #[default]
    Text,
    /// Only items with digits and no letters.
    Numbers,
    /// An item that holds neither letters nor digits.
    WithNothing,
}

/// Sets to ∞ the costs in `out` (of the beads ending at `e0`, `e0 + 1`, …) of the
/// ends `first..=last`; false when `first` lies past `out`, as every later
/// range of an ordered search does.
fn forbid_ends(out: &mut [f64], e0: usize, first: usize, last: usize) -> bool {
    let end = e0 + out.len();
    let from = first.max(e0);
    if from >= end {
        return false;
    }
    let to = last.min(end - 1);
    for cost in out.iter_mut().take(to + 1 - e0).skip(from - e0) {
        *cost = f64::INFINITY;
    }
    true
}

impl Content {
    /// Whether the Arabic items `end − count..end` hold no letters (tests).
    #[cfg(test)]
    fn ar_textless(&self, end: usize, count: usize) -> bool {
        self.ar.textless(end, count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_hold_letters_numbers_or_nothing() {
        assert_eq!(holds(""), Holds::Nothing);
        assert_eq!(holds(" . - "), Holds::Nothing);
        assert_eq!(holds("12."), Holds::Number);
        assert_eq!(holds("١٢"), Holds::Number);
        assert_eq!(holds("قال"), Holds::Text);
        assert_eq!(holds("3 apples"), Holds::Text);
    }

    /// `forbid` agrees with checking every bead's two sides one by one.
    #[test]
    fn forbidden_beads_are_those_the_rules_forbid() {
        let ar = ["a", "", "1", "b", ".", "", "c", "-", "3", "4", "d"];
        let en = ["x", "", "2", "5", "y"];
        let content = Content::of(&en, &ar).unwrap();
        let what = |items: &[&str]| {
            let nothing = items.iter().any(|s| holds(s) == Holds::Nothing);
            let text = items.iter().any(|s| holds(s) == Holds::Text);
            (nothing, text)
        };
        for b in 1..=3 {
            for end in 1..=en.len() {
                for a in 1..=end {
                    let (en_nothing, en_text) = what(&en[end - a..end]);
                    let side = content.en_side(end, a);
                    for e0 in b..=ar.len() {
                        for len in 1..=ar.len() + 1 - e0 {
                            let mut out = vec![1.0; len];
                            content.forbid(side, b, e0, &mut out);
                            for (x, &c) in out.iter().enumerate() {
                                let j = e0 + x;
                                let (ar_nothing, ar_text) = what(&ar[j - b..j]);
                                let allowed = !en_nothing && !ar_nothing && en_text == ar_text;
                                let want = if allowed { 1.0 } else { f64::INFINITY };
                                assert_eq!(c, want, "b {b} en {end}/{a} e0 {e0} x {x}");
                                assert_eq!(content.ar_textless(j, b), !ar_text);
                            }
                        }
                    }
                }
            }
        }
    }
}
