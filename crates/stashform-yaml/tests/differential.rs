//! The fast path against saphyr-parser: for any text, `for_each_event` gives the same events,
//! spans and syntax error as saphyr-parser alone. Inputs: hand-picked edge cases and generated
//! block YAML. (The repository's fixtures and fuzz corpora are replayed by the core's
//! `tests/fixtures.rs` and `tests/fuzz_corpus.rs`.)

use proptest::prelude::*;

fn assert_same(text: &str) {
    if let Some(difference) = stashform_yaml::differs_from_saphyr(text) {
        panic!("{difference}");
    }
}

#[test]
fn edge_cases_give_the_same_events() {
    let cases = [
        "",
        "\n\n",
        "# only a comment",
        "a: 1",
        "a: 1\n",
        "a:\n",
        "a:",
        "a: 1\nb:\n  c: x y  # c\n  d: \"q\"\n  e:\n  f: 's'\nl:\n- 1\n-  x\n-\n- k: v\n  m: n\n\n# end\n",
        "# head\n\n---\nk:\n- a\n- b:  \n    c: 1\n  d: 2\nz: -x:y #t\n--- # c\nq: ü\n---\n- - a\n  - b\n- x: \n  y:\n\n",
        "a:   # c\nb: 1\nk:\n-   # c\n- x\nm:\n-\n- y\nn:\n- # c\n  p: 1\ns:\n  -\n  - z\n",
        "a: b: c\n",
        "a: 1\n b: 2\n",
        "a:\n    b: 1\n  c: 2\n",
        "a: x\n  y\n",
        "a: x # c\n  y\n",
        "- a\nb: 1\n",
        "k:\n  - a\n  b: 1\n",
        "a: 1\n- x\n",
        "a :1\n",
        "a : 1\n",
        "\"a\": 1\n'b': 2\n\"c\" : 3\n",
        "a: 'x''y'\n",
        "a: \"x\\ny\"\n",
        "a: \"x\n  y\"\n",
        "a: 'x\n  y'\n",
        "a: \"x\"y\n",
        "a: \"x\" # c\n",
        "a: \"x\"# c\n",
        "a: 1\n---\n",
        "a: 1\n---\n---\nb: 2\n",
        "---\n",
        "--- a\n",
        "--- # c\na: 1\n",
        "a: 1\n...\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: 1\n---\nb: [1]\n---\nc: 3\n",
        "a: 1\n---\nb: 2\nc: 3\n  d: 4\n---\ne: 5\n",
        "a: --- x\n",
        "---x: 1\n",
        "...x: 1\n",
        "a:b: c\n",
        "a: b:c\n",
        "a: b #c\n",
        "a: b#c\n",
        "a: #c\n  b: 1\n",
        "- - - a\n    - b\n  - c\n- d\n",
        "-\n-\n",
        "- \n- x\n",
        "k:\n-\n- x\n",
        "k:\n- a: 1\n  b: 2\n- c\nz: 1\n",
        "  a: 1\n  b: 2\n",
        "  a: 1\nb: 2\n",
        "a\n",
        "- a\n  b\n",
        "a: -\n",
        "a: - x\n",
        "a: ?x\n",
        "a: :x\n",
        "?x: 1\n",
        ":x: 1\n",
        "-x: 1\n",
        "a: ,\n",
        "a: x, y [z] {w}\n",
        "a: 1\r\nb: 2\r\n",
        "a:\tb\n",
        "\u{feff}a: 1\n",
        "a: ü\nb: é ü # ç\n",
        "ü: 1\n",
        "a: 1 \n  \nb: 2   \n",
        "a:\n\n\n  b: 1\n\n",
        "a:\n  # c\n  b: 1\n",
        "a:\n# c\n  b: 1\n",
        "a: 1\n   # deeper comment\nb: 2\n",
        "y: n\n010: 0x1F\n",
        "a: 1\na: 2\n",
        "<<: {a: 1}\n",
        "a:\n  <<:\n    b: 1\n  c: 2\n",
    ];
    for case in cases {
        assert_same(case);
    }
    let long_key = format!("{}: 1\n", "k".repeat(1023));
    assert_same(&long_key);
    assert_same(&format!("{}: 1\n", "k".repeat(1030)));
    let deep: String = (0..80)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    assert_same(&deep);
}

/// Lines of block YAML, right and wrong, to be put together at random.
const FRAGMENTS: &[&str] = &[
    "- ",
    "-",
    "k: v",
    "key:",
    "- k: v",
    "- - x",
    "a b: c",
    "x",
    "'q'",
    "\"d\"",
    "'a''b'",
    "\"e\\n\"",
    "k: 'v'",
    "\"k\": 1",
    "k: v # c",
    "# c",
    "",
    "---",
    "--- # c",
    "...",
    "k: [a]",
    "k: &a x",
    "k: *a",
    "k: |",
    "a:b",
    "k:   ",
    "-x",
    "? k",
    ": v",
    "k: v: w",
    "k :",
    "k: -",
    "k: - x",
    " #x",
    "k: ü",
    "%YAML 1.2",
    "k: 1",
    "k: 'x",
    "k: \"x",
    "y\"",
    "- 'a': b",
    "- \"a\"",
    "k:#x",
    "k: x#y",
    "- # c",
    "-  k:",
    "<<: x",
];

fn block_yaml() -> impl Strategy<Value = String> {
    let line = (0usize..7, prop::sample::select(FRAGMENTS));
    (prop::collection::vec(line, 0..24), any::<bool>()).prop_map(|(lines, newline)| {
        let mut text = lines
            .iter()
            .map(|(indent, fragment)| format!("{}{fragment}", " ".repeat(*indent)))
            .collect::<Vec<_>>()
            .join("\n");
        if newline {
            text.push('\n');
        }
        text
    })
}

/// Mostly valid: nested mappings and sequences with the indentation right.
fn nested_yaml() -> impl Strategy<Value = String> {
    let leaf = prop::sample::select(&["v", "'s'", "\"d\"", "1", "a b", "x # c", "", "-y", "ü"][..])
        .prop_map(|value| value.to_owned());
    leaf.prop_recursive(5, 48, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..5).prop_map(|items| {
                items
                    .iter()
                    .map(|item| block_entry("- ", item))
                    .collect::<String>()
            }),
            prop::collection::vec(inner, 1..5).prop_map(|values| {
                values
                    .iter()
                    .enumerate()
                    .map(|(i, value)| block_entry(&format!("k{i}:"), value))
                    .collect::<String>()
            }),
        ]
    })
}

/// `head` then `value`: on the same line for a scalar, indented below for a collection.
fn block_entry(head: &str, value: &str) -> String {
    if value.contains('\n') {
        let body: String = value.lines().map(|line| format!("  {line}\n")).collect();
        format!("{}\n{body}", head.trim_end())
    } else {
        format!("{} {value}\n", head.trim_end())
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_lines_give_the_same_events(text in block_yaml()) {
        assert_same(&text);
    }

    #[test]
    fn generated_trees_give_the_same_events(text in nested_yaml()) {
        assert_same(&text);
        assert_same(&format!("---\n{text}---\n{text}"));
    }
}
