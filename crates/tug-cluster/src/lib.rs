//! The embedded local cluster: a Kubernetes-API-compatible server that real kubectl and
//! real Helm accept as a cluster.

pub mod api;
pub mod certs;
pub mod cli;
pub mod delete;
pub mod discovery;
pub mod error;
pub mod fieldset;
pub mod objects;
pub mod patch;
pub mod registry;
pub mod schema;
pub mod selector;
pub mod server;
pub mod simulate;
pub mod ssa;
pub mod store;
pub mod table;
pub mod util;
pub mod watch;

pub use error::{ApiError, ClusterError};
pub use server::{ServeOptions, serve};
