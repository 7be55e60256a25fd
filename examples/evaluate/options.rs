//! Command-line options of the evaluation harness.

use std::path::PathBuf;
use std::sync::Arc;

use bitext::{Aligner, AlignerBuilder, Lexicon};

/// What the command line asks for; see the crate docs of `main.rs` for each flag.
pub(crate) struct Options {
    pub(crate) root: PathBuf,
    pub(crate) fit: bool,
    pub(crate) anchors: bool,
    pub(crate) many_to_one: usize,
    pub(crate) max_bead: usize,
    pub(crate) only: Option<String>,
    pub(crate) out: Option<PathBuf>,
    /// Reliability diagrams go to this folder (`--plot`).
    pub(crate) plot: Option<PathBuf>,
    pub(crate) min_lax_f1: Option<f64>,
    /// Lattices of at most this many cells are searched whole (`--exact-up-to`).
    pub(crate) exact_up_to: usize,
    /// Sentence cases by their lengths alone (`--lengths`).
    pub(crate) lengths: bool,
    pub(crate) skip_large: bool,
    pub(crate) tail: Option<f64>,
    pub(crate) refits: usize,
    pub(crate) normal: bool,
    pub(crate) seeds: Option<PathBuf>,
    pub(crate) documents_only: bool,
    pub(crate) min_doc_f1: Option<f64>,
    /// A dictionary to seed the lexicon with (`--dictionary`).
    pub(crate) dictionary: Option<PathBuf>,
    /// A saved lexicon (`--lexicon`).
    pub(crate) lexicon_file: Option<PathBuf>,
    /// No lexicon at all, not even the self-trained one (`--no-lexicon`).
    pub(crate) no_lexicon: bool,
    /// The lexicon read from `dictionary` or `lexicon_file` (`load_lexicon`).
    pub(crate) lexicon: Option<Arc<Lexicon>>,
}

impl Options {
    /// The aligner settings that sentence cases and documents share.
    pub(crate) fn aligner(&self) -> AlignerBuilder {
        Aligner::builder()
            .fit(self.fit)
            .anchors(self.anchors)
            .many_to_one(self.many_to_one)
            .max_bead(self.max_bead)
            .exact_up_to(self.exact_up_to)
            .lexicon(self.lexicon.clone())
            .self_train(!self.no_lexicon)
    }

    /// Reads the dictionary or saved lexicon the command line names.
    pub(crate) fn load_lexicon(&mut self) -> Result<(), String> {
        let lexicon = match (&self.dictionary, &self.lexicon_file) {
            (Some(_), Some(_)) => return Err("give --dictionary or --lexicon, not both".into()),
            (Some(path), None) => Lexicon::from_dictionary(path),
            (None, Some(path)) => Lexicon::load(path),
            (None, None) => return Ok(()),
        };
        self.lexicon = Some(Arc::new(lexicon.map_err(|e| e.to_string())?));
        Ok(())
    }
}

const USAGE: &str = "usage: evaluate DEV_DIR [--no-fit] [--max-bead N] [--only SUBSTRING] \
    [--out DIR] [--plot DIR] [--min-lax-f1 F] [--skip-large] [--tail NU | --normal] [--refits N] \
    [--no-anchors] [--many-to-one K] [--lengths] [--exact-up-to CELLS] [--seeds DIR] [--documents-only] [--min-doc-f1 F] \
    [--dictionary PATH | --lexicon FILE | --no-lexicon]";

/// The argument after `flag`, parsed; `what` names it in the error ("a number").
fn value<T: std::str::FromStr>(
    args: &mut impl Iterator<Item = String>,
    flag: &str,
    what: &str,
) -> Result<T, String> {
    args.next()
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("{flag} needs {what}"))
}

