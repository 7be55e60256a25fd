//! Steps 2–4: the host script of each field, short foreign stretches kept
//! inside the host's run (Latin names inside Arabic lines and the reverse),
//! the extents of runs on a line, and merging same-script neighbours.

use super::script::{line_segments, Layout, Script, Segment};
use super::RunDetector;

/// Words per script.
#[derive(Clone, Copy, Debug, Default)]
struct Words {
    latin: usize,
    arabic: usize,
    other: usize,
}

impl Words {
    /// The count of `script`.
    fn of(&self, script: Script) -> usize {
        match script {
            Script::Latin => self.latin,
            Script::Arabic => self.arabic,
            Script::Other => self.other,
        }
    }

    /// Adds `n` words of `script`. Saturates, though the sum cannot overflow:
    /// it counts disjoint words of one text, at most one per byte.
    fn add(&mut self, script: Script, n: usize) {
        let slot = match script {
            Script::Latin => &mut self.latin,
            Script::Arabic => &mut self.arabic,
            Script::Other => &mut self.other,
        };
        *slot = slot.saturating_add(n);
    }
}

/// A piece of a line that will belong to one run: first letter to last letter.
#[derive(Clone, Copy, Debug)]
struct Piece {
    script: Script,
    start: usize,
    end: usize,
}

/// Words per script in a list of segments.
fn words_by_script(segs: &[Segment]) -> Words {
    let mut words = Words::default();
    for s in segs {
        words.add(s.script, s.words);
    }
    words
}

/// The script with the most words; ties go to the one whose segments come first.
fn majority(segs: &[Segment]) -> Option<Script> {
    majority_of(segs, &words_by_script(segs))
}

/// [`majority`] with the segments' word counts already summed.
fn majority_of(segs: &[Segment], words: &Words) -> Option<Script> {
    let mut best: Option<Script> = None;
    for s in segs {
        let better = match best {
            None => true,
            Some(b) => words.of(s.script) > words.of(b),
        };
        if better {
            best = Some(s.script);
        }
    }
    best
}

impl RunDetector {
    /// Steps 2–4: host scripts, embedding, extents and merging.
    ///
    /// Every returned `(script, start, end)` has `start < end`: a run is pushed
    /// with `start <= piece.start < piece.end <= end` (`pending_start` and
    /// `line_start` precede the line's first letter, and both choices of `end`
    /// are at least `piece.end`), and later updates of `end` come from later
    /// pieces or lines, so they only move it further right.
    pub(super) fn script_runs(&self, text: &str, layout: &Layout) -> Vec<(Script, usize, usize)> {
        let mut runs: Vec<(Script, usize, usize)> = Vec::new();
        // Start of letterless content before the first run, which joins it.
        let mut pending_start: Option<usize> = None;
        // Script of the text before the current line (the last run's script).
        let mut context: Option<Script> = None;
        let mut pieces: Vec<Piece> = Vec::new();

        for (line_no, line) in layout.lines.iter().enumerate() {
            let Some((line_start, line_end)) = line.content else {
                continue;
            };
            let line_segs = line_segments(layout, line);
            if context.is_none() && !line_segs.is_empty() {
                // Nothing precedes: borrow the majority script of the next
                // line with letters. This runs once, for the first line with
                // letters (after it `context` is always set), so it stays linear.
                // `line_no + 1` cannot overflow: `line_no < lines.len()`.
                context = layout
                    .lines
                    .get(line_no + 1..)
                    .unwrap_or_default()
                    .iter()
                    .find_map(|l| majority(line_segments(layout, l)));
            }
            pieces.clear();
            for field in layout.fields.get(line.fields.clone()).unwrap_or_default() {
                let segs = layout.segments.get(field.clone()).unwrap_or_default();
                self.field_pieces(segs, context, &mut pieces);
                if let Some(p) = pieces.last() {
                    context = Some(p.script);
                }
            }
            if pieces.is_empty() {
                // A line of digits or punctuation joins the run before it.
                match runs.last_mut() {
                    Some(last) => last.2 = line_end,
                    None => {
                        pending_start.get_or_insert(line_start);
                    }
                }
                continue;
            }
            // `k + 1` below cannot overflow: `k < pieces.len()`.
            for (k, piece) in pieces.iter().enumerate() {
                let start = if k == 0 {
                    pending_start.take().unwrap_or(line_start)
                } else {
                    piece.start
                };
                let end = match pieces.get(k + 1) {
                    // Neutral characters before the next piece join this one,
                    // up to the last non-whitespace; `next.start` is a char
                    // boundary of `text`, so the slice cannot fail.
                    Some(next) => text
                        .get(..next.start)
                        .map_or(piece.end, |s| s.trim_end().len())
                        .max(piece.end),
                    None => line_end,
                };
                match runs.last_mut() {
                    Some(last) if last.0 == piece.script => last.2 = end,
                    _ => runs.push((piece.script, start, end)),
                }
            }
        }
        runs
    }

