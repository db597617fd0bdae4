//! Semantics of server-side apply (ownership, conflicts, force, removal, shared fields) and
//! strategic merge patch (merge keys and the `$` directives) on real 1.37 schemas.

use serde_json::{Value, json};
use tug_cluster::fieldset;
use tug_cluster::patch::strategic;
use tug_cluster::schema::{Ty, builtin};
use tug_cluster::ssa::{Writer, apply, read_managed, update};

fn deploy() -> Ty<'static> {
    builtin().ty("io.k8s.api.apps.v1.Deployment")
}

fn cm() -> Ty<'static> {
    builtin().ty("io.k8s.api.core.v1.ConfigMap")
}

fn w(manager: &str) -> Writer<'_> {
    Writer {
        manager,
        api_version: "v1",
        subresource: "",
        time: "2026-01-01T00:00:00Z",
    }
}

fn managers(obj: &Value) -> Vec<(String, String)> {
    read_managed(obj)
        .into_iter()
        .map(|e| (e.manager, e.operation))
        .collect()
}

fn owns(obj: &Value, manager: &str, path: &[&str]) -> bool {
    let p: Vec<String> = path.iter().map(|s| s.to_string()).collect();
    read_managed(obj)
        .iter()
        .any(|e| e.manager == manager && e.fields.contains(&p))
}

#[test]
fn apply_creates_and_records_ownership() {
    let cfg = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "labels": {"a": "1"}}, "data": {"x": "1", "y": "2"}});
    let obj = apply(builtin(), cm(), None, &cfg, &w("helm"), false, false).expect("apply");
    assert_eq!(obj["data"], json!({"x": "1", "y": "2"}));
    assert_eq!(
        managers(&obj),
        vec![("helm".to_string(), "Apply".to_string())]
    );
    assert!(owns(&obj, "helm", &["f:data", "f:x"]));
    assert!(owns(&obj, "helm", &["f:metadata", "f:labels", "f:a"]));
    assert!(!owns(&obj, "helm", &["f:metadata", "f:name"]));
}

#[test]
fn fields_no_longer_applied_are_removed() {
    let v1 = json!({"metadata": {"name": "c"}, "data": {"x": "1", "y": "2"}});
    let live = apply(builtin(), cm(), None, &v1, &w("helm"), false, false).expect("v1");
    let v2 = json!({"metadata": {"name": "c"}, "data": {"x": "1"}});
    let next = apply(builtin(), cm(), Some(&live), &v2, &w("helm"), false, false).expect("v2");
    assert_eq!(next["data"], json!({"x": "1"}));
    assert!(!owns(&next, "helm", &["f:data", "f:y"]));
}

#[test]
fn dropped_list_map_item_is_removed() {
    let c = |env: Value| json!({"spec": {"template": {"spec": {"containers": [{"name": "app", "image": "i", "env": env}]}}}});
    let live = apply(
        builtin(),
        deploy(),
        None,
        &c(json!([{"name": "A", "value": "1"}, {"name": "B", "value": "2"}])),
        &w("kubectl"),
        false,
        false,
    )
    .expect("v1");
    let next = apply(
        builtin(),
        deploy(),
        Some(&live),
        &c(json!([{"name": "A", "value": "1"}])),
        &w("kubectl"),
        false,
        false,
    )
    .expect("v2");
    assert_eq!(
        next["spec"]["template"]["spec"]["containers"][0]["env"],
        json!([{"name": "A", "value": "1"}])
    );
}

