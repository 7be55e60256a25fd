fn main() {
    let a: Vec<String> = std::env::args().collect();
    let en: Vec<String> = std::fs::read_to_string(&a[1]).unwrap().lines().map(String::from).collect();
    let ar: Vec<String> = std::fs::read_to_string(&a[2]).unwrap().lines().map(String::from).collect();
    for refits in 0..5 {
        let r = bitext::Aligner::new().max_refits(refits).align(&en, &ar).unwrap();
        println!("refits {refits}: c={:.3} s2={:.3} it={} cost={:.1} stats={:?}", r.params.ratio, r.params.variance, r.params.iterations, r.cost, r.stats);
        let mut pr = r.params.priors.clone(); pr.sort_by(|a,b| b.1.partial_cmp(&a.1).unwrap());
        println!("  {:?}", &pr[..6].iter().map(|(k,p)| format!("{k}:{p:.3}")).collect::<Vec<_>>());
    }
}
