//! Sprig's network group: `getHostByName` (resolve a host name, pick one address at
//! random). Helm replaces it with a function returning `""` unless `--enable-dns` is
//! given (see `helm.rs`).

use std::net::ToSocketAddrs;

use rand::Rng;
use tug_template::func::{Context, FuncError, Function, Param, Signature};
use tug_value::Value;

/// Registers this group's functions.
pub(crate) fn register(out: &mut Vec<Function>) {
    out.push(Function::new(
        "getHostByName",
        Signature {
            params: &[Param::String],
            variadic: None,
        },
        |_: &mut dyn Context, args: &[Value]| {
            let name = args.first().and_then(Value::as_str).unwrap_or("");
            get_host_by_name(name).map(Value::from)
        },
    ));
}

/// Go's `net.LookupHost` followed by `addrs[rand.Intn(len(addrs))]`: no address makes
/// `Intn` panic, which the template engine reports as an error.
fn get_host_by_name(name: &str) -> Result<String, FuncError> {
    let mut addrs: Vec<String> = (name, 0)
        .to_socket_addrs()
        .map(|it| it.map(|a| a.ip().to_string()).collect())
        .unwrap_or_default();
    addrs.dedup();
    if addrs.is_empty() {
        return Err(FuncError::msg("invalid argument to Intn"));
    }
    let i = rand::thread_rng().gen_range(0..addrs.len());
    Ok(addrs.swap_remove(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_literal_addresses_and_fails_like_go_otherwise() {
        assert_eq!(
            get_host_by_name("127.0.0.1").ok().as_deref(),
            Some("127.0.0.1")
        );
        let err = get_host_by_name("no-such-host.invalid")
            .err()
            .map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("invalid argument to Intn"));
    }
}
