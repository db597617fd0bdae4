//! A command-line layer with the behaviour of spf13/cobra + pflag as Helm configures
//! them: command lookup with aliases and suggestions, flags anywhere on the line,
//! `-h/--help`, the `help` command, argument-count checks with Helm's wording, and
//! help text in cobra's layout. Commands are plain data ([`Command`]); what they do
//! lives in `crate::commands`.

pub mod duration;
pub mod flags;
pub mod help;

use std::io::Write;

use flags::{Flag, Kind, Values};

/// What a command does once its flags and arguments are parsed.
pub type RunFn = fn(&Invocation) -> Result<(), Failure>;

/// A command failure: the message Helm prints after `Error: `.
#[derive(Debug)]
pub struct Failure {
    /// The message.
    pub message: String,
}

impl Failure {
    /// A failure with `message`.
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
        }
    }
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure::new(e.to_string())
    }
}

/// How many positional arguments a command accepts (Helm's `require` package).
#[derive(Clone, Copy, Debug)]
pub enum Args {
    /// Anything.
    Any,
    /// None.
    None,
    /// Exactly n.
    Exact(usize),
    /// At least n.
    AtLeast(usize),
    /// At most n.
    AtMost(usize),
}

/// A command definition.
pub struct Command {
    /// Name.
    pub name: &'static str,
    /// Other names.
    pub aliases: &'static [&'static str],
    /// One-line description.
    pub short: &'static str,
    /// Long description (help text).
    pub long: &'static str,
    /// The arguments part of the usage line (`[NAME] [CHART]`).
    pub use_args: &'static str,
    /// Examples.
    pub example: &'static str,
    /// Flags of this command only.
    pub flags: Vec<Flag>,
    /// Flags inherited by subcommands.
    pub persistent: Vec<Flag>,
    /// Accepted positional arguments.
    pub args: Args,
    /// What it does; `None` for pure command groups.
    pub run: Option<RunFn>,
    /// Subcommands.
    pub children: Vec<Command>,
    /// Hidden from help.
    pub hidden: bool,
    /// Pass every argument through unparsed (cobra's `DisableFlagParsing`).
    pub raw_args: bool,
}

impl Command {
    /// A command group or leaf with the given name and description.
    pub fn new(name: &'static str, short: &'static str) -> Command {
        Command {
            name,
            aliases: &[],
            short,
            long: "",
            use_args: "",
            example: "",
            flags: Vec::new(),
            persistent: Vec::new(),
            args: Args::Any,
            run: None,
            children: Vec::new(),
            hidden: false,
            raw_args: false,
        }
    }
}

/// The parsed invocation handed to a command.
pub struct Invocation {
    /// The command path (`helm template`).
    pub path: String,
    /// Flag values.
    pub flags: Values,
    /// Positional arguments.
    pub args: Vec<String>,
}

/// The whole command tree and the name the binary was invoked as.
pub struct Tree {
    /// The binary's name.
    pub bin: String,
    /// The root command.
    pub root: Command,
    help_flag: Vec<Flag>,
}

impl Tree {
    /// A tree for `root` invoked as `bin`.
    pub fn new(bin: String, root: Command) -> Tree {
        Tree {
            bin,
            root,
            help_flag: Vec::new(),
        }
    }

