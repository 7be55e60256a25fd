//! The anchor model's fit and costs on small inputs.

use super::*;

#[test]
fn the_search_from_a_hint_finds_the_partition_point() {
    let s: Vec<u32> = vec![1, 3, 3, 4, 8, 9, 9, 9, 15, 20, 21, 40];
    for x in 0..45 {
        let want = s.partition_point(|&v| (v as usize) < x);
        for hint in 0..=s.len() + 2 {
            assert_eq!(lower_bound_near(&s, x, hint), want, "x {x} hint {hint}");
        }
    }
    assert_eq!(lower_bound_near(&[], 3, 0), 0);
}

#[test]
fn no_shared_anchor_gives_no_table() {
    let input = AnchorInput::from_text(&["In 1990."], &["في 1991."]);
    assert!(AnchorTable::fit(&input, &[(0, 0), (1, 1)]).is_none());
}

#[test]
fn rare_matches_lower_the_cost_and_misses_raise_it() {
    // Ten 1-1 beads; sentence 3 on each side carries the number 1902.
    let mut en = vec!["It rained."; 10];
    let mut ar = vec!["أمطرت."; 10];
    en[3] = "It rained in 1902.";
    ar[3] = "أمطرت عام ١٩٠٢.";
    let input = AnchorInput::from_text(&en, &ar);
    let path: Vec<(usize, usize)> = (0..=10).map(|k| (k, k)).collect();
    let table = AnchorTable::fit(&input, &path).unwrap();
    // The whole anchor term of the 1-1 bead English i−1 against Arabic j−1.
    let cost = |i: usize, j: usize| {
        let mut c = [table.en_miss(i, 1) + table.ar_miss(j, 1)];
        table.add_costs(1, 1, i, j, &mut c);
        c[0]
    };
    let (right, wrong, none) = (cost(4, 4), cost(4, 5), cost(2, 2));
    assert!(right < 0.0, "{right}");
    assert!(wrong > 0.0, "{wrong}");
    assert!(wrong > none && none == 0.0, "{none}");
    // A match is worth more than a miss costs when p > q.
    assert!(-right > wrong, "{right} {wrong}");
    let rates = table.rates();
    assert_eq!(rates.len(), 1);
    assert_eq!(rates[0].kind, AnchorKind::Number);
}

#[test]
fn items_of_one_side_weigh_only_where_every_item_counts() {
    // Ids 0..4 are on both sides, one a sentence; sentence 4's English holds
    // ids 5 and 6, which no Arabic sentence has.
    let kind = AnchorKind::Latin;
    let en: Vec<Vec<(u32, AnchorKind)>> = vec![
        vec![(0, kind)],
        vec![(1, kind)],
        vec![(2, kind)],
        vec![(3, kind)],
        vec![(5, kind), (6, kind)],
    ];
    let ar: Vec<Vec<(u32, AnchorKind)>> = (0..5).map(|k| vec![(k.min(4), kind)]).collect();
    let path: Vec<(usize, usize)> = (0..=5).map(|k| (k, k)).collect();
    let input = AnchorInput::from_ids(en, ar, 7);
    let pairing_cost = |input: &AnchorInput| {
        let table = AnchorTable::fit(input, &path).unwrap();
        table.en_miss(5, 1)
    };
    // Shared ids only: sentence 4 has no item, so pairing it costs nothing.
    assert_eq!(pairing_cost(&input), 0.0);
    // Every item: its two items miss in every bead that pairs it.
    assert!(pairing_cost(&input.counting_every_item()) > 1.0);
}

#[test]
fn shared_lookups_price_as_the_plain_lookup_does() {
    // Forty and fifty sentences whose ids repeat in neighbouring sentences
    // (the same id twice in a bead is counted once) and at other rates, so
    // that rows find several matches.
    let kind = AnchorKind::Latin;
    let side = |n: usize, step: usize| -> Vec<Vec<(u32, AnchorKind)>> {
        (0..n)
            .map(|k| {
                let mut ids: Vec<u32> = [k / 2, (k * step) % 11 + 30, k % 2 + 45]
                    .iter()
                    .map(|&x| x as u32)
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                ids.into_iter().map(|id| (id, kind)).collect()
            })
            .collect()
    };
    let (n, m) = (40, 50);
    let input = AnchorInput::from_ids(side(n, 3), side(m, 5), 47);
    let path: Vec<(usize, usize)> = (0..=n).map(|k| (k, k * m / n)).collect();
    let table = AnchorTable::fit(&input, &path).unwrap();
    let mut priced = 0;
    // Rows forgotten between them (as a sweep does) and not; each run priced
    // with a reach that holds every run of its English count in the row, one
    // too short for any (the slot must look further itself), and its own, each
    // kind of reach with lookups of its own.
    for forget in [true, false] {
        let mut caches: [RowMatches; 3] = Default::default();
        for i in 1..=n {
            if forget {
                caches.iter_mut().for_each(RowMatches::forget);
            }
            // The moves of a row in a model's order, counts interleaved.
            for (a, b) in [
                (1, 1),
                (2, 1),
                (1, 2),
                (2, 2),
                (1, 3),
                (3, 1),
                (3, 2),
                (1, 4),
            ] {
                if a > i || b > m {
                    continue;
                }
                // A band of a few cells around the path, and runs that are the
                // whole of it or a part (as a window's or a stored run's are).
                let centre = i * m / n;
                let lo = centre.saturating_sub(3).max(b);
                let hi = (centre + 3).min(m);
                for (e0, end) in [(lo, hi + 1), (lo + 1, hi), (hi, hi + 1)] {
                    if e0 >= end {
                        continue;
                    }
                    let wide = ((lo - b).min(lo.saturating_sub(4)), hi + 1);
                    let reaches = [wide, (e0, e0), (e0 - b, end)];
                    for (cache, reach) in caches.iter_mut().zip(reaches) {
                        let mut plain = vec![0.25; end - e0];
                        let mut shared = plain.clone();
                        table.add_costs(a, b, i, e0, &mut plain);
                        table.add_costs_shared(cache, (a, b, reach), i, e0, &mut shared);
                        let at = format!("row {i}, move {a}-{b}, run {e0}..{end}, {reach:?}");
                        assert_eq!(plain, shared, "{at}");
                        priced += plain.iter().filter(|&&c| c != 0.25).count();
                    }
                }
            }
        }
    }
    assert!(priced > 500, "{priced} beads with a match");
}

#[test]
fn english_words_are_latin_anchors_only_where_arabic_has_them() {
    let latin = |input: &AnchorInput| -> Vec<Vec<u32>> {
        input
            .en
            .iter()
            .map(|s| {
                s.iter()
                    .filter(|x| x.1 == AnchorKind::Latin)
                    .map(|x| x.0)
                    .collect()
            })
            .collect()
    };
    let en = ["Install Linux first.", "Then run it."];
    let with = AnchorInput::from_text(&en, &["ثبّت Linux أولا.", "ثم شغّله."]);
    let linux = with.ar[0]
        .iter()
        .find(|x| x.1 == AnchorKind::Latin)
        .map(|x| x.0);
    assert!(linux.is_some());
    assert_eq!(latin(&with), vec![vec![linux.unwrap()], vec![]]);
    let without = AnchorInput::from_text(&en, &["ثبّت لينكس أولا.", "ثم شغّله."]);
    assert_eq!(latin(&without), vec![Vec::<u32>::new(), vec![]]);
}
