//! Sprig/Helm functions: `reflect` group (in progress).

use tug_template::func::Function;

/// Registers this group's functions.
pub(crate) fn register(out: &mut Vec<Function>) {
    let _ = out;
}
