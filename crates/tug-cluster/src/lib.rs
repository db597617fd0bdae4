//! The embedded local cluster: a Kubernetes-API-compatible server that real kubectl and
//! real Helm accept as a cluster.

pub mod cli;