    /// Steps 2–3 for one field: pick the host script, embed short foreign
    /// segments, and append the field's pieces (merging same-script neighbours).
    fn field_pieces(&self, segs: &[Segment], context: Option<Script>, out: &mut Vec<Piece>) {
        let words = words_by_script(segs);
        let Some(major) = majority_of(segs, &words) else {
            return;
        };
        let runner_up = Script::ALL
            .iter()
            .filter(|&&s| s != major)
            .map(|&s| words.of(s))
            .max()
            .unwrap_or(0);
        let host = match context {
            // A weak majority (e.g. one Arabic word against two Latin ones in
            // "المصدر: RT Arabic") is decided by the surrounding text.
            Some(ctx)
                if runner_up > 0
                    && words.of(major) <= runner_up.saturating_mul(2)
                    && words.of(ctx) > 0 =>
            {
                ctx
            }
            _ => major,
        };
        for seg in segs {
            let script = if seg.script == host || seg.words <= self.max_embedded_words {
                host
            } else {
                seg.script
            };
            match out.last_mut() {
                Some(last) if last.script == script => last.end = seg.end,
                _ => out.push(Piece {
                    script,
                    start: seg.start,
                    end: seg.end,
                }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::detect_runs;
    use super::super::tests::runs_of;

    #[test]
    fn short_latin_inside_arabic_line_stays_arabic() {
        for line in [
            "أعلنت شركة Facebook اليوم عن ميزة جديدة",
            "كتب الحساب @news_desk على المنصة أن الاجتماع انتهى",
            "تاريخ النشر: 3rd, May 2023 GMT",
            "المصدر: RT Arabic",
            "تابعونا على Instagram وYouTube",
        ] {
            let text = format!("عنوان الخبر الرئيسي\n{line}\nنهاية الخبر");
            assert_eq!(runs_of(&text), vec![("ar", text.as_str())], "{line}");
        }
    }

    #[test]
    fn english_sentence_glued_to_arabic_splits_exactly() {
        let text = "The ministers condemned the attack in the strongest terms.\n\
                    — city news desk (@city_desk) March 3, 2023وقال البيان إن الهجوم كان متعمدا وإن التحقيق مستمر";
        let runs = runs_of(text);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].0, "en");
        assert!(runs[0].1.ends_with("March 3, 2023"));
        assert_eq!(runs[1].0, "ar");
        assert!(runs[1].1.starts_with("وقال"));
        let spans = detect_runs(text);
        assert_eq!(spans[0].span.end, spans[1].span.start);
    }

    #[test]
    fn one_word_english_line_between_arabic_lines() {
        let text = "انتهى المقال هنا.\nComments\nأضف تعليقك";
        assert_eq!(
            runs_of(text),
            vec![
                ("ar", "انتهى المقال هنا."),
                ("en", "Comments"),
                ("ar", "أضف تعليقك")
            ]
        );
    }

    #[test]
    fn language_switcher_has_both_languages() {
        assert_eq!(
            runs_of("English | العربية"),
            vec![("en", "English |"), ("ar", "العربية")]
        );
        assert_eq!(
            runs_of("العربية | English"),
            vec![("ar", "العربية |"), ("en", "English")]
        );
    }

    #[test]
    fn short_arabic_inside_english_line_stays_english() {
        let text = "The capital (القاهرة) hosted the summit on Monday.";
        assert_eq!(runs_of(text), vec![("en", text)]);
    }

    #[test]
    fn digits_and_punctuation_join_the_run_around_them() {
        let text = "« رومية ١٢\n12 Romans 12:1 (KJV)\n2024\nمقال";
        assert_eq!(
            runs_of(text),
            vec![
                ("ar", "« رومية ١٢"),
                ("en", "12 Romans 12:1 (KJV)\n2024"),
                ("ar", "مقال")
            ]
        );
    }
}
