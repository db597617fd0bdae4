//! Resource bounds: deep nesting and alias bombs fail cleanly instead of exhausting the
//! stack or memory; multi-document splitting follows Kubernetes' reader.

use tug_value::Value;

fn nested(depth: usize) -> String {
    format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn nesting_up_to_the_limit_round_trips() {
    // Run on a thread with the stack of a main thread (8 MiB): the default 2 MiB test
    // thread of an unoptimised build is too small for 500 recursive levels (seen in CI).
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(|| {
            let src = format!("a: {}\n", nested(498));
            let v = tug_yaml::from_str(&src).expect("deep document loads");
            let text = tug_yaml::to_string(&v).expect("deep document emits");
            let back = tug_yaml::from_str(&text).expect("reload");
            assert_eq!(format!("{v:?}"), format!("{back:?}"));
            assert!(tug_yaml::json::to_string(&v, true).is_ok());
        })
        .expect("spawn")
        .join()
        .expect("deep round trip");
}

#[test]
fn nesting_beyond_the_limit_is_an_error() {
    let err = tug_yaml::from_str(&nested(5000)).expect_err("too deep");
    assert!(err.to_string().contains("exceeded max depth"), "{err}");
}

#[test]
fn aliases_cannot_stack_depth_without_bound() {
    let mut src = format!("a0: &a0 {}\n", nested(600));
    for i in 1..6 {
        src.push_str(&format!(
            "a{i}: &a{i} {}*a{}{}\n",
            "[".repeat(600),
            i - 1,
            "]".repeat(600)
        ));
    }
    assert!(tug_yaml::from_str(&src).is_err());
}

#[test]
fn billion_laughs_is_excessive_aliasing() {
    let mut src = String::from("a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(",");
        src.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let err = tug_yaml::from_str(&src).expect_err("bomb");
    assert_eq!(
        err.to_string(),
        "error converting YAML to JSON: yaml: document contains excessive aliasing"
    );
}

#[test]
fn documents_split_on_separator_lines() {
    let docs = tug_yaml::from_str_documents("a: 1\n---\n# only a comment\n---\nb: [1]\n")
        .expect("three documents");
    assert_eq!(docs.len(), 3);
    assert!(matches!(docs[1], Value::Nil));
    assert_eq!(format!("{:?}", docs[2]), "{\"b\": [float64(1.0)]}");
    let err = tug_yaml::from_str_documents("a: 1\n--- b\n").expect_err("bad separator");
    assert_eq!(err.to_string(), "invalid Yaml document separator: b");
}

#[test]
fn keep_ints_mode_keeps_go_yaml_types() {
    let v = tug_yaml::from_str_keep_ints("a: 1\nb: 18446744073709551615\nc: .inf\nd: 0755\n")
        .expect("loads");
    assert_eq!(
        format!("{v:?}"),
        "{\"a\": int64(1), \"b\": uint64(18446744073709551615), \"c\": float64(inf), \"d\": int64(493)}"
    );
}

#[test]
fn from_str_map_matches_helm_for_non_maps() {
    let err = tug_yaml::from_str_map("- 1\n")
        .map(Value::Map)
        .expect_err("list");
    assert_eq!(
        err.to_string(),
        "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"
    );
    assert!(tug_yaml::from_str_map("").expect("empty").is_empty());
}