pub(crate) fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut args = args.into_iter();
    let mut o = Options {
        root: PathBuf::new(),
        fit: true,
        anchors: true,
        many_to_one: 12,
        max_bead: 4,
        only: None,
        out: None,
        plot: None,
        min_lax_f1: None,
        lengths: false,
        exact_up_to: Aligner::new().config().exact_up_to(),
        skip_large: false,
        tail: None,
        refits: Aligner::new().config().max_refits(),
        normal: false,
        seeds: None,
        documents_only: false,
        min_doc_f1: None,
        dictionary: None,
        lexicon_file: None,
        no_lexicon: false,
        lexicon: None,
    };
    let mut root = None;
    while let Some(a) = args.next() {
        let args = &mut args;
        let flag = a.as_str();
        match flag {
            "--no-fit" => o.fit = false,
            "--no-anchors" => o.anchors = false,
            "--skip-large" => o.skip_large = true,
            "--normal" => o.normal = true,
            "--documents-only" => o.documents_only = true,
            "--no-lexicon" => o.no_lexicon = true,
            "--dictionary" => o.dictionary = Some(value(args, flag, "a file")?),
            "--lexicon" => o.lexicon_file = Some(value(args, flag, "a file")?),
            "--lengths" => o.lengths = true,
            "--exact-up-to" => o.exact_up_to = value(args, flag, "a number of cells")?,
            "--many-to-one" => o.many_to_one = value(args, flag, "a number")?,
            "--refits" => o.refits = value(args, flag, "a number")?,
            "--tail" => o.tail = Some(value(args, flag, "a number")?),
            "--max-bead" => o.max_bead = value(args, flag, "a number")?,
            "--min-lax-f1" => o.min_lax_f1 = Some(value(args, flag, "a number")?),
            "--min-doc-f1" => o.min_doc_f1 = Some(value(args, flag, "a number")?),
            "--only" => o.only = Some(value(args, flag, "a substring")?),
            "--out" => o.out = Some(value(args, flag, "a folder")?),
            "--plot" => o.plot = Some(value(args, flag, "a folder")?),
            "--seeds" => o.seeds = Some(value(args, flag, "a folder")?),
            "-h" | "--help" => return Err(USAGE.into()),
            _ if root.is_none() && !a.starts_with("--") => root = Some(PathBuf::from(&a)),
            _ => return Err(format!("unknown argument `{a}` (try --help)")),
        }
    }
    o.root = root.ok_or("usage: evaluate DEV_DIR [options]; DEV_DIR is e.g. ../shared/eval/dev")?;
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options, String> {
        parse_args(args.iter().map(|a| a.to_string()))
    }

    #[test]
    fn defaults_are_the_aligner_defaults_with_fit_and_anchors() {
        let o = parse(&["../shared/eval/dev"]).unwrap();
        assert_eq!(o.root, PathBuf::from("../shared/eval/dev"));
        assert!(o.fit && o.anchors && !o.skip_large && !o.normal && !o.documents_only);
        assert_eq!((o.many_to_one, o.max_bead), (12, 4));
        assert_eq!(o.refits, Aligner::new().config().max_refits());
        assert!(o.only.is_none() && o.out.is_none() && o.seeds.is_none() && o.tail.is_none());
        assert!(o.plot.is_none());
        assert!(o.min_lax_f1.is_none() && o.min_doc_f1.is_none());
    }

    #[test]
    fn every_flag_is_read() {
        let o = parse(&[
            "--no-fit",
            "--no-anchors",
            "--lengths",
            "--exact-up-to",
            "1000000000",
            "--skip-large",
            "--normal",
            "--documents-only",
            "--many-to-one",
            "5",
            "--refits",
            "3",
            "--tail",
            "4.5",
            "--max-bead",
            "3",
            "--min-lax-f1",
            "0.98",
            "--min-doc-f1",
            "0.97",
            "--only",
            "gen",
            "--out",
            "/tmp/o",
            "--plot",
            "/tmp/p",
            "--seeds",
            "s",
            "--dictionary",
            "d.index",
            "--lexicon",
            "l.txt",
            "--no-lexicon",
            "dev",
        ])
        .unwrap();
        assert_eq!(o.root, PathBuf::from("dev"));
        assert!(!o.fit && !o.anchors && o.skip_large && o.normal && o.documents_only && o.lengths);
        assert_eq!((o.many_to_one, o.refits, o.max_bead), (5, 3, 3));
        assert_eq!(o.exact_up_to, 1_000_000_000);
        assert_eq!(o.tail, Some(4.5));
        assert_eq!((o.min_lax_f1, o.min_doc_f1), (Some(0.98), Some(0.97)));
        assert_eq!(o.only.as_deref(), Some("gen"));
        assert_eq!(o.out, Some(PathBuf::from("/tmp/o")));
        assert_eq!(o.plot, Some(PathBuf::from("/tmp/p")));
        assert_eq!(o.seeds, Some(PathBuf::from("s")));
        assert_eq!(o.dictionary, Some(PathBuf::from("d.index")));
        assert_eq!(o.lexicon_file, Some(PathBuf::from("l.txt")));
        assert!(o.no_lexicon);
    }

    #[test]
    fn bad_arguments_are_refused_with_a_message() {
        let err = |args: &[&str]| parse(args).err().unwrap();
        assert_eq!(err(&["dev", "--refits"]), "--refits needs a number");
        assert_eq!(
            err(&["dev", "--min-lax-f1", "high"]),
            "--min-lax-f1 needs a number"
        );
        assert_eq!(
            err(&["dev", "--bogus"]),
            "unknown argument `--bogus` (try --help)"
        );
        assert_eq!(
            err(&["dev", "other"]),
            "unknown argument `other` (try --help)"
        );
        assert_eq!(err(&["dev", "--help"]), USAGE);
        assert!(err(&["--skip-large"]).starts_with("usage: evaluate DEV_DIR"));
    }
}
