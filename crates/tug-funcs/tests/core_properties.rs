//! Property checks for the one random core function, `shuffle` (xstrings' `Shuffle`):
//! the output is a permutation of the input's runes, and the order does change.

use tug_template::{MissingKey, Templates};
use tug_value::Value;

fn render(template: &str) -> String {
    let mut set = Templates::new();
    set.add_functions(tug_funcs::helm());
    set.set_missing_key(MissingKey::Zero);
    set.parse("t", template).expect("parse");
    set.execute("t", &Value::Nil).expect("execute")
}

fn sorted_runes(s: &str) -> Vec<char> {
    let mut v: Vec<char> = s.chars().collect();
    v.sort_unstable();
    v
}

#[test]
fn shuffle_permutes_runes() {
    let input = "abcdefghijé€𝄞";
    let mut changed = 0;
    for _ in 0..20 {
        let out = render(&format!("{{{{ shuffle {input:?} }}}}"));
        assert_eq!(sorted_runes(&out), sorted_runes(input), "{out}");
        if out != input {
            changed += 1;
        }
    }
    // 20 identity permutations of 13 runes: probability (1/13!)^20.
    assert!(changed > 0, "shuffle never changed the order");
}

#[test]
fn shuffle_of_short_strings_is_identity() {
    assert_eq!(render(r#"{{ shuffle "" }}|{{ shuffle "x" }}"#), "|x");
}
