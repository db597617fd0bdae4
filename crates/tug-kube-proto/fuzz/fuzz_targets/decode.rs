//! Fuzz target: the envelope decoder must return `Ok` or `Err` for any input, never panic,
//! and whatever it decodes must encode again without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut framed = b"k8s\0".to_vec();
    framed.extend_from_slice(data);
    for body in [data, framed.as_slice()] {
        if let Ok(v) = tug_kube_proto::decode(body) {
            let _ = tug_kube_proto::encode(&v);
        }
    }
    let _ = tug_kube_proto::decode_kind("v1", "Pod", data);
});
