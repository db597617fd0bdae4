//! The function library Helm gives templates: Sprig v3.3.0 (minus `env` and
//! `expandenv`) and Helm's own functions.
//!
//! Each module is one Sprig group and registers its functions with [`tug_template`]'s
//! [`Function`] declarations; [`sprig`] collects them all.

use tug_template::func::Function;

/// Every Sprig function Helm exposes, in no particular order.
pub fn sprig() -> Vec<Function> {
    Vec::new()
}
