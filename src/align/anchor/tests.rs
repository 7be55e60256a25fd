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