#[test]
fn conflicting_value_owned_by_another_manager_is_a_409_unless_forced() {
    let cfg = json!({"spec": {"replicas": 2}});
    let live = apply(builtin(), deploy(), None, &cfg, &w("kubectl"), false, false).expect("apply");
    let mut scaled = live.clone();
    scaled["spec"]["replicas"] = json!(5);
    update(
        builtin(),
        deploy(),
        Some(&live),
        &mut scaled,
        &Writer {
            subresource: "scale",
            ..w("kubectl-scale")
        },
        false,
    );
    assert!(owns(&scaled, "kubectl-scale", &["f:spec", "f:replicas"]));
    assert!(!owns(&scaled, "kubectl", &["f:spec", "f:replicas"]));
    let err = apply(
        builtin(),
        deploy(),
        Some(&scaled),
        &cfg,
        &w("kubectl"),
        false,
        false,
    )
    .expect_err("conflict");
    assert_eq!(err.code, 409);
    assert_eq!(err.causes()[0].field, ".spec.replicas");
    assert!(
        err.message.contains("conflict with \"kubectl-scale\""),
        "{}",
        err.message
    );
    let forced = apply(
        builtin(),
        deploy(),
        Some(&scaled),
        &cfg,
        &w("kubectl"),
        true,
        false,
    )
    .expect("force");
    assert_eq!(forced["spec"]["replicas"], 2);
    assert!(owns(&forced, "kubectl", &["f:spec", "f:replicas"]));
    assert!(!owns(&forced, "kubectl-scale", &["f:spec", "f:replicas"]));
}

#[test]
fn same_value_is_shared_without_conflict_and_survives_one_manager_dropping_it() {
    let a = json!({"data": {"shared": "v", "a": "1"}});
    let b = json!({"data": {"shared": "v", "b": "1"}});
    let live = apply(builtin(), cm(), None, &a, &w("alice"), false, false).expect("alice");
    let live =
        apply(builtin(), cm(), Some(&live), &b, &w("bob"), false, false).expect("bob shares");
    assert!(owns(&live, "alice", &["f:data", "f:shared"]));
    assert!(owns(&live, "bob", &["f:data", "f:shared"]));
    let a2 = json!({"data": {"a": "1"}});
    let live =
        apply(builtin(), cm(), Some(&live), &a2, &w("alice"), false, false).expect("alice drops");
    assert_eq!(live["data"]["shared"], "v", "bob still owns it");
    let b2 = json!({"data": {"b": "1"}});
    let live =
        apply(builtin(), cm(), Some(&live), &b2, &w("bob"), false, false).expect("bob drops");
    assert!(
        live["data"].get("shared").is_none(),
        "nobody owns it any more"
    );
}

#[test]
fn updates_move_changed_fields_to_the_updater() {
    let live = apply(
        builtin(),
        cm(),
        None,
        &json!({"data": {"x": "1"}}),
        &w("helm"),
        false,
        false,
    )
    .expect("apply");
    let mut edited = live.clone();
    edited["data"]["x"] = json!("2");
    edited["data"]["z"] = json!("3");
    update(
        builtin(),
        cm(),
        Some(&live),
        &mut edited,
        &w("kubectl-edit"),
        false,
    );
    assert!(owns(&edited, "kubectl-edit", &["f:data", "f:x"]));
    assert!(owns(&edited, "kubectl-edit", &["f:data", "f:z"]));
    assert!(!owns(&edited, "helm", &["f:data", "f:x"]));
    assert_eq!(
        managers(&edited),
        vec![("kubectl-edit".to_string(), "Update".to_string())]
    );
}

#[test]
fn fields_v1_uses_the_kubernetes_key_format() {
    let obj = json!({"spec": {"template": {"spec": {"containers": [{"name": "app", "ports": [{"containerPort": 80, "protocol": "TCP"}]}]}}}});
    let v1 = fieldset::to_fields_v1(&fieldset::of_value(builtin(), deploy(), &obj));
    let c = &v1["f:spec"]["f:template"]["f:spec"]["f:containers"]["k:{\"name\":\"app\"}"];
    assert!(
        c["f:ports"]["k:{\"containerPort\":80,\"protocol\":\"TCP\"}"].is_object(),
        "{v1}"
    );
}

fn pod_spec() -> Ty<'static> {
    builtin().ty("io.k8s.api.core.v1.PodSpec")
}

