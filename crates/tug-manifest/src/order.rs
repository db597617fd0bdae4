//! Helm's kind orders (`releaseutil.InstallOrder` / `UninstallOrder`) and the stable sort
//! by kind: known kinds by position, unknown kinds after them ordered by kind name, equal
//! kinds keep their input order.

use std::cmp::Ordering;
use std::collections::HashMap;

/// `releaseutil.InstallOrder` (Helm v4.2).
pub const INSTALL_ORDER: &[&str] = &[
    "PriorityClass",
    "Namespace",
    "NetworkPolicy",
    "ResourceQuota",
    "LimitRange",
    "PodSecurityPolicy",
    "PodDisruptionBudget",
    "ServiceAccount",
    "Secret",
    "SecretList",
    "ConfigMap",
    "StorageClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "CustomResourceDefinition",
    "ClusterRole",
    "ClusterRoleList",
    "ClusterRoleBinding",
    "ClusterRoleBindingList",
    "Role",
    "RoleList",
    "RoleBinding",
    "RoleBindingList",
    "Service",
    "DaemonSet",
    "Pod",
    "ReplicationController",
    "ReplicaSet",
    "Deployment",
    "HorizontalPodAutoscaler",
    "StatefulSet",
    "Job",
    "CronJob",
    "IngressClass",
    "Ingress",
    "APIService",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
];

/// `releaseutil.UninstallOrder` (Helm v4.2).
pub const UNINSTALL_ORDER: &[&str] = &[
    "ValidatingWebhookConfiguration",
    "MutatingWebhookConfiguration",
    "APIService",
    "Ingress",
    "IngressClass",
    "Service",
    "CronJob",
    "Job",
    "StatefulSet",
    "HorizontalPodAutoscaler",
    "Deployment",
    "ReplicaSet",
    "ReplicationController",
    "Pod",
    "DaemonSet",
    "RoleBindingList",
    "RoleBinding",
    "RoleList",
    "Role",
    "ClusterRoleBindingList",
    "ClusterRoleBinding",
    "ClusterRoleList",
    "ClusterRole",
    "CustomResourceDefinition",
    "PersistentVolumeClaim",
    "PersistentVolume",
    "StorageClass",
    "ConfigMap",
    "SecretList",
    "Secret",
    "ServiceAccount",
    "PodDisruptionBudget",
    "PodSecurityPolicy",
    "LimitRange",
    "ResourceQuota",
    "NetworkPolicy",
    "Namespace",
    "PriorityClass",
];

/// Stable-sorts `items` by kind in `order` (Helm's `lessByKind`).
pub fn sort_by_kind<T>(items: &mut [T], order: &[&str], kind: impl Fn(&T) -> &str) {
    let rank: HashMap<&str, usize> = order.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    items.sort_by(|a, b| compare_kinds(kind(a), kind(b), &rank));
}

fn compare_kinds(a: &str, b: &str, rank: &HashMap<&str, usize>) -> Ordering {
    match (rank.get(a), rank.get(b)) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_first_unknown_by_name_stable() {
        let mut v = vec![
            ("Zed", 1),
            ("Deployment", 2),
            ("Alpha", 3),
            ("Namespace", 4),
            ("Deployment", 5),
            ("Alpha", 6),
        ];
        sort_by_kind(&mut v, INSTALL_ORDER, |x| x.0);
        let got: Vec<i32> = v.iter().map(|x| x.1).collect();
        assert_eq!(got, vec![4, 2, 5, 3, 6, 1]);
    }

    #[test]
    fn both_orders_cover_the_same_kinds() {
        let mut a: Vec<&str> = INSTALL_ORDER.to_vec();
        let mut b: Vec<&str> = UNINSTALL_ORDER.to_vec();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b);
        // Services go down before the workloads that use them.
        let pos = |k: &str| UNINSTALL_ORDER.iter().position(|x| *x == k);
        assert!(pos("Service") < pos("CronJob"));
    }
}
