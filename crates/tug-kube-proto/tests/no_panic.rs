//! Property tests: arbitrary and mutated input never panics the decoder, and encode/decode
//! round-trips generated objects.

use proptest::prelude::*;
use serde_json::json;

fn sample() -> Vec<u8> {
    let pod = json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "web", "labels": {"app": "web"}, "creationTimestamp": "2024-01-02T03:04:05Z"},
        "spec": {"containers": [{"name": "c", "image": "nginx", "ports": [{"containerPort": 80}],
                  "resources": {"limits": {"cpu": "100m"}},
                  "livenessProbe": {"httpGet": {"port": "http", "path": "/"}}}],
                 "volumes": [{"name": "v", "emptyDir": {}}]}
    });
    tug_kube_proto::encode(&pod).expect("sample encodes")
}

/// Regression inputs found by fuzzing or by hand: each must fail cleanly.
#[test]
fn regressions_fail_cleanly() {
    let cases: &[&[u8]] = &[
        b"k8s\0",
        b"k8s\0\x0a",
        b"k8s\0\x0a\x04\x0a\x02v1\x12\x00",
        b"k8s\0\x0a\x07\x0a\x02v1\x12\x01P\x12\x03\xff\xff\xff",
        b"k8s\0\x0a\x0b\x0a\x02v1\x12\x05Event\x12\x04\x0b\x0c\x0d\x0e",
        b"k8s\0\x12\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01",
    ];
    for c in cases {
        let _ = tug_kube_proto::decode(c);
    }
    assert!(tug_kube_proto::decode(b"not protobuf").is_err());
}

/// A deeply nested JSON schema is refused with `TooDeep`, not a stack overflow.
#[test]
fn deep_nesting_is_bounded() {
    let mut schema = json!({"type": "string"});
    for _ in 0..200 {
        schema = json!({"type": "object", "properties": {"x": schema}});
    }
    let crd = json!({"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "spec": {"versions": [{"name": "v1", "schema": {"openAPIV3Schema": schema}}]}});
    let err = tug_kube_proto::encode(&crd).unwrap_err();
    assert!(matches!(err, tug_kube_proto::Error::TooDeep(_)), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..512)) {
        let mut framed = b"k8s\0".to_vec();
        framed.extend_from_slice(&body);
        let _ = tug_kube_proto::decode(&framed);
        let _ = tug_kube_proto::decode(&body);
        let _ = tug_kube_proto::decode_kind("v1", "Pod", &body);
        let _ = tug_kube_proto::decode_kind("apiextensions.k8s.io/v1", "CustomResourceDefinition", &body);
    }

    #[test]
    fn mutated_bodies_never_panic(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8),
                                  cut in any::<usize>()) {
        let mut body = sample();
        for (pos, byte) in flips {
            let i = 4 + pos % (body.len() - 4);
            body[i] = byte;
        }
        let _ = tug_kube_proto::decode(&body);
        body.truncate(4 + cut % (body.len() - 4));
        let _ = tug_kube_proto::decode(&body);
    }

    #[test]
    fn configmaps_round_trip(name in "[a-z][a-z0-9-]{0,20}",
                             data in proptest::collection::btree_map("[a-zA-Z0-9._-]{1,10}", ".{0,20}", 0..5),
                             bin in proptest::collection::vec(any::<u8>(), 0..40),
                             generation in any::<i64>()) {
        use base64::Engine as _;
        let mut obj = json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": name, "generation": generation},
            "binaryData": {"b": base64::engine::general_purpose::STANDARD.encode(&bin)}});
        // protobuf cannot tell an empty map from an absent one (Go then omits it too)
        if !data.is_empty() {
            obj["data"] = json!(data);
        }
        let body = tug_kube_proto::encode(&obj).unwrap();
        prop_assert_eq!(tug_kube_proto::decode(&body).unwrap(), obj);
    }
}

/// A watch frame carries its length and decodes back to `{type, object}`.
#[test]
fn watch_frames_round_trip() {
    let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"k": "v"}});
    let frame = tug_kube_proto::encode_watch_event("ADDED", &cm).unwrap();
    let len = u32::from_be_bytes([frame[0], frame[1], frame[2], frame[3]]) as usize;
    assert_eq!(len, frame.len() - 4);
    let event = tug_kube_proto::decode(&frame[4..]).unwrap();
    assert_eq!(event, json!({"type": "ADDED", "object": cm}));
}
