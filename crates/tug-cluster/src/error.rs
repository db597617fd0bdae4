//! Errors: `ClusterError` for the library's own failures, `ApiError` for answers that become
//! a Kubernetes `v1 Status` on the wire.

use serde_json::{Value, json};

/// Failures of the cluster itself (storage, TLS, files), not of a client request.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    #[error("storage error: {0}")]
    Storage(String),
    #[error("TLS error: {0}")]
    Tls(String),
    #[error("certificate error: {0}")]
    Cert(String),
    #[error("{0}")]
    Other(String),
}

impl From<redb::Error> for ClusterError {
    fn from(e: redb::Error) -> Self {
        ClusterError::Storage(e.to_string())
    }
}

macro_rules! redb_err {
    ($($t:ty),*) => {$(
        impl From<$t> for ClusterError {
            fn from(e: $t) -> Self { ClusterError::Storage(e.to_string()) }
        }
    )*};
}
redb_err!(
    redb::DatabaseError,
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError
);

/// One field-level cause inside a Status.
#[derive(Debug, Clone, PartialEq)]
pub struct Cause {
    pub reason: String,
    pub message: String,
    pub field: String,
}

/// An API failure answered as a `v1 Status` with the reason and code a real API server uses.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: u16,
    pub reason: &'static str,
    pub message: String,
    pub details: Option<Box<Details>>,
}

/// The `details` of a Status.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Details {
    pub name: Option<String>,
    pub group: Option<String>,
    pub kind: Option<String>,
    pub causes: Vec<Cause>,
}

impl ApiError {
    pub fn new(code: u16, reason: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            code,
            reason,
            message: message.into(),
            details: None,
        }
    }
    /// `<plural>[.<group>] "<name>" not found`.
    pub fn not_found(group: &str, plural: &str, name: &str) -> Self {
        let mut e = Self::new(
            404,
            "NotFound",
            format!("{} \"{name}\" not found", qualified(group, plural)),
        );
        e.details(name, group, plural);
        e
    }
    pub fn already_exists(group: &str, plural: &str, name: &str) -> Self {
        let mut e = Self::new(
            409,
            "AlreadyExists",
            format!("{} \"{name}\" already exists", qualified(group, plural)),
        );
        e.details(name, group, plural);
        e
    }
    pub fn conflict(group: &str, plural: &str, name: &str) -> Self {
        let msg = format!(
            "Operation cannot be fulfilled on {} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            qualified(group, plural)
        );
        let mut e = Self::new(409, "Conflict", msg);
        e.details(name, group, plural);
        e
    }
    /// 422 Invalid: `<Kind>.<group> "<name>" is invalid: <causes>`.
    pub fn invalid(group: &str, kind: &str, name: &str, causes: Vec<Cause>) -> Self {
        let list: Vec<String> = causes
            .iter()
            .map(|c| {
                if c.field.is_empty() {
                    c.message.clone()
                } else {
                    format!("{}: {}", c.field, c.message)
                }
            })
            .collect();
        let joined = if list.len() == 1 {
            list[0].clone()
        } else {
            format!("[{}]", list.join(", "))
        };
        let gk = if group.is_empty() {
            kind.to_string()
        } else {
            format!("{kind}.{group}")
        };
        let mut e = Self::new(
            422,
            "Invalid",
            format!("{gk} \"{name}\" is invalid: {joined}"),
        );
        e.details = Some(Box::new(Details {
            name: Some(name.to_string()),
            group: Some(group.to_string()),
            kind: Some(kind.to_string()),
            causes,
        }));
        e
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(400, "BadRequest", message)
    }
    pub fn unsupported_media(ct: &str) -> Self {
        Self::new(
            415,
            "UnsupportedMediaType",
            format!(
                "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got {ct:?})"
            ),
        )
    }
    pub fn method_not_allowed() -> Self {
        Self::new(
            405,
            "MethodNotAllowed",
            "the server does not allow this method on the requested resource",
        )
    }
    pub fn gone(message: impl Into<String>) -> Self {
        Self::new(410, "Expired", message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(500, "InternalError", message)
    }
    fn details(&mut self, name: &str, group: &str, plural: &str) {
        self.details = Some(Box::new(Details {
            name: Some(name.to_string()),
            group: Some(group.to_string()),
            kind: Some(plural.to_string()),
            causes: Vec::new(),
        }));
    }
    /// Attaches field causes.
    pub fn with_causes(mut self, causes: Vec<Cause>) -> Self {
        self.details.get_or_insert_with(Box::default).causes = causes;
        self
    }
    /// The field causes, if any.
    pub fn causes(&self) -> &[Cause] {
        self.details
            .as_ref()
            .map(|d| d.causes.as_slice())
            .unwrap_or(&[])
    }
    /// The `v1 Status` JSON for this error.
    pub fn status(&self) -> Value {
        let mut s = json!({
            "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
            "message": self.message, "reason": self.reason, "code": self.code,
        });
        if let Some(det) = &self.details {
            let mut d = serde_json::Map::new();
            if let Some(n) = &det.name {
                d.insert("name".into(), json!(n));
            }
            if let Some(g) = det.group.as_ref().filter(|g| !g.is_empty()) {
                d.insert("group".into(), json!(g));
            }
            if let Some(k) = &det.kind {
                d.insert("kind".into(), json!(k));
            }
            if !det.causes.is_empty() {
                let c: Vec<Value> = det
                    .causes
                    .iter()
                    .map(|c| json!({"reason": c.reason, "message": c.message, "field": c.field}))
                    .collect();
                d.insert("causes".into(), Value::Array(c));
            }
            s["details"] = Value::Object(d);
        }
        s
    }
}

fn qualified(group: &str, plural: &str) -> String {
    if group.is_empty() {
        plural.to_string()
    } else {
        format!("{plural}.{group}")
    }
}

impl From<ClusterError> for ApiError {
    fn from(e: ClusterError) -> Self {
        ApiError::internal(e.to_string())
    }
}
