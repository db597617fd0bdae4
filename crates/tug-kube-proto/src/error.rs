//! The error type of the codec: every malformed input ends here, never in a panic.

/// Everything that can go wrong while decoding or encoding Kubernetes protobuf.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The body does not start with the `k8s\0` magic.
    #[error("body is not a Kubernetes protobuf envelope (missing k8s\\0 prefix)")]
    NotProtobuf,
    /// The wire bytes end in the middle of a value.
    #[error("unexpected end of protobuf data in {0}")]
    Truncated(String),
    /// A varint longer than 10 bytes.
    #[error("malformed varint in {0}")]
    BadVarint(String),
    /// A field uses a wire type this codec does not understand (groups, 3, 4, 6, 7).
    #[error("unsupported wire type {wire} for field {tag} in {msg}")]
    BadWireType { msg: String, tag: u64, wire: u64 },
    /// A known field arrives with a wire type its schema does not allow.
    #[error("field {field} of {msg}: wire type {wire} does not match its schema")]
    WireMismatch {
        msg: String,
        field: String,
        wire: u64,
    },
    /// A string field holds invalid UTF-8.
    #[error("field {field} of {msg}: invalid UTF-8")]
    Utf8 { msg: String, field: String },
    /// Embedded JSON (RawExtension, FieldsV1, JSON) is not valid JSON.
    #[error("field {field} of {msg}: embedded JSON is invalid: {reason}")]
    EmbeddedJson {
        msg: String,
        field: String,
        reason: String,
    },
    /// Messages nested deeper than the limit.
    #[error("protobuf nesting deeper than {0} levels")]
    TooDeep(usize),
    /// The body exceeds the size limit.
    #[error("protobuf body of {0} bytes exceeds the limit")]
    TooLarge(usize),
    /// The envelope names an apiVersion/kind this table does not know.
    #[error("no protobuf message registered for apiVersion {api_version:?}, kind {kind:?}")]
    UnknownKind { api_version: String, kind: String },
    /// The envelope's raw bytes use a content encoding other than none.
    #[error("unsupported envelope content encoding {0:?}")]
    ContentEncoding(String),
    /// The JSON given to `encode` has the wrong shape.
    #[error("cannot encode {path}: {reason}")]
    Json { path: String, reason: String },
    /// The generated table itself is inconsistent (a bug, reported rather than panicking).
    #[error("descriptor table is corrupt: {0}")]
    Table(String),
}
