//! The quote engine on the five seeds against hand-labelled gold (`tests/fixtures/seeds.quotes.json`,
//! a copy of `shared/gold/seeds.quotes.json`), scored the way `shared/tools/quote_eval.py` scores:
//! a gold quote is found when one prediction covers >= 80% of its tokens in order; a prediction is
//! correct when >= 80% of its tokens are covered by one gold quote.

mod support;

use std::path::Path;

use aes_reader::corpus::Store;
use aes_reader::corpus::quote::{QuoteIndex, common_in_order};
use serde_json::Value;
use support::tokens;

fn covered(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() {
        0.0
    } else {
        common_in_order(a, b) as f64 / a.len() as f64
    }
}

#[test]
fn seed_quotes_reach_the_precision_recall_and_attribution_targets() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let store = Store::load(&root.join("articles")).unwrap();
    let index = QuoteIndex::build(&store);
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/fixtures/seeds.quotes.json")).unwrap(),
    )
    .unwrap();
    let aliases = gold["speaker_aliases"].as_object().unwrap();
    let (
        mut n_gold,
        mut found,
        mut n_pred,
        mut correct,
        mut attr_total,
        mut attr_ok,
        mut null_named,
    ) = (0, 0, 0, 0, 0, 0, 0);
    for (file, golds) in gold["articles"].as_object().unwrap() {
        let article = store.articles().iter().find(|a| a.file == *file).unwrap();
        let preds = index.quotes(&article.id);
        let ptoks: Vec<Vec<String>> = preds.iter().map(|q| tokens(&q.text)).collect();
        let golds = golds.as_array().unwrap();
        for g in golds {
            let optional = g["optional"].as_bool().unwrap_or(false);
            let gt = tokens(g["quote"].as_str().unwrap());
            let best = ptoks
                .iter()
                .enumerate()
                .map(|(i, p)| (covered(&gt, p), i))
                .fold(
                    (0.0, None),
                    |acc, (c, i)| if c > acc.0 { (c, Some(i)) } else { acc },
                );
            let hit = best.0 >= 0.8;
            if optional {
                continue;
            }
            n_gold += 1;
            found += usize::from(hit);
            let Some(i) = best.1.filter(|_| hit) else {
                continue;
            };
            let predicted = preds[i]
                .speaker
                .as_deref()
                .map(tokens)
                .unwrap_or_default()
                .join(" ");
            match g["speaker"].as_str() {
                Some(name) => {
                    attr_total += 1;
                    let mut names = vec![name.to_owned()];
                    names.extend(
                        aliases
                            .get(name)
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_str)
                            .map(str::to_owned),
                    );
                    let ok = !predicted.is_empty()
                        && names.iter().any(|n| {
                            let t = tokens(n);
                            t.join(" ") == predicted
                                || (t.len() > 1 && predicted.contains(&t.join(" ")))
                        });
                    attr_ok += usize::from(ok);
                }
                None => {
                    let first = predicted.split(' ').next().unwrap_or("");
                    let is_name = !predicted.is_empty()
                        && ![
                            "un", "une", "le", "la", "les", "des", "l", "d", "de", "du", "source",
                            "sources",
                        ]
                        .contains(&first);
                    null_named += usize::from(is_name);
                }
            }
        }
        let gtoks: Vec<Vec<String>> = golds
            .iter()
            .map(|g| tokens(g["quote"].as_str().unwrap()))
            .collect();
        for p in &ptoks {
            n_pred += 1;
            correct += usize::from(gtoks.iter().any(|g| covered(p, g) >= 0.8));
        }
    }
    let p = correct as f64 / n_pred as f64;
    let r = found as f64 / n_gold as f64;
    let a = attr_ok as f64 / attr_total as f64;
    println!("quotes: P={p:.3} R={r:.3} attribution={a:.3} null_named={null_named}");
    assert!(p >= 0.97, "precision {p:.3}");
    assert!(r >= 0.97, "recall {r:.3}");
    assert!(a >= 0.93, "attribution {a:.3}");
    assert_eq!(null_named, 0, "an anonymous quote was given a name");
}
