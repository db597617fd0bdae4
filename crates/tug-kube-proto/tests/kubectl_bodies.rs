//! Real kubectl v1.36 protobuf request bodies (captured by tools/kube-proto/capture_kubectl.sh)
//! decode to exactly the object the same kubectl command prints with `--dry-run=client -o json`.

use std::path::PathBuf;

#[test]
fn kubectl_create_bodies_decode_to_the_dry_run_object() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/kubectl");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/data/kubectl exists")
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".pb")
                .map(str::to_string)
        })
        .collect();
    names.sort();
    let (mut passed, mut failed) = (0, 0);
    for name in &names {
        let pb = std::fs::read(dir.join(format!("{name}.pb"))).expect("pb readable");
        let json = std::fs::read(dir.join(format!("{name}.json"))).expect("json readable");
        let want: serde_json::Value = serde_json::from_slice(&json).expect("valid json");
        match tug_kube_proto::decode(&pb) {
            Ok(got) if got == want => passed += 1,
            Ok(got) => {
                failed += 1;
                println!("FAIL {name}:\n  got  {got}\n  want {want}");
            }
            Err(e) => {
                failed += 1;
                println!("FAIL {name}: {e}");
            }
        }
        // and our encoding of the JSON decodes back to it
        let again = tug_kube_proto::encode(&want).expect("encodes");
        assert_eq!(
            tug_kube_proto::decode(&again).expect("re-decodes"),
            want,
            "{name} round trip"
        );
    }
    println!("kubectl bodies: {passed} passed, {failed} failed");
    assert!(
        names.len() >= 10,
        "expected the captured bodies, found {}",
        names.len()
    );
    assert_eq!(failed, 0);
}
