//! Writes one synthetic page of N lines to stdout, English and Arabic lines
//! alternating (a paragraph of one or two sentences, then its translation): the
//! page of the big-page figure in docs/BENCHMARKS.md. A million lines make
//! 118.6 MB.
//!
//! ```text
//! cargo run --release --example big_page -- 1000000 > /tmp/big1m.txt
//! cargo build --release --example align
//! /usr/bin/time -v target/release/examples/align --threads 1 /tmp/big1m.txt --format tsv > /tmp/big1m.tsv
//! ```
//!
//! The words come from the generator of the batch tests and benchmark
//! (`tests/common/pages.rs`); the page depends on N alone.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

#[path = "../tests/common/pages.rs"]
#[allow(dead_code)]
mod pages;

fn main() -> ExitCode {
    let lines = match std::env::args().nth(1).map(|n| n.parse::<usize>()) {
        Some(Ok(n)) if n > 0 => n,
        _ => {
            eprintln!("usage: big_page LINES (a positive number; the page has LINES lines)");
            return ExitCode::from(2);
        }
    };
    let mut out = BufWriter::new(io::stdout().lock());
    match pages::write_big_page(&mut out, lines).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("big_page: cannot write: {e}");
            ExitCode::FAILURE
        }
    }
}
