//! A set of named templates sharing functions and options (Go's `*template.Template`
//! with its common map), and the entry points to parse into it and execute from it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tug_value::{Str, Value};

use crate::ast::Tree;
use crate::builtins::Builtin;
use crate::error::{Error, ErrorKind};
use crate::exec::{MAX_EXEC_DEPTH, Rv, State};
use crate::func::Function;
use crate::hash::FastMap;

/// The name of the set itself (Helm: `template.New("gotpl")`).
pub(crate) const ROOT_NAME: &str = "gotpl";

/// Default cap on the output of one execution.
const DEFAULT_MAX_OUTPUT: usize = 512 * 1024 * 1024;

/// How many `tpl` texts are kept parsed.
const TPL_CACHE_ENTRIES: usize = 4096;

/// What a missing map key yields (Go's `missingkey` option).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MissingKey {
    /// An invalid value: prints `<no value>`.
    #[default]
    Default,
    /// The zero value of the map's element type (Helm's setting).
    Zero,
    /// An execution error `map has no entry for key "x"`.
    Error,
}

type TplCache = HashMap<(Str, Str), Arc<Vec<Tree>>>;

/// A set of named templates (Go: `template.New("gotpl")` and everything parsed into it).
///
/// Parse everything first (`&mut self`), then execute as often as needed, from many
/// threads at once (`&self`).
pub struct Templates {
    pub(crate) funcs: FastMap<&'static str, Function>,
    pub(crate) missing_key: MissingKey,
    pub(crate) max_output: usize,
    pub(crate) max_depth: usize,
    templates: FastMap<Str, Arc<Tree>>,
    tpl_cache: Mutex<TplCache>,
}

impl Default for Templates {
    fn default() -> Templates {
        Templates {
            funcs: FastMap::default(),
            missing_key: MissingKey::Default,
            max_output: DEFAULT_MAX_OUTPUT,
            max_depth: MAX_EXEC_DEPTH,
            templates: FastMap::default(),
            tpl_cache: Mutex::new(HashMap::new()),
        }
    }
}

impl Templates {
    /// An empty set.
    pub fn new() -> Templates {
        Templates::default()
    }

    /// Registers functions; a later function with the same name replaces the earlier
    /// (Go's `Funcs`). Register before parsing: names are checked at parse time.
    pub fn add_functions(&mut self, fns: impl IntoIterator<Item = Function>) {
        for f in fns {
            self.funcs.insert(f.name, f);
        }
        self.clear_cache();
    }

    /// Sets the `missingkey` option.
    pub fn set_missing_key(&mut self, mk: MissingKey) {
        self.missing_key = mk;
    }

    /// Caps the output of one execution (default 512 MiB); exceeding it is an error
    /// of kind [`ErrorKind::Limit`].
    pub fn set_max_output(&mut self, bytes: usize) {
        self.max_output = bytes;
    }

    /// Caps nested template calls, `include`s and `tpl`s (default and maximum: Go's
    /// 100000). The error text always names Go's limit.
    pub fn set_max_depth(&mut self, depth: usize) {
        self.max_depth = depth.min(MAX_EXEC_DEPTH);
    }

    fn has_function(&self, name: &str) -> bool {
        self.funcs.contains_key(name) || Builtin::lookup(name).is_some()
    }

    fn clear_cache(&mut self) {
        if let Ok(c) = self.tpl_cache.get_mut() {
            c.clear();
        }
    }

    /// Parses `text` as template `name` (Go: `t.New(name).Parse(text)`), adding it
    /// and its `define`s to the set. A definition whose body is empty (whitespace and
    /// comments only) never replaces an existing non-empty one.
    pub fn parse(&mut self, name: &str, text: &str) -> Result<(), Error> {
        let trees = crate::parser::parse(name, text, &|f| self.has_function(f))?;
        for t in trees {
            if t.is_empty()
                && self
                    .templates
                    .get(&t.name)
                    .is_some_and(|old| !old.is_empty())
            {
                continue;
            }
            self.templates.insert(t.name.clone(), Arc::new(t));
        }
        self.clear_cache();
        Ok(())
    }

    /// Executes the named template with `data` as dot (Go: `ExecuteTemplate`).
    pub fn execute(&self, name: &str, data: &Value) -> Result<String, Error> {
        let Some(tree) = self.tree(name) else {
            return Err(Error::new(
                ErrorKind::NotFound,
                format!(
                    "template: no template {} associated with template {}",
                    tug_value::fmt::quote(name),
                    tug_value::fmt::quote(ROOT_NAME)
                ),
            ));
        };
        let dot = Rv::of(data.clone());
        let mut st = State::new(self, None, tree, dot.clone(), 0);
        stacker::maybe_grow(
            crate::exec::STACK_RED_ZONE,
            crate::exec::STACK_SEGMENT,
            || st.run(&dot),
        )?;
        Ok(st.out)
    }

    /// Whether the set holds a template called `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.templates.contains_key(name)
    }

    /// The names of all templates in the set, sorted.
    pub fn names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.templates.keys().map(|k| &**k).collect();
        v.sort_unstable();
        v
    }

    pub(crate) fn tree(&self, name: &str) -> Option<&Tree> {
        self.templates.get(name).map(|t| &**t)
    }

    /// Parses `tpl` text, reusing an earlier parse of the same text and name.
    pub(crate) fn parse_cached(&self, name: &str, text: &str) -> Result<Arc<Vec<Tree>>, Error> {
        let key = (Str::from(name), Str::from(text));
        if let Ok(c) = self.tpl_cache.lock()
            && let Some(t) = c.get(&key)
        {
            return Ok(t.clone());
        }
        let trees = Arc::new(crate::parser::parse(name, text, &|f| self.has_function(f))?);
        if let Ok(mut c) = self.tpl_cache.lock() {
            if c.len() >= TPL_CACHE_ENTRIES {
                c.clear();
            }
            c.insert(key, trees.clone());
        }
        Ok(trees)
    }
}