    pub(crate) fn visible_children<'a>(&self, cmd: &'a Command) -> Vec<&'a Command> {
        let mut v: Vec<&Command> = cmd.children.iter().filter(|c| !c.hidden).collect();
        v.sort_by_key(|c| c.name);
        v
    }

    /// The flags parsed for the last command of `path`: its own, its persistent ones, the
    /// persistent ones of its ancestors, and `-h/--help`.
    fn all_flags<'a>(&'a self, path: &[&'a Command]) -> Vec<&'a Flag> {
        let mut out = self.local_flags(path);
        out.extend(self.inherited_flags(path));
        out
    }

    pub(crate) fn local_flags<'a>(&'a self, path: &[&'a Command]) -> Vec<&'a Flag> {
        let cmd = path[path.len() - 1];
        let mut out: Vec<&Flag> = cmd.flags.iter().chain(cmd.persistent.iter()).collect();
        let usage = format!("help for {}", cmd.name);
        out.extend(self.help_flag.iter().filter(|f| f.usage == usage));
        out
    }

    pub(crate) fn inherited_flags<'a>(&'a self, path: &[&'a Command]) -> Vec<&'a Flag> {
        path[..path.len() - 1]
            .iter()
            .flat_map(|c| c.persistent.iter())
            .collect()
    }

    /// Runs the command line `args` (without the binary name); returns the exit code.
    pub fn execute(mut self, args: Vec<String>) -> i32 {
        self.help_flag = help_flags(&self.root);
        match self.dispatch(&args) {
            Ok(()) => 0,
            Err(f) => {
                let _ = writeln!(std::io::stderr(), "Error: {}", f.message);
                1
            }
        }
    }

    fn dispatch(&self, args: &[String]) -> Result<(), Failure> {
        let (path, rest) = self.find(args)?;
        let cmd = path[path.len() - 1];
        if let (true, Some(run)) = (cmd.raw_args, cmd.run) {
            let inv = Invocation {
                path: help::command_path(self, &path),
                flags: Values::default(),
                args: rest,
            };
            return run(&inv);
        }
        let flags = self.all_flags(&path);
        let (values, positional) = flags::parse(&flags, &rest).map_err(Failure::new)?;
        if values.bool("help") {
            print!("{}", help::help(self, &path));
            return Ok(());
        }
        let Some(run) = cmd.run else {
            if path.len() == 1 && !positional.is_empty() {
                return Err(self.unknown_command(&positional[0]));
            }
            print!("{}", help::help(self, &path));
            return Ok(());
        };
        self.check_args(&path, positional.len())?;
        let inv = Invocation {
            path: help::command_path(self, &path),
            flags: values,
            args: positional,
        };
        run(&inv)
    }

    /// Walks down the tree following non-flag words (cobra's `Find`).
    fn find(&self, args: &[String]) -> Result<(Vec<&Command>, Vec<String>), Failure> {
        let mut path = vec![&self.root];
        let mut rest: Vec<String> = Vec::new();
        let mut i = 0;
        let mut descending = true;
        while i < args.len() {
            let a = &args[i];
            i += 1;
            if a == "--" {
                rest.extend(args[i - 1..].iter().cloned());
                break;
            }
            if a.starts_with('-') && a.len() > 1 {
                rest.push(a.clone());
                if !a.contains('=') && self.takes_value(&path, a) && i < args.len() {
                    rest.push(args[i].clone());
                    i += 1;
                }
                continue;
            }
            let cur = path[path.len() - 1];
            if descending {
                if path.len() == 1 && a == "help" {
                    return self.help_command(&args[i..]);
                }
                if let Some(c) = cur
                    .children
                    .iter()
                    .find(|c| c.name == a || c.aliases.contains(&a.as_str()))
                {
                    path.push(c);
                    continue;
                }
            }
            descending = false;
            rest.push(a.clone());
        }
        Ok((path, rest))
    }

    fn takes_value(&self, path: &[&Command], arg: &str) -> bool {
        let flags = self.all_flags(path);
        if let Some(long) = arg.strip_prefix("--") {
            return flags
                .iter()
                .any(|f| f.name == long && f.kind != Kind::Bool && f.no_opt.is_none());
        }
        let shorts: Vec<char> = arg[1..].chars().collect();
        shorts.len() == 1
            && flags
                .iter()
                .any(|f| f.short == Some(shorts[0]) && f.kind != Kind::Bool && f.no_opt.is_none())
    }

    fn help_command(&self, args: &[String]) -> Result<(Vec<&Command>, Vec<String>), Failure> {
        let mut path = vec![&self.root];
        for a in args {
            let cur = path[path.len() - 1];
            match cur
                .children
                .iter()
                .find(|c| c.name == a || c.aliases.contains(&a.as_str()))
            {
                Some(c) => path.push(c),
                None => break,
            }
        }
        print!("{}", help::help(self, &path));
        std::process::exit(0);
    }

    fn unknown_command(&self, word: &str) -> Failure {
        let mut msg = format!("unknown command {word:?} for {:?}", self.bin);
        let suggestions: Vec<&str> = self
            .visible_children(&self.root)
            .iter()
            .map(|c| c.name)
            .filter(|n| levenshtein(n, word) <= 2 || n.starts_with(word))
            .collect();
        if !suggestions.is_empty() {
            msg.push_str("\n\nDid you mean this?\n");
            for s in suggestions {
                msg.push_str(&format!("\t{s}\n"));
            }
        }
        msg.push_str(&format!("\nRun '{} --help' for usage.", self.bin));
        Failure::new(msg)
    }

    fn check_args(&self, path: &[&Command], n: usize) -> Result<(), Failure> {
        let cmd = path[path.len() - 1];
        let plural = |k: usize| if k == 1 { "" } else { "s" };
        let what = match cmd.args {
            Args::None if n > 0 => "accepts no arguments".to_string(),
            Args::Exact(k) if n != k => format!("requires {k} argument{}", plural(k)),
            Args::AtLeast(k) if n < k => format!("requires at least {k} argument{}", plural(k)),
            Args::AtMost(k) if n > k => format!("accepts at most {k} argument{}", plural(k)),
            _ => return Ok(()),
        };
        Err(Failure::new(format!(
            "\"{}\" {what}\n\nUsage:  {}",
            help::command_path(self, path),
            help::use_line(self, path)
        )))
    }
}

/// One `-h/--help` flag per command name (its usage names the command).
fn help_flags(root: &Command) -> Vec<Flag> {
    fn walk(c: &Command, out: &mut Vec<Flag>) {
        let usage: &'static str = Box::leak(format!("help for {}", c.name).into_boxed_str());
        out.push(Flag::new("help", Kind::Bool, usage).short('h'));
        for ch in &c.children {
            walk(ch, out);
        }
    }
    let mut out = Vec::new();
    walk(root, &mut out);
    out.sort_by_key(|f| f.usage);
    out.dedup_by_key(|f| f.usage);
    out
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}
