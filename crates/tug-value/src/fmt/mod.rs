//! A port of the parts of Go's `fmt` and `strconv` that templates observe.
//!
//! Entry points mirror Go:
//!
//! - [`sprint`], [`sprintln`], [`sprintf`]: `fmt.Sprint`, `fmt.Sprintln`, `fmt.Sprintf`,
//!   with every verb (`%v %+v %#v %T %d %b %o %O %x %X %c %q %U %e %E %f %F %g %G %s
//!   %t %%`), the flags `+ - # 0 space`, width, precision, `*` and `%[n]` indexes, and
//!   Go's markers (`%!d(string=x)`, `%!v(MISSING)`, `%!(EXTRA int=1)`, …).
//! - [`format_value`]: `%v` of one value, which is what a template action prints.
//! - [`format_float`]: `strconv.FormatFloat(f, fmt, prec, bits)`; `%v` of a float is
//!   `format_float(x, 'g', -1, 64)` (`1e+06`, `999999`, `1e-05`, `0.0001`).
//! - [`format_float32`]: `strconv.FormatFloat(x, 'g', -1, 32)`.
//! - [`format_float_json`]: how `encoding/json` writes a float64 (`1e-7`, `1e+21`,
//!   `100000000000000000000`); `None` for NaN and infinities.
//! - [`quote`], [`quote_to_ascii`], [`quote_rune`], [`quote_rune_to_ascii`],
//!   [`can_backquote`], [`is_print`]: `strconv`'s literal quoting with Go's Unicode 15
//!   printability table.
//!
//! Where Go would print a pointer address (`%p`, pointers nested inside containers),
//! tug prints what it can: `%p` is reported as a bad verb and nested pointers to
//! structs print like top-level ones (`&{…}`).

mod float;
mod format;
mod print;
mod print_table;
mod printf;
mod quote;

pub use float::{format_float, format_float_json, format_float32};
pub use print::{format_value, sprint, sprintln};
pub use printf::sprintf;
pub use quote::{can_backquote, is_print, quote, quote_rune, quote_rune_to_ascii, quote_to_ascii};
