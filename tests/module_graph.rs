//! The crate's modules depend on each other in one direction: document → runs →
//! sentences → beads → pairs, with no cycle. Read off the source: every
//! `crate::module` and `super::module` path in code (not in comments) is an edge
//! from the file's module to the module it names; edges to a module's own
//! ancestors (whose `mod.rs` only declares and re-exports) are left out. Inside
//! the crate, types are imported by their module path, not through the root's
//! re-exports, so that those cannot hide a cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Module path of a source file: `src/document/units.rs` → `document::units`,
/// `src/align/mod.rs` → `align`, `src/lib.rs` → ``.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("a file under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts.join("::")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("a readable source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a line: without its `//` comment (doc comments included).
fn code(line: &str) -> &str {
    match line.find("//") {
        Some(at) => &line[..at],
        None => line,
    }
}

/// Identifiers following each occurrence of `prefix` in `line` (`crate::`,
/// `super::`), with `{a, b}` groups opened: the first segment of each path.
fn first_segments(line: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(prefix) {
        rest = &rest[at + prefix.len()..];
        let group = rest.starts_with('{');
        let body = if group {
            &rest[1..rest.find('}').unwrap_or(rest.len())]
        } else {
            rest
        };
        for item in body.split(',') {
            let ident: String = item
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !ident.is_empty() {
                out.push(ident);
            }
            if !group {
                break;
            }
        }
    }
    out
}

/// Module → the modules its code names.
fn graph() -> (BTreeMap<String, BTreeSet<String>>, Vec<String>) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut root_imports = Vec::new();
    for file in &files {
        let here = module_of(&src, file);
        let text = fs::read_to_string(file).expect("a readable source file");
        let parent = here.rsplit_once("::").map_or("", |(p, _)| p).to_string();
        for (n, line) in text.lines().enumerate() {
            let line = code(line);
            for name in first_segments(line, "crate::") {
                if name.starts_with(char::is_uppercase) && !here.is_empty() {
                    root_imports.push(format!("{}:{}: crate::{name}", file.display(), n + 1));
                }
                if modules.contains(&name) {
                    edges.entry(here.clone()).or_default().insert(name);
                }
            }
            // `super::x` in a file names its parent's child `x`; in a `mod.rs`
            // or an inline `mod tests`, the same rule reaches a sibling or the
            // module itself, which the ancestor rule below drops.
            for name in first_segments(line, "super::") {
                let target = if parent.is_empty() {
                    name
                } else {
                    format!("{parent}::{name}")
                };
                if modules.contains(&target) {
                    edges.entry(here.clone()).or_default().insert(target);
                }
            }
        }
    }
    // Edges to a module's ancestors or to itself are declarations and re-exports.
    for (from, to) in edges.iter_mut() {
        to.retain(|t| {
            !(t == from
                || from.starts_with(&format!("{t}::"))
                || t.starts_with(&format!("{from}::")))
        });
    }
    (edges, root_imports)
}

/// A cycle through `start`, if there is one (depth-first search).
fn cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|s| s == node) {
            let mut c = stack[at..].to_vec();
            c.push(node.to_string());
            return Some(c);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, edges, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|n| visit(n, edges, &mut Vec::new(), &mut done))
}

/// Edges between top-level modules, from the edges between their descendants.
fn top_level(edges: &BTreeMap<String, BTreeSet<String>>) -> BTreeMap<String, BTreeSet<String>> {
    let top = |m: &str| m.split("::").next().unwrap_or("").to_string();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, to) in edges {
        for t in to {
            if top(from) != top(t) {
                out.entry(top(from)).or_default().insert(top(t));
            }
        }
    }
    out
}

#[test]
fn no_module_cycle() {
    let (edges, _) = graph();
    assert!(
        edges.contains_key("document::aligner"),
        "the graph was read"
    );
    assert_eq!(cycle(&edges), None, "a cycle between modules");
    assert_eq!(
        cycle(&top_level(&edges)),
        None,
        "a cycle between top-level modules"
    );
}

#[test]
fn the_pipeline_points_one_way() {
    let (edges, _) = graph();
    let top = top_level(&edges);
    let uses = |a: &str, b: &str| top.get(a).is_some_and(|s| s.contains(b));
    assert!(uses("document", "align") && uses("document", "runs"));
    for lower in [
        "align",
        "runs",
        "sentences",
        "anchors",
        "chars",
        "parallelism",
    ] {
        assert!(!uses(lower, "document"), "{lower} uses document");
        assert!(!uses(lower, "write") && !uses(lower, "batch"), "{lower}");
    }
}

#[test]
fn the_crate_imports_by_module_path() {
    let (_, root_imports) = graph();
    assert!(root_imports.is_empty(), "{root_imports:#?}");
}

#[test]
fn the_reader_finds_cycles() {
    // The check itself: a two-module cycle and a longer one are found, a chain is not.
    let g = |pairs: &[(&str, &str)]| {
        let mut m: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in pairs {
            m.entry(a.to_string()).or_default().insert(b.to_string());
        }
        m
    };
    assert!(cycle(&g(&[("a", "b"), ("b", "a")])).is_some());
    assert!(cycle(&g(&[("a", "b"), ("b", "c"), ("c", "a")])).is_some());
    assert!(cycle(&g(&[("a", "b"), ("b", "c")])).is_none());
    assert_eq!(
        first_segments("use crate::{align::X, runs};", "crate::"),
        ["align", "runs"]
    );
    assert_eq!(
        first_segments("let x = super::units::f();", "super::"),
        ["units"]
    );
}