#[test]
fn smp_merges_lists_by_merge_key() {
    let t = json!({"containers": [{"name": "a", "image": "1"}, {"name": "b", "image": "1"}]});
    let p = json!({"containers": [{"name": "b", "image": "2"}, {"name": "c", "image": "3"}]});
    let out = strategic(builtin(), pod_spec(), &t, &p).expect("patch");
    assert_eq!(
        out["containers"],
        json!([{"name": "a", "image": "1"}, {"name": "b", "image": "2"}, {"name": "c", "image": "3"}])
    );
}

#[test]
fn smp_patch_directives() {
    let t = json!({"containers": [{"name": "a", "image": "1"}, {"name": "b", "image": "1"}], "nodeSelector": {"x": "1"}});
    let del = json!({"containers": [{"name": "a", "$patch": "delete"}]});
    assert_eq!(
        strategic(builtin(), pod_spec(), &t, &del).expect("delete")["containers"],
        json!([{"name": "b", "image": "1"}])
    );
    let rep = json!({"containers": [{"name": "z", "image": "9"}, {"$patch": "replace"}]});
    assert_eq!(
        strategic(builtin(), pod_spec(), &t, &rep).expect("replace")["containers"],
        json!([{"name": "z", "image": "9"}])
    );
    let map_rep = json!({"nodeSelector": {"y": "2", "$patch": "replace"}});
    assert_eq!(
        strategic(builtin(), pod_spec(), &t, &map_rep).expect("map replace")["nodeSelector"],
        json!({"y": "2"})
    );
    let map_del = json!({"nodeSelector": {"$patch": "delete"}});
    assert!(
        strategic(builtin(), pod_spec(), &t, &map_del)
            .expect("map delete")
            .get("nodeSelector")
            .is_none()
    );
    let null = json!({"nodeSelector": null});
    assert!(
        strategic(builtin(), pod_spec(), &t, &null)
            .expect("null")
            .get("nodeSelector")
            .is_none()
    );
}

#[test]
fn smp_set_element_order() {
    let t = json!({"containers": [{"name": "a"}, {"name": "b"}]});
    let p = json!({"$setElementOrder/containers": [{"name": "c"}, {"name": "b"}, {"name": "a"}], "containers": [{"name": "c"}]});
    let out = strategic(builtin(), pod_spec(), &t, &p).expect("order");
    assert_eq!(
        out["containers"],
        json!([{"name": "c"}, {"name": "b"}, {"name": "a"}])
    );
}

#[test]
fn smp_retain_keys() {
    let ds = builtin().ty("io.k8s.api.apps.v1.DeploymentSpec");
    let t = json!({"strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1}}});
    let p = json!({"strategy": {"$retainKeys": ["type"], "type": "Recreate"}});
    let out = strategic(builtin(), ds, &t, &p).expect("retain");
    assert_eq!(out["strategy"], json!({"type": "Recreate"}));
}

#[test]
fn smp_delete_from_primitive_list() {
    let meta = builtin().ty("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    let t = json!({"finalizers": ["a", "b", "c"]});
    let p = json!({"$deleteFromPrimitiveList/finalizers": ["b"]});
    assert_eq!(
        strategic(builtin(), meta, &t, &p).expect("del")["finalizers"],
        json!(["a", "c"])
    );
    let add = json!({"finalizers": ["d"]});
    assert_eq!(
        strategic(builtin(), meta, &t, &add).expect("merge")["finalizers"],
        json!(["a", "b", "c", "d"])
    );
}

#[test]
fn smp_replaces_lists_without_a_strategy() {
    let t = json!({"containers": [{"name": "a", "args": ["x", "y"]}]});
    let p = json!({"containers": [{"name": "a", "args": ["z"]}]});
    let out = strategic(builtin(), pod_spec(), &t, &p).expect("patch");
    assert_eq!(out["containers"][0]["args"], json!(["z"]));
}
