//! [`Context`] for the executor: what `include` and `tpl` are built on.

use tug_value::{Str, Value};

use super::{Overlay, Rv, State};
use crate::error::{Error, ErrorKind};
use crate::func::Context;
use crate::hash::FastMap;

impl<'a> State<'a> {
    /// Runs `name` in a fresh state (Go's `ExecuteTemplate` on the live set).
    fn run_named(&self, name: &str, data: &Value) -> Result<String, Error> {
        let Some(tree) = self.lookup(name) else {
            return Err(Error::new(
                ErrorKind::NotFound,
                format!(
                    "template: no template {} associated with template {}",
                    tug_value::fmt::quote(name),
                    tug_value::fmt::quote(crate::set::ROOT_NAME)
                ),
            ));
        };
        self.check_nesting()?;
        let dot = Rv::of(data.clone());
        let mut st = State::new(self.set, self.overlay, tree, dot.clone(), self.depth + 1);
        st.nest = self.nest + 1;
        st.run(&dot)?;
        Ok(st.out)
    }

    fn check_nesting(&self) -> Result<(), Error> {
        if self.depth >= self.set.max_depth {
            return Err(self.error_kind(
                ErrorKind::Limit,
                format_args!(
                    "exceeded maximum template depth ({})",
                    super::MAX_EXEC_DEPTH
                ),
            ));
        }
        if self.nest >= super::MAX_NESTED_EXECUTIONS {
            return Err(self.error_kind(
                ErrorKind::Limit,
                format_args!(
                    "exceeded maximum nesting of include/tpl ({})",
                    super::MAX_NESTED_EXECUTIONS
                ),
            ));
        }
        Ok(())
    }

    /// Parses `text` as template `name` into a new overlay and runs it.
    fn run_text(&self, name: &str, text: &str, data: &Value) -> Result<String, Error> {
        self.check_nesting()?;
        let trees = self.set.parse_cached(name, text)?;
        let mut overlay = Overlay {
            trees: FastMap::default(),
            parent: self.overlay,
        };
        let mut main = None;
        for t in trees.iter() {
            let visible = overlay
                .trees
                .get(&t.name)
                .copied()
                .or_else(|| self.lookup(&t.name));
            if *t.name == *name {
                // Go executes the template it just parsed even when the set keeps an
                // older non-empty definition under the same name.
                main = Some(t);
            }
            if t.is_empty() && visible.is_some_and(|v| !v.is_empty()) {
                continue;
            }
            overlay.trees.insert(Str::clone(&t.name), t);
        }
        let Some(tree) = main else {
            return Ok(String::new());
        };
        let dot = Rv::of(data.clone());
        let mut st = State::new(self.set, Some(&overlay), tree, dot.clone(), self.depth + 1);
        st.nest = self.nest + 1;
        st.run(&dot)?;
        Ok(st.out)
    }
}

impl Context for State<'_> {
    fn execute_named(&mut self, name: &str, data: &Value) -> Result<String, Error> {
        self.run_named(name, data)
    }

    fn execute_text(&mut self, text: &str, data: &Value) -> Result<String, Error> {
        self.run_text(crate::set::ROOT_NAME, text, data)
    }

    fn execute_text_as(&mut self, name: &str, text: &str, data: &Value) -> Result<String, Error> {
        self.run_text(name, text, data)
    }

    fn template_name(&self) -> &str {
        &self.tree.name
    }

    fn location(&self) -> String {
        match self.node {
            Some(n) => self.tree.location(n.at_pos()),
            None => self.tree.name.to_string(),
        }
    }
}
